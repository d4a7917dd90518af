package io.joysync.joystream.scale;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads SCALE-encoded values from a byte array in place (no copy of the input is made; only the
 * values returned are allocated). Every read checks bounds first and fails with a {@link
 * ScaleException} naming the offset and the expected type, so truncated or malformed input never
 * yields a silently wrong value. Compact integers must be in canonical (shortest) form, as the
 * Substrate decoder requires. Not thread-safe.
 */
public final class ScaleReader {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final byte[] data;
  private final int start;
  private final int end;
  private int pos;

  public ScaleReader(byte[] data) {
    this(data, 0, data.length);
  }

  public ScaleReader(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", +" + length + ") outside array of " + data.length);
    }
    this.data = data;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  /** Position relative to the start of the readable range. */
  public int position() {
    return pos - start;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  private void need(int n, String what) {
    if (n > end - pos) {
      throw new ScaleException(
          "unexpected end of input at offset "
              + position()
              + ": expected "
              + what
              + " ("
              + n
              + " bytes), "
              + remaining()
              + " left");
    }
  }

  public int readU8() {
    need(1, "u8");
    return data[pos++] & 0xff;
  }

  public int readU16() {
    need(2, "u16");
    int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
    pos += 2;
    return v;
  }

  public long readU32() {
    need(4, "u32");
    long v = le(pos, 4);
    pos += 4;
    return v;
  }

  /** Reads a u64; values of 2^63 and above come back as the same bits (negative long). */
  public long readU64() {
    need(8, "u64");
    long v = le(pos, 8);
    pos += 8;
    return v;
  }

  public BigInteger readU64Unsigned() {
    long v = readU64();
    BigInteger b = BigInteger.valueOf(v);
    return v < 0 ? b.add(TWO_64) : b;
  }

  public BigInteger readU128() {
    need(16, "u128");
    byte[] be = new byte[17];
    for (int i = 0; i < 16; i++) {
      be[16 - i] = data[pos + i];
    }
    pos += 16;
    return new BigInteger(be);
  }

  private long le(int at, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (data[at + i] & 0xff);
    }
    return v;
  }

  public byte[] readBytes(int n) {
    if (n < 0) {
      throw new ScaleException("negative byte count " + n + " at offset " + position());
    }
    need(n, "byte array");
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  /** Reads a compact (SCALE variable-length) unsigned integer of any size up to 2^536. */
  public BigInteger readCompact() {
    int at = position();
    int first = readU8();
    switch (first & 3) {
      case 0:
        return BigInteger.valueOf(first >>> 2);
      case 1:
        {
          pos--;
          need(2, "2-byte compact integer");
          int v = readU16() >>> 2;
          if (v < 1 << 6) {
            throw nonCanonical(at, v);
          }
          return BigInteger.valueOf(v);
        }
      case 2:
        {
          pos--;
          need(4, "4-byte compact integer");
          long v = readU32() >>> 2;
          if (v < 1 << 14) {
            throw nonCanonical(at, v);
          }
          return BigInteger.valueOf(v);
        }
      default:
        {
          int n = (first >>> 2) + 4;
          need(n, "compact integer body");
          byte[] be = new byte[n + 1];
          for (int i = 0; i < n; i++) {
            be[n - i] = data[pos + i];
          }
          pos += n;
          BigInteger v = new BigInteger(be);
          if (data[pos - 1] == 0 || (n == 4 && v.bitLength() <= 30)) {
            throw new ScaleException(
                "non-canonical compact integer at offset "
                    + at
                    + ": "
                    + n
                    + "-byte big form for value "
                    + v);
          }
          return v;
        }
    }
  }

  private ScaleException nonCanonical(int at, long v) {
    return new ScaleException(
        "non-canonical compact integer at offset " + at + ": value " + v + " in a longer form");
  }

  /** Reads a compact integer that must fit a non-negative int (lengths, indexes). */
  public int readCompactInt() {
    int at = position();
    BigInteger v = readCompact();
    if (v.bitLength() > 31) {
      throw new ScaleException(
          "compact integer at offset " + at + " is " + v + ", larger than the int maximum");
    }
    return v.intValue();
  }

  /** Reads a compact integer that must fit a non-negative long. */
  public long readCompactLong() {
    int at = position();
    BigInteger v = readCompact();
    if (v.bitLength() > 63) {
      throw new ScaleException(
          "compact integer at offset " + at + " is " + v + ", larger than the long maximum");
    }
    return v.longValue();
  }

  private int readLength(String what) {
    int at = position();
    int n = readCompactInt();
    if (n > remaining()) {
      throw new ScaleException(
          "length prefix at offset "
              + at
              + " says "
              + n
              + " "
              + what
              + " but only "
              + remaining()
              + " bytes remain");
    }
    return n;
  }

  /** Reads a {@code Vec<u8>}: compact length then the bytes. */
  public byte[] readByteVec() {
    int n = readLength("bytes");
    return readBytes(n);
  }

  /** Reads a String as a compact length and strict UTF-8 (malformed input fails). */
  public String readString() {
    int at = position();
    int n = readLength("bytes of UTF-8");
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data, pos, n))
              .toString();
      pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw new ScaleException("invalid UTF-8 in string at offset " + at, e);
    }
  }

  public boolean readBool() {
    int at = position();
    int b = readU8();
    if (b > 1) {
      throw new ScaleException(
          "invalid bool byte 0x" + Integer.toHexString(b) + " at offset " + at);
    }
    return b == 1;
  }

  public <T> Optional<T> readOption(Function<ScaleReader, T> element) {
    int at = position();
    int tag = readU8();
    if (tag == 0) {
      return Optional.empty();
    }
    if (tag != 1) {
      throw new ScaleException(
          "invalid Option tag 0x" + Integer.toHexString(tag) + " at offset " + at);
    }
    return Optional.of(element.apply(this));
  }

  /** Reads a {@code Vec<T>}; the element count is bounded by the remaining bytes. */
  public <T> List<T> readVec(Function<ScaleReader, T> element) {
    int at = position();
    int n = readCompactInt();
    if (n > remaining()) {
      // every SCALE element but the zero-sized ones takes at least one byte
      throw new ScaleException(
          "vector length at offset "
              + at
              + " is "
              + n
              + " but only "
              + remaining()
              + " bytes remain");
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(element.apply(this));
    }
    return out;
  }

  /** Fails unless all input was consumed. */
  public void expectEnd() {
    if (hasRemaining()) {
      throw new ScaleException(
          "expected end of input at offset "
              + position()
              + " but "
              + remaining()
              + " bytes remain");
    }
  }
}
