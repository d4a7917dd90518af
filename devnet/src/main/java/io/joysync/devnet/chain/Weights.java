package io.joysync.devnet.chain;

import io.joysync.devnet.chain.RuntimeCall.Batch;
import io.joysync.devnet.chain.RuntimeCall.CreateVideo;
import java.math.BigInteger;

/**
 * Weight, length and fee rules of runtime spec 2004: the block limits of the Normal class, the
 * create_video weight formula from the content pallet's benchmarks, the utility per-item overhead,
 * and the transaction-payment fee (base + per-byte + multiplier x weight fee). Weights of the other
 * calls are close approximations (they never decide whether a sync batch fits).
 */
public final class Weights {
  public static final long MAX_BLOCK_REF_TIME = 2_000_000_000_000L;
  public static final long NORMAL_MAX_TOTAL = 1_500_000_000_000L;
  public static final long EXTRINSIC_BASE_WEIGHT = 110_530_000L;
  public static final long BLOCK_EXECUTION_WEIGHT = 441_686_000L;

  /** Normal max_extrinsic: 75 % of the block minus the 10 % on_initialize reserve and the base. */
  public static final long NORMAL_MAX_EXTRINSIC =
      NORMAL_MAX_TOTAL - MAX_BLOCK_REF_TIME / 10 - EXTRINSIC_BASE_WEIGHT;

  public static final long MAX_BLOCK_LENGTH = 5L * 1024 * 1024;
  public static final long NORMAL_MAX_LENGTH = MAX_BLOCK_LENGTH * 3 / 4;
  public static final long DB_READ = 4_968_000L;
  public static final long DB_WRITE = 64_373_000L;

  /** TransactionByteFee. */
  public static final BigInteger BYTE_FEE = BigInteger.valueOf(333_333);

  /** WeightToFee(ExtrinsicBaseWeight) = CENTS / 50. */
  public static final BigInteger BASE_FEE = BigInteger.valueOf(33_333_333);

