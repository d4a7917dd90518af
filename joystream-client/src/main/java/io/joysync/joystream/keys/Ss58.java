package io.joysync.joystream.keys;

import io.joysync.joystream.crypto.Base58;
import io.joysync.joystream.crypto.Blake2b;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * SS58 addresses for 32-byte account ids: base58(prefix ‖ key ‖ checksum), where the checksum is
 * the first two bytes of blake2b-512("SS58PRE" ‖ prefix ‖ key). Prefixes below 64 take one byte, 64
 * to 16383 two bytes (Joystream's 126 encodes as {@code 5f 80}, addresses start with "j4").
 * Decoding checks length, prefix form and checksum and fails with a typed {@link Ss58Exception}.
 */
public final class Ss58 {
  /** Joystream's network prefix. */
  public static final int JOYSTREAM_PREFIX = 126;

  private static final byte[] CONTEXT = "SS58PRE".getBytes(StandardCharsets.US_ASCII);

  private Ss58() {}

  /** A decoded address: its network prefix and the 32-byte public key / account id. */
  public record Address(int prefix, byte[] publicKey) {
    public Address {
      publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Address a
          && prefix == a.prefix
          && java.util.Arrays.equals(publicKey, a.publicKey);
    }

    @Override
    public int hashCode() {
      return prefix * 31 + java.util.Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
      return Ss58.encode(publicKey, prefix);
    }
  }

  public static String encode(byte[] publicKey) {
    return encode(publicKey, JOYSTREAM_PREFIX);
  }

  public static String encode(byte[] publicKey, int prefix) {
    if (publicKey.length != 32) {
      throw new Ss58Exception(
          Ss58Exception.Reason.INVALID_LENGTH,
          "account id must be 32 bytes, got " + publicKey.length);
    }
    byte[] p = prefixBytes(prefix);
    byte[] body = new byte[p.length + 32 + 2];
    System.arraycopy(p, 0, body, 0, p.length);
    System.arraycopy(publicKey, 0, body, p.length, 32);
    byte[] sum = checksum(body, p.length + 32);
    body[p.length + 32] = sum[0];
    body[p.length + 33] = sum[1];
    return Base58.encode(body);
  }

  private static byte[] prefixBytes(int prefix) {
    if (prefix < 0 || prefix > 16383 || prefix == 46 || prefix == 47) {
      throw new Ss58Exception(
          Ss58Exception.Reason.RESERVED_PREFIX,
          "prefix " + prefix + " is not a usable SS58 network prefix (0..16383 except 46, 47)");
    }
    if (prefix < 64) {
      return new byte[] {(byte) prefix};
    }
    int first = ((prefix & 0b1111_1100) >> 2) | 0b0100_0000;
    int second = (prefix >> 8) | ((prefix & 0b11) << 6);
    return new byte[] {(byte) first, (byte) second};
  }

  private static byte[] checksum(byte[] body, int length) {
    byte[] pre = new byte[CONTEXT.length + length];
    System.arraycopy(CONTEXT, 0, pre, 0, CONTEXT.length);
    System.arraycopy(body, 0, pre, CONTEXT.length, length);
    return Blake2b.hash512(pre);
  }

  /** Decodes an address of any network prefix. */
  public static Address decode(String address) {
    byte[] raw;
    try {
      raw = Base58.decode(address);
    } catch (IllegalArgumentException e) {
      throw new Ss58Exception(Ss58Exception.Reason.INVALID_BASE58, e.getMessage());
    }
    if (raw.length == 0) {
      throw new Ss58Exception(Ss58Exception.Reason.INVALID_LENGTH, "empty address");
    }
    int first = raw[0] & 0xff;
    int prefixLength;
    int prefix;
    if (first < 64) {
      prefixLength = 1;
      prefix = first;
    } else if (first < 128) {
      if (raw.length < 2) {
        throw new Ss58Exception(Ss58Exception.Reason.INVALID_LENGTH, "address too short");
      }
      int second = raw[1] & 0xff;
      prefixLength = 2;
      prefix = ((first & 0b0011_1111) << 2) | (second >> 6) | ((second & 0b0011_1111) << 8);
    } else {
      throw new Ss58Exception(
          Ss58Exception.Reason.RESERVED_PREFIX,
          "first byte 0x" + Integer.toHexString(first) + " is a reserved SS58 prefix form");
    }
    if (raw.length != prefixLength + 32 + 2) {
      throw new Ss58Exception(
          Ss58Exception.Reason.INVALID_LENGTH,
          "decoded address is "
              + raw.length
              + " bytes; a 32-byte account needs "
              + (prefixLength + 34));
    }
    byte[] sum = checksum(raw, prefixLength + 32);
    byte[] given = {raw[prefixLength + 32], raw[prefixLength + 33]};
    if (!MessageDigest.isEqual(given, new byte[] {sum[0], sum[1]})) {
      throw new Ss58Exception(
          Ss58Exception.Reason.BAD_CHECKSUM, "checksum of address " + address + " does not match");
    }
    byte[] key = new byte[32];
    System.arraycopy(raw, prefixLength, key, 0, 32);
    return new Address(prefix, key);
  }

  /** Decodes an address and requires the given network prefix. */
  public static byte[] decode(String address, int expectedPrefix) {
    Address a = decode(address);
    if (a.prefix() != expectedPrefix) {
      throw new Ss58Exception(
          Ss58Exception.Reason.WRONG_PREFIX,
          "address " + address + " has prefix " + a.prefix() + ", expected " + expectedPrefix);
    }
    return a.publicKey();
  }
}
