package io.joysync.joystream.keys;

import io.joysync.joystream.crypto.Blake2b;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Arrays;

/**
 * One step of a Substrate derivation path ({@code //hard} or {@code /soft}). The chain code is the
 * SCALE encoding of the junction text (as a u64 if it is a decimal number, else as a string),
 * right-padded with zeros to 32 bytes, or its blake2b-256 when longer than 32 bytes.
 */
public record DeriveJunction(byte[] chainCode, boolean hard) {
  public DeriveJunction {
    if (chainCode.length != 32) {
      throw new KeyException("chain code must be 32 bytes, got " + chainCode.length);
    }
    chainCode = chainCode.clone();
  }

  @Override
  public byte[] chainCode() {
    return chainCode.clone();
  }

  /** The junction for the text between slashes ("Alice", "1", ...). */
  public static DeriveJunction of(String text, boolean hard) {
    ScaleWriter w = new ScaleWriter();
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && fitsU64(text)) {
      w.writeU64(Long.parseUnsignedLong(text));
    } else {
      w.writeString(text);
    }
    byte[] encoded = w.toByteArray();
    byte[] cc = encoded.length > 32 ? Blake2b.hash256(encoded) : Arrays.copyOf(encoded, 32);
    return new DeriveJunction(cc, hard);
  }

  private static boolean fitsU64(String digits) {
    try {
      Long.parseUnsignedLong(digits);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeriveJunction j && hard == j.hard && Arrays.equals(chainCode, j.chainCode);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(chainCode) + (hard ? 1 : 0);
  }

  @Override
  public String toString() {
    return (hard ? "//" : "/") + io.joysync.joystream.scale.Hex.encode(chainCode);
  }
}
