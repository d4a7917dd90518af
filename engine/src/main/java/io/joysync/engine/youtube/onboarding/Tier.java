package io.joysync.engine.youtube.onboarding;

/**
 * The partner-program tiers and their hard limits on the historical (pre-sign-up) catalogue: how
 * many videos are taken at first ingestion and how many bytes of them may be synced. Unverified
 * channels get Bronze limits.
 */
public enum Tier {
  BRONZE(5, 1_000_000_000L, 2),
  SILVER(100, 10_000_000_000L, 25),
  GOLD(250, 100_000_000_000L, 50),
  DIAMOND(1_000, 1_000_000_000_000L, 100);

  private final int videoCap;
  private final long sizeCapBytes;
  private final int referralReward;

  Tier(int videoCap, long sizeCapBytes, int referralReward) {
    this.videoCap = videoCap;
    this.sizeCapBytes = sizeCapBytes;
    this.referralReward = referralReward;
  }

  /** The tier of a {@code yppStatus} such as {@code Verified::Gold}; anything else is Bronze. */
  public static Tier of(String yppStatus) {
    if (yppStatus == null || !yppStatus.startsWith("Verified::")) {
      return BRONZE;
    }
    return switch (yppStatus.substring("Verified::".length())) {
      case "Silver" -> SILVER;
      case "Gold" -> GOLD;
      case "Diamond" -> DIAMOND;
      default -> BRONZE;
    };
  }

  public int videoCap() {
    return videoCap;
  }

  public long sizeCapBytes() {
    return sizeCapBytes;
  }

  public int referralReward() {
    return referralReward;
  }

  public boolean sizeLimitReached(long historicalVideoSyncedBytes) {
    return historicalVideoSyncedBytes >= sizeCapBytes;
  }
}
