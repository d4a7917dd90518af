package io.joysync.devnet.chain;

import io.joysync.joystream.crypto.Blake2b;
import io.joysync.joystream.crypto.XxHash;
import java.nio.charset.StandardCharsets;

/**
 * The hash functions the Substrate runtime uses for block and transaction hashes (blake2b-256) and
 * for storage keys (twox128 prefixes, blake2_128concat map keys), named as the devnet's runtime
 * uses them. The primitives are joystream-client's (checked there against the reference vectors);
 * what the devnet validates with them is its own.
 */
public final class Hashing {

  private Hashing() {}

  public static byte[] blake2b256(byte[] data) {
    return Blake2b.hash256(data);
  }

  public static byte[] blake2b128(byte[] data) {
    return Blake2b.hash128(data);
  }

  /** twox128 of a UTF-8 name, as used for pallet and storage item prefixes. */
  public static byte[] twox128(String name) {
    return twox128(name.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] twox128(byte[] data) {
    return XxHash.twox128(data);
  }

  /** blake2_128(data) followed by data itself. */
  public static byte[] blake2128Concat(byte[] data) {
    byte[] out = new byte[16 + data.length];
    System.arraycopy(blake2b128(data), 0, out, 0, 16);
    System.arraycopy(data, 0, out, 16, data.length);
    return out;
  }
}