  /** Perbill coefficient of the linear WeightToFee: (CENTS / 50) / ExtrinsicBaseWeight. */
  private static final BigInteger WEIGHT_FEE_PARTS_PER_BILLION = BigInteger.valueOf(301_577_245);

  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000);
  private static final BigInteger FIXED_ONE = BigInteger.TEN.pow(18);

  private Weights() {}

  /** ref_time of a call's dispatch (without the extrinsic base weight). */
  public static long callWeight(RuntimeCall call) {
    if (call instanceof CreateVideo v) {
      return createVideo(v);
    }
    if (call instanceof Batch b) {
      long sum = 19_000_000L + 5_360_000L * b.calls().size();
      for (RuntimeCall c : b.calls()) {
        sum += callWeight(c);
      }
      return sum;
    }
    if (call instanceof RuntimeCall.Transfer) {
      return 91_000_000L + DB_READ + DB_WRITE;
    }
    if (call instanceof RuntimeCall.BuyMembership) {
      return 150_000_000L + 6 * DB_READ + 4 * DB_WRITE;
    }
    if (call instanceof RuntimeCall.CreateChannel c) {
      return 420_000_000L + 20 * DB_READ + (10 + assets(c.assets())) * DB_WRITE;
    }
    if (call instanceof RuntimeCall.UpdateChannel u) {
      return 260_000_000L + 12 * DB_READ + (4 + assets(u.assets())) * DB_WRITE;
    }
    if (call instanceof RuntimeCall.UpdateVideo u) {
      long kilobytes = (u.newMeta().map(m -> m.length).orElse(0) + 999) / 1000;
      return 220_000_000L + 1_050_573L * kilobytes + 6 * DB_READ + 2 * DB_WRITE;
    }
    if (call instanceof RuntimeCall.DeleteVideo d) {
      return 250_000_000L
          + 10 * DB_READ
          + (4 + Math.min(d.numObjectsToDelete(), 1_000_000L)) * DB_WRITE;
    }
    if (call instanceof RuntimeCall.DeleteChannel d) {
      return 400_000_000L
          + 14 * DB_READ
          + (6 + Math.min(d.numObjectsToDelete(), 1_000_000L)) * DB_WRITE;
    }
    return 9_000_000L + DB_READ + DB_WRITE;
  }

  private static int assets(java.util.Optional<RuntimeCall.StorageAssets> assets) {
    return assets.map(a -> a.objects().size()).orElse(0);
  }

  /**
   * create_video_without_nft(a, b, c): 304,902,625 + 8,199,620 a + 9,926,047 b + 1,050,573 c + (14
   * + b) reads + (8 + a + b) writes, with c the metadata size in whole kilobytes rounded up.
   */
  static long createVideo(CreateVideo v) {
    long a = assets(v.assets());
    long b = v.bucketsWitness();
    long c = (v.meta().map(m -> m.length).orElse(0) + 999) / 1000;
    return 304_902_625L
        + 8_199_620L * a
        + 9_926_047L * b
        + 1_050_573L * c
        + (14 + b) * DB_READ
        + (8 + a + b) * DB_WRITE;
  }

  /** Linear WeightToFee with a Perbill coefficient (rounded down). */
  public static BigInteger weightToFee(long weight) {
    return BigInteger.valueOf(weight).multiply(WEIGHT_FEE_PARTS_PER_BILLION).divide(BILLION);
  }

  /**
   * The partial fee (inclusion fee without tip): base + length x byte fee + multiplier x
   * WeightToFee(call weight). {@code multiplier} is FixedU128 with 10^18 = 1.
   */
  public static BigInteger inclusionFee(long callWeight, int length, BigInteger multiplier) {
    BigInteger lengthFee = BYTE_FEE.multiply(BigInteger.valueOf(length));
    BigInteger adjusted = weightToFee(callWeight).multiply(multiplier).divide(FIXED_ONE);
    return BASE_FEE.add(lengthFee).add(adjusted);
  }

  /**
   * ChargeTransactionPayment's priority for Normal transactions: (tip + 1) times the number of such
   * transactions that would fit in a block by weight or length, whichever is smaller.
   */
  public static long priority(BigInteger tip, long callWeight, int length) {
    long bounded = Math.max(1, callWeight + EXTRINSIC_BASE_WEIGHT);
    long byWeight = MAX_BLOCK_REF_TIME / bounded;
    long byLength = MAX_BLOCK_LENGTH / Math.max(1, length);
    long perBlock = Math.max(1, Math.min(byWeight, byLength));
    BigInteger p = tip.add(BigInteger.ONE).multiply(BigInteger.valueOf(perBlock));
    return p.bitLength() > 63 ? Long.MAX_VALUE : p.longValue();
  }

  /** TargetBlockFullness of the slow-adjusting fee multiplier. */
  private static final java.math.BigDecimal TARGET_FULLNESS = new java.math.BigDecimal("0.25");

  /** AdjustmentVariable (3 / 100,000). */
  private static final java.math.BigDecimal ADJUSTMENT = new java.math.BigDecimal("0.00003");

  /** MinimumMultiplier: 10^-9 as FixedU128. */
  private static final BigInteger MIN_MULTIPLIER = BigInteger.valueOf(1_000_000_000L);

  /**
   * The next fee multiplier after a block whose Normal-class extrinsics used {@code normalWeight}
   * (Polkadot's TargetedFeeAdjustment, as Joystream configures it): m' = m (1 + v d + v² d² / 2)
   * with d = fullness - 25 %, never below 10^-9. FixedU128: 10^18 = 1.
   */
  public static BigInteger nextFeeMultiplier(BigInteger multiplier, long normalWeight) {
    java.math.MathContext mc = java.math.MathContext.DECIMAL128;
    java.math.BigDecimal fullness =
        java.math.BigDecimal.valueOf(Math.min(normalWeight, NORMAL_MAX_TOTAL))
            .divide(java.math.BigDecimal.valueOf(NORMAL_MAX_TOTAL), mc);
    java.math.BigDecimal diff = fullness.subtract(TARGET_FULLNESS);
    java.math.BigDecimal first = ADJUSTMENT.multiply(diff, mc);
    java.math.BigDecimal second =
        ADJUSTMENT
            .pow(2, mc)
            .multiply(diff.pow(2, mc), mc)
            .divide(java.math.BigDecimal.valueOf(2), mc);
    java.math.BigDecimal factor = java.math.BigDecimal.ONE.add(first, mc).add(second, mc);
    BigInteger next = new java.math.BigDecimal(multiplier).multiply(factor, mc).toBigInteger();
    return next.max(MIN_MULTIPLIER);
  }
}
