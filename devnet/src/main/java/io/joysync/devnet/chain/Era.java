package io.joysync.devnet.chain;

/**
 * The CheckMortality era of a signed extrinsic: immortal, or mortal with a power-of-two period and
 * a phase. {@link #birth(long)} is the runtime's rule for finding the block whose hash the signer
 * committed to; for an expired era it points to a later block, so an expired transaction fails the
 * signature check exactly as on the real chain.
 */
public record Era(boolean immortal, long period, long phase) {
  public static final Era IMMORTAL = new Era(true, 0, 0);

  /** Decodes from the extrinsic bytes; {@code first} is the first era byte. */
  static Era decode(int first, int second) {
    int encoded = first | (second << 8);
    long period = 2L << (encoded % (1 << 4));
    long quantizeFactor = Math.max(period >> 12, 1);
    long phase = (encoded >> 4) * quantizeFactor;
    if (period < 4 || phase >= period) {
      throw new IllegalArgumentException("invalid mortal era bytes");
    }
    return new Era(false, period, phase);
  }

  public long birth(long current) {
    if (immortal) {
      return 0;
    }
    return (Math.max(current, phase) - phase) / period * period + phase;
  }

  public long death(long current) {
    return immortal ? Long.MAX_VALUE : birth(current) + period;
  }
}
