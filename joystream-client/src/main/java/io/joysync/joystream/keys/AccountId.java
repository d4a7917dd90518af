package io.joysync.joystream.keys;

import io.joysync.joystream.scale.Hex;
import java.util.Arrays;

/**
 * A 32-byte Joystream account id (the public key for ed25519 and sr25519 accounts). On this chain
 * addresses in extrinsics and calls are raw AccountIds, not MultiAddress. Prints as its SS58
 * address with prefix 126.
 */
public record AccountId(byte[] bytes) {
  public AccountId {
    if (bytes.length != 32) {
      throw new KeyException("an account id is 32 bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Parses an SS58 address of any prefix, or 0x-hex of 32 bytes. */
  public static AccountId parse(String addressOrHex) {
    if (addressOrHex.startsWith("0x")) {
      return new AccountId(Hex.decode(addressOrHex));
    }
    return new AccountId(Ss58.decode(addressOrHex).publicKey());
  }

  /** Parses an SS58 address that must carry Joystream's prefix 126. */
  public static AccountId fromJoystreamAddress(String address) {
    return new AccountId(Ss58.decode(address, Ss58.JOYSTREAM_PREFIX));
  }

  public String toSs58() {
    return Ss58.encode(bytes, Ss58.JOYSTREAM_PREFIX);
  }

  public String toSs58(int prefix) {
    return Ss58.encode(bytes, prefix);
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountId a && Arrays.equals(bytes, a.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toSs58();
  }
}
