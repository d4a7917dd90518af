package io.joysync.devnet.faults;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The run-time fault switches of the devnet, read by the chain node, Orion and Colossus on every
 * request and flipped by the admin API (or set from config at start). Each field is volatile: a
 * switch takes effect for the next request, with no restart.
 */
public final class FaultSwitches {
  private volatile boolean dropExtrinsics;
  private volatile boolean announceDrops = true;
  private volatile Duration extrinsicDelay = Duration.ZERO;
  private volatile String answerInvalid;
  private volatile boolean stallFinality;
  private volatile boolean stallInclusion;
  private volatile RuntimeUpgrade runtimeUpgrade;
  private volatile int orionExtraLag;
  private volatile boolean orionDown;
  private volatile boolean storageDown;
  private volatile Duration storageDelay = Duration.ZERO;
  private volatile long storageLinkBytesPerSecond;
  private volatile boolean storageErrors;
  private volatile double dropExtrinsicsShare;
  private volatile double storageErrorShare;
  private volatile boolean faucetDown;
  private volatile boolean faucetErrors;
  private volatile boolean faucetAnswerLost;

  public boolean dropExtrinsics() {
    return dropExtrinsics;
  }

  /**
   * Whether the block being built drops this ready extrinsic from the pool: always while {@link
   * #dropExtrinsics} is on, otherwise with the probability {@link #dropExtrinsicsShare} (drawn each
   * time a block would take it), as a chain under load loses some of what it was sent.
   */
  public boolean dropsExtrinsic() {
    return dropExtrinsics || draw(dropExtrinsicsShare);
  }

  /** The share (0 to 1) of extrinsics dropped while {@link #dropExtrinsics} is off. */
  public double dropExtrinsicsShare() {
    return dropExtrinsicsShare;
  }

  public void setDropExtrinsicsShare(double share) {
    this.dropExtrinsicsShare = requireShare("dropExtrinsicsShare", share);
  }

  /**
   * Whether Colossus fails this upload with 500: always while {@link #storageErrors} is on,
   * otherwise with the probability {@link #storageErrorShare}.
   */
  public boolean failsUpload() {
    return storageErrors || draw(storageErrorShare);
  }

  /** The share (0 to 1) of uploads failed while {@link #storageErrors} is off. */
  public double storageErrorShare() {
    return storageErrorShare;
  }

  public void setStorageErrorShare(double share) {
    this.storageErrorShare = requireShare("storageErrorShare", share);
  }

  private static boolean draw(double share) {
    return share > 0 && ThreadLocalRandom.current().nextDouble() < share;
  }

  private static double requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + share);
    }
    return share;
  }

  public boolean announceDrops() {
    return announceDrops;
  }

  public Duration extrinsicDelay() {
    return extrinsicDelay;
  }

  /** When present, every submission is answered 1010 Invalid Transaction with this data. */
  public Optional<String> answerInvalid() {
    return Optional.ofNullable(answerInvalid);
  }

  public boolean stallFinality() {
    return stallFinality;
  }

  /**
   * When on, blocks keep coming but take no extrinsic from the pool: what was sent stays there,
   * ready, as on a chain whose blocks are filled by others.
   */
  public boolean stallInclusion() {
    return stallInclusion;
  }

  /** The runtime upgrade scheduled and not yet enacted, if any. */
  public Optional<RuntimeUpgrade> runtimeUpgrade() {
    return Optional.ofNullable(runtimeUpgrade);
  }

  public int orionExtraLag() {
    return orionExtraLag;
  }

  public boolean orionDown() {
    return orionDown;
  }

  public boolean storageDown() {
    return storageDown;
  }

  public Duration storageDelay() {
    return storageDelay;
  }

  public boolean storageErrors() {
    return storageErrors;
  }

  /**
   * The capacity of the link all uploads to a storage node share (bytes a second; 0: not shaped): a
   * slow storage node in throughput, where {@link #storageDelay} slows each request.
   */
  public long storageLinkBytesPerSecond() {
    return storageLinkBytesPerSecond;
  }

  public void setStorageLinkBytesPerSecond(long bytesPerSecond) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException(
          "storageLinkBytesPerSecond must not be negative, got " + bytesPerSecond);
    }
    this.storageLinkBytesPerSecond = bytesPerSecond;
  }

  public void setDropExtrinsics(boolean drop, boolean announce) {
    this.dropExtrinsics = drop;
    this.announceDrops = announce;
  }

  public void setExtrinsicDelay(Duration delay) {
    this.extrinsicDelay = requireNonNegative(delay);
  }

  public void setAnswerInvalid(Optional<String> data) {
    this.answerInvalid = data.orElse(null);
  }

  public void setStallFinality(boolean stall) {
    this.stallFinality = stall;
  }

  public void setStallInclusion(boolean stall) {
    this.stallInclusion = stall;
  }

  /** Schedules a runtime upgrade (replacing one not yet enacted), or cancels it when empty. */
  public synchronized void setRuntimeUpgrade(Optional<RuntimeUpgrade> upgrade) {
    this.runtimeUpgrade = upgrade.orElse(null);
  }

  /**
   * The scheduled upgrade if block {@code number} enacts it (its block or a later one, when it was
   * scheduled for a block already past); it is then no longer scheduled.
   */
  public synchronized Optional<RuntimeUpgrade> takeRuntimeUpgradeDue(long number) {
    RuntimeUpgrade due = runtimeUpgrade;
    if (due == null || due.atBlock() > number) {
      return Optional.empty();
    }
    runtimeUpgrade = null;
    return Optional.of(due);
  }

  public boolean faucetDown() {
    return faucetDown;
  }

  /** When on, the faucet answers every registration 500 InternalServerError. */
  public boolean faucetErrors() {
    return faucetErrors;
  }

  /**
   * When on, the faucet buys the membership and then answers 500 InternalServerError, as the real
   * one does when it loses track of a transaction it submitted: the caller cannot tell it was
   * bought.
   */
  public boolean faucetAnswerLost() {
    return faucetAnswerLost;
  }

  public void setFaucetAnswerLost(boolean lost) {
    this.faucetAnswerLost = lost;
  }

  public void setFaucetDown(boolean down) {
    this.faucetDown = down;
  }

  public void setFaucetErrors(boolean errors) {
    this.faucetErrors = errors;
  }

  public void setOrionExtraLag(int blocks) {
    if (blocks < 0) {
      throw new IllegalArgumentException("Orion lag must be >= 0 blocks, got " + blocks);
    }
    this.orionExtraLag = blocks;
  }

  public void setOrionDown(boolean down) {
    this.orionDown = down;
  }

  public void setStorageDown(boolean down) {
    this.storageDown = down;
  }

  public void setStorageDelay(Duration delay) {
    this.storageDelay = requireNonNegative(delay);
  }

  public void setStorageErrors(boolean errors) {
    this.storageErrors = errors;
  }

  /** Turns every switch off and cancels a scheduled runtime upgrade (an enacted one stays). */
  public void reset() {
    setDropExtrinsics(false, true);
    extrinsicDelay = Duration.ZERO;
    answerInvalid = null;
    stallFinality = false;
    stallInclusion = false;
    runtimeUpgrade = null;
    orionExtraLag = 0;
    orionDown = false;
    storageDown = false;
    storageDelay = Duration.ZERO;
    storageLinkBytesPerSecond = 0;
    storageErrors = false;
    dropExtrinsicsShare = 0;
    storageErrorShare = 0;
    faucetDown = false;
    faucetErrors = false;
    faucetAnswerLost = false;
  }

  private static Duration requireNonNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a delay must not be negative, got " + d);
    }
    return d;
  }
}
