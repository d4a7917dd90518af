package io.joysync.joystream.extrinsic;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;

/**
 * The lifetime of a transaction (CheckMortality). Immortal is one {@code 00} byte and signs over
 * the genesis hash; mortal packs a power-of-two period (4..65536) and the birth block's phase into
 * two bytes and signs over the birth block's hash. Periods above 4096 quantize the phase, so the
 * birth block is computed from the encoded (decoded) phase, as the chain does.
 */
public sealed interface Era {
  /** Never expires (discouraged: replayable after an account is reaped). */
  enum Immortal implements Era {
    INSTANCE
  }

  /** Valid from the birth block for {@code period} blocks. */
  record Mortal(long period, long phase) implements Era {
    public Mortal {
      if (period < 4 || period > 65536 || Long.bitCount(period) != 1) {
        throw new IllegalArgumentException(
            "era period must be a power of two from 4 to 65536, got " + period);
      }
      long quantize = Math.max(period >> 12, 1);
      if (phase < 0 || phase >= period || phase % quantize != 0) {
        throw new IllegalArgumentException(
            "era phase " + phase + " invalid for period " + period + " (quantum " + quantize + ")");
      }
    }

    /** The block number this era starts at, seen from block {@code current} within it. */
    public long birthBlock(long current) {
      return (Math.max(current, phase) - phase) / period * period + phase;
    }

    /** The first block at which the transaction is no longer valid. */
    public long deathBlock(long current) {
      return birthBlock(current) + period;
    }
  }

  static Era immortal() {
    return Immortal.INSTANCE;
  }

  /**
   * A mortal era starting at {@code currentBlock}; the period is rounded up to a power of two and
   * clamped to 4..65536.
   */
  static Mortal mortal(long period, long currentBlock) {
    if (period <= 0 || currentBlock < 0) {
      throw new IllegalArgumentException(
          "era needs a positive period and a block number, got " + period + ", " + currentBlock);
    }
    long p = Long.highestOneBit(period);
    if (p < period) {
      p <<= 1;
    }
    p = Math.min(Math.max(p, 4), 65536);
    long phase = currentBlock % p;
    long quantize = Math.max(p >> 12, 1);
    return new Mortal(p, phase / quantize * quantize);
  }

  default void encode(ScaleWriter w) {
    if (this instanceof Mortal m) {
      long quantize = Math.max(m.period() >> 12, 1);
      int low = Math.min(Math.max(Long.numberOfTrailingZeros(m.period()) - 1, 1), 15);
      w.writeU16((int) (low | ((m.phase() / quantize) << 4)));
    } else {
      w.writeU8(0);
    }
  }

  static Era decode(ScaleReader r) {
    int at = r.position();
    int first = r.readU8();
    if (first == 0) {
      return Immortal.INSTANCE;
    }
    int encoded = first | (r.readU8() << 8);
    long period = 2L << (encoded % 16);
    long quantize = Math.max(period >> 12, 1);
    long phase = (long) (encoded >> 4) * quantize;
    if (period < 4 || phase >= period) {
      throw new ScaleException(
          "invalid mortal era at offset " + at + ": period " + period + ", phase " + phase);
    }
    return new Mortal(period, phase);
  }
}
