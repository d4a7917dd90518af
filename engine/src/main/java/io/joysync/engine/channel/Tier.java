package io.joysync.engine.channel;

import java.util.Arrays;
import java.util.Optional;

/**
 * A verified channel's YPP tier and what it is allowed: how many of its latest videos the initial
 * ingestion takes, how many bytes of historical videos (published before sign-up) are synced, and
 * what a referrer earns for it. Unverified channels get the Bronze limits.
 */
public enum Tier {
  BRONZE("Bronze", 5, 1_000_000_000L, 2),
  SILVER("Silver", 100, 10_000_000_000L, 25),
  GOLD("Gold", 250, 100_000_000_000L, 50),
  DIAMOND("Diamond", 1000, 1_000_000_000_000L, 100);

  private final String wireName;
  private final int videoCap;
  private final long historicalSizeCap;
  private final int referralReward;

  Tier(String wireName, int videoCap, long historicalSizeCap, int referralReward) {
    this.wireName = wireName;
    this.videoCap = videoCap;
    this.historicalSizeCap = historicalSizeCap;
    this.referralReward = referralReward;
  }

  public String wireName() {
    return wireName;
  }

  public int videoCap() {
    return videoCap;
  }

  public long historicalSizeCap() {
    return historicalSizeCap;
  }

  public int referralReward() {
    return referralReward;
  }

  public static Optional<Tier> parse(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }
}
