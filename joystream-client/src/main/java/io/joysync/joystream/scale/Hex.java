package io.joysync.joystream.scale;

/**
 * Strict hexadecimal conversion as used by Substrate RPC ("0x"-prefixed lower case). Decoding
 * accepts an optional "0x"/"0X" prefix and both cases, and rejects odd lengths and non-hex
 * characters with the position of the fault instead of guessing.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Lower-case hex with a "0x" prefix. */
  public static String encode(byte[] bytes) {
    return "0x" + encodeBare(bytes);
  }

  /** Lower-case hex without prefix. */
  public static String encodeBare(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes hex with or without a "0x" prefix.
   *
   * @throws IllegalArgumentException on null, odd length or a non-hex character (with its index)
   */
  public static byte[] decode(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("hex string is null");
    }
    int start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
    int digits = hex.length() - start;
    if (digits % 2 != 0) {
      throw new IllegalArgumentException("hex string has an odd number of digits (" + digits + ")");
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex, start + 2 * i);
      int lo = digit(hex, start + 2 * i + 1);
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static int digit(String hex, int index) {
    char c = hex.charAt(index);
    int v = Character.digit(c, 16);
    if (v < 0 || c > 0x7f) {
      throw new IllegalArgumentException("invalid hex character '" + c + "' at position " + index);
    }
    return v;
  }
}
