package io.joysync.joystream.crypto;

/**
 * The "twox" hashes of Substrate: XXH64 with seeds 0, 1, 2, 3 concatenated little-endian (twox64 =
 * seed 0, twox128 = seeds 0 and 1, twox256 = seeds 0 to 3). Used for storage prefixes; not a
 * cryptographic hash.
 */
public final class XxHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash() {}

  public static byte[] twox64(byte[] data) {
    return twox(data, 1);
  }

  public static byte[] twox128(byte[] data) {
    return twox(data, 2);
  }

  public static byte[] twox256(byte[] data) {
    return twox(data, 4);
  }

  private static byte[] twox(byte[] data, int rounds) {
    byte[] out = new byte[8 * rounds];
    for (int seed = 0; seed < rounds; seed++) {
      long h = xxh64(data, seed);
      for (int i = 0; i < 8; i++) {
        out[8 * seed + i] = (byte) (h >>> (8 * i));
      }
    }
    return out;
  }

  /** XXH64 of {@code data} with {@code seed}. */
  public static long xxh64(byte[] data, long seed) {
    int len = data.length;
    int p = 0;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      int limit = len - 32;
      do {
        v1 = round(v1, lane(data, p));
        v2 = round(v2, lane(data, p + 8));
        v3 = round(v3, lane(data, p + 16));
        v4 = round(v4, lane(data, p + 24));
        p += 32;
      } while (p <= limit);
      h =
          Long.rotateLeft(v1, 1)
              + Long.rotateLeft(v2, 7)
              + Long.rotateLeft(v3, 12)
              + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    while (p + 8 <= len) {
      h ^= round(0, lane(data, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      p += 8;
    }
    if (p + 4 <= len) {
      long k =
          (data[p] & 0xffL)
              | (data[p + 1] & 0xffL) << 8
              | (data[p + 2] & 0xffL) << 16
              | (data[p + 3] & 0xffL) << 24;
      h ^= k * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    while (p < len) {
      h ^= (data[p] & 0xffL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      p++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long lane(byte[] b, int p) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[p + i] & 0xffL);
    }
    return v;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long v) {
    acc ^= round(0, v);
    return acc * P1 + P4;
  }
}
