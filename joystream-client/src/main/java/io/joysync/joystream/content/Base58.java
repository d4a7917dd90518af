package io.joysync.joystream.content;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet ("base58btc"), the encoding of Joystream content ids. Values
 * here are short (a 34-byte multihash), so the quadratic schoolbook conversion is the clearest
 * correct choice; leading zero bytes map to leading '1' characters and back.
 */
public final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  /** Encodes bytes as base58btc text. */
  public static String encode(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] number = Arrays.copyOf(input, input.length);
    char[] out = new char[input.length * 2];
    int outStart = out.length;
    for (int start = zeros; start < number.length; ) {
      out[--outStart] = ALPHABET[divide(number, start, 256, 58)];
      if (number[start] == 0) {
        start++;
      }
    }
    while (outStart < out.length && out[outStart] == ALPHABET[0]) {
      outStart++;
    }
    while (--zeros >= 0) {
      out[--outStart] = ALPHABET[0];
    }
    return new String(out, outStart, out.length - outStart);
  }

  /**
   * Decodes base58btc text.
   *
   * @throws IllegalArgumentException naming the first character outside the alphabet
   */
  public static byte[] decode(String input) {
    byte[] digits = new byte[input.length()];
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("invalid base58 character '" + c + "' at position " + i);
      }
      digits[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < digits.length && digits[zeros] == 0) {
      zeros++;
    }
    byte[] out = new byte[input.length()];
    int outStart = out.length;
    for (int start = zeros; start < digits.length; ) {
      out[--outStart] = (byte) divide(digits, start, 58, 256);
      if (digits[start] == 0) {
        start++;
      }
    }
    while (outStart < out.length && out[outStart] == 0) {
      outStart++;
    }
    return Arrays.copyOfRange(out, outStart - zeros, out.length);
  }

  /** Divides the big number held in {@code number[start..]} (base {@code base}) in place. */
  private static int divide(byte[] number, int start, int base, int divisor) {
    int remainder = 0;
    for (int i = start; i < number.length; i++) {
      int temp = remainder * base + (number[i] & 0xff);
      number[i] = (byte) (temp / divisor);
      remainder = temp % divisor;
    }
    return remainder;
  }
}
