package io.joysync.joystream.crypto;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * BLAKE2b with the output sizes Substrate uses: 128 bits (storage hasher), 256 bits (block and
 * transaction hashes, large signing payloads) and 512 bits (SS58 checksums). Unkeyed, no
 * personalisation, exactly as {@code sp_core::hashing}.
 */
public final class Blake2b {
  private Blake2b() {}

  public static byte[] hash128(byte[] data) {
    return hash(data, 128);
  }

  public static byte[] hash256(byte[] data) {
    return hash(data, 256);
  }

  public static byte[] hash512(byte[] data) {
    return hash(data, 512);
  }

  /** Hashes {@code data} with the given digest size in bits (a multiple of 8, 8..512). */
  public static byte[] hash(byte[] data, int bits) {
    return hash(data, 0, data.length, bits);
  }

  public static byte[] hash(byte[] data, int offset, int length, int bits) {
    Blake2bDigest digest = new Blake2bDigest(bits);
    digest.update(data, offset, length);
    byte[] out = new byte[bits / 8];
    digest.doFinal(out, 0);
    return out;
  }
}
