package io.joysync.devnet.chain;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The hash functions the Substrate runtime uses for block and transaction hashes (blake2b-256) and
 * for storage keys (twox128 prefixes, blake2_128concat map keys). Pure functions, thread-safe.
 */
public final class Hashing {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private Hashing() {}

  public static byte[] blake2b256(byte[] data) {
    return blake2b(data, 32);
  }

  public static byte[] blake2b128(byte[] data) {
    return blake2b(data, 16);
  }

  private static byte[] blake2b(byte[] data, int size) {
    Blake2bDigest digest = new Blake2bDigest(size * 8);
    digest.update(data, 0, data.length);
    byte[] out = new byte[size];
    digest.doFinal(out, 0);
    return out;
  }

  /** twox128 of a UTF-8 name, as used for pallet and storage item prefixes. */
  public static byte[] twox128(String name) {
    return twox128(name.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] twox128(byte[] data) {
    byte[] out = new byte[16];
    putLe(out, 0, xxh64(data, 0));
    putLe(out, 8, xxh64(data, 1));
    return out;
  }

  /** blake2_128(data) followed by data itself. */
  public static byte[] blake2128Concat(byte[] data) {
    byte[] out = new byte[16 + data.length];
    System.arraycopy(blake2b128(data), 0, out, 0, 16);
    System.arraycopy(data, 0, out, 16, data.length);
    return out;
  }

  static long xxh64(byte[] in, long seed) {
    int len = in.length;
    int i = 0;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      while (i <= len - 32) {
        v1 = round(v1, getLe(in, i));
        v2 = round(v2, getLe(in, i + 8));
        v3 = round(v3, getLe(in, i + 16));
        v4 = round(v4, getLe(in, i + 24));
        i += 32;
      }
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
    while (i <= len - 8) {
      h ^= round(0, getLe(in, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      i += 8;
    }
    if (i <= len - 4) {
      h ^= (getLe32(in, i) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      i += 4;
    }
    while (i < len) {
      h ^= (in[i] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      i++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long h, long v) {
    h ^= round(0, v);
    return h * P1 + P4;
  }

  private static long getLe(byte[] b, int i) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (b[i + k] & 0xFFL);
    }
    return v;
  }

  private static int getLe32(byte[] b, int i) {
    return (b[i] & 0xFF)
        | (b[i + 1] & 0xFF) << 8
        | (b[i + 2] & 0xFF) << 16
        | (b[i + 3] & 0xFF) << 24;
  }

  private static void putLe(byte[] out, int off, long v) {
    for (int k = 0; k < 8; k++) {
      out[off + k] = (byte) (v >>> (8 * k));
    }
  }
}
