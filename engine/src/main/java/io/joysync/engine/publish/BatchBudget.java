package io.joysync.engine.publish;

/**
 * How much one extrinsic of one account may hold: its part of the configured share of a block's
 * Normal weight and length (the share is split evenly over the accounts, and an account puts at
 * most one extrinsic into each block), never more than one extrinsic may weigh. The weight of a
 * video is the runtime's benchmarked {@code create_video_without_nft(a, b, c)} plus the utility
 * pallet's per-item cost; the devnet's block builder uses the same model.
 *
 * @param weightCap the most an extrinsic may weigh, its base weight included
 * @param lengthCap the most bytes an extrinsic may have
 */
public record BatchBudget(long weightCap, long lengthCap, BlockLimits limits) {
  /** utility.batch_all's weight before its items. */
  static final long BATCH_BASE_WEIGHT = 19_000_000L;

  /** utility.batch_all's weight per item. */
  static final long BATCH_ITEM_WEIGHT = 5_360_000L;

  /** Bytes of a signed extrinsic besides its call: length, signer, signature, era, nonce, tip. */
  static final int EXTRINSIC_OVERHEAD_BYTES = 110;

  public static BatchBudget of(BlockLimits limits, double blockShare, int accounts) {
    double share = blockShare / Math.max(1, accounts);
    long weight =
        Math.min(limits.normalMaxExtrinsic(), (long) (share * limits.normalWeightForExtrinsics()));
    long length = Math.min(limits.normalMaxLength(), (long) (share * limits.normalMaxLength()));
    return new BatchBudget(weight, length, limits);
  }

  /**
   * create_video_without_nft(a, b, c) + (14 + b) reads + (8 + a + b) writes, c = metadata in whole
   * kilobytes rounded up, plus the batch's per-item weight.
   */
  public long videoWeight(int assets, long buckets, int metaBytes) {
    long c = (metaBytes + 999L) / 1000L;
    return 304_902_625L
        + 8_199_620L * assets
        + 9_926_047L * buckets
        + 1_050_573L * c
        + (14 + buckets) * limits.dbRead()
        + (8 + assets + buckets) * limits.dbWrite()
        + BATCH_ITEM_WEIGHT;
  }

  /**
   * A metadata-only update_video: a generous bound of the runtime's update weight without assets
   * (it reads and writes far less than a creation), c = metadata in whole kilobytes rounded up,
   * plus the batch's per-item weight.
   */
  public long updateWeight(int metaBytes) {
    long c = (metaBytes + 999L) / 1000L;
    return 400_000_000L
        + 1_050_573L * c
        + 8 * limits.dbRead()
        + 4 * limits.dbWrite()
        + BATCH_ITEM_WEIGHT;
  }

  /** The weight of an extrinsic holding an empty batch. */
  public long emptyBatchWeight() {
    return limits.baseExtrinsic() + BATCH_BASE_WEIGHT;
  }

  /** Whether an extrinsic of this weight and call length stays within the budget. */
  public boolean fits(long weight, long callLength) {
    return weight <= weightCap && callLength + EXTRINSIC_OVERHEAD_BYTES <= lengthCap;
  }
}
