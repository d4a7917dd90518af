package io.joysync.joystream.scale;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Builds SCALE-encoded bytes into one growing buffer. Values outside the range of the target type
 * are refused with a {@link ScaleException} rather than truncated. BTreeSet/BTreeMap helpers sort
 * keys into the order Rust's {@code Ord} gives for the key type (unsigned integers numerically), so
 * the bytes match what the runtime would produce. Every write method returns {@code this}. Not
 * thread-safe.
 */
public final class ScaleWriter {
  private static final BigInteger U128_LIMIT = BigInteger.ONE.shiftLeft(128);
  private static final BigInteger COMPACT_LIMIT = BigInteger.ONE.shiftLeft(536);

  private byte[] buf;
  private int size;

  public ScaleWriter() {
    this(64);
  }

  public ScaleWriter(int initialCapacity) {
    buf = new byte[Math.max(8, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      long wanted = Math.max((long) buf.length * 2, (long) size + extra);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new ScaleException(
            "encoded value would exceed " + (Integer.MAX_VALUE - 8) + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }

  private static void range(long v, long max, String type) {
    if (v < 0 || v > max) {
      throw new ScaleException("value " + v + " out of range for " + type + " (0.." + max + ")");
    }
  }

  public ScaleWriter writeU8(int v) {
    range(v, 0xff, "u8");
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public ScaleWriter writeU16(int v) {
    range(v, 0xffff, "u16");
    return writeLe(v, 2);
  }

  public ScaleWriter writeU32(long v) {
    range(v, 0xffffffffL, "u32");
    return writeLe(v, 4);
  }

  /** Writes the 64 bits of {@code v} as a u64 (negative values stand for 2^63 and above). */
  public ScaleWriter writeU64(long v) {
    return writeLe(v, 8);
  }

  public ScaleWriter writeU128(BigInteger v) {
    if (v.signum() < 0 || v.compareTo(U128_LIMIT) >= 0) {
      throw new ScaleException("value " + v + " out of range for u128");
    }
    ensure(16);
    for (int i = 0; i < 16; i++) {
      buf[size++] = v.shiftRight(8 * i).byteValue();
    }
    return this;
  }

  private ScaleWriter writeLe(long v, int n) {
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** Writes a non-negative compact integer. */
  public ScaleWriter writeCompact(long v) {
    if (v < 0) {
      throw new ScaleException("compact integer must not be negative: " + v);
    }
    if (v < 1L << 6) {
      return writeU8((int) (v << 2));
    }
    if (v < 1L << 14) {
      return writeLe((v << 2) | 1, 2);
    }
    if (v < 1L << 30) {
      return writeLe((v << 2) | 2, 4);
    }
    int n = (64 - Long.numberOfLeadingZeros(v) + 7) / 8;
    writeU8(((n - 4) << 2) | 3);
    return writeLe(v, n);
  }

  /** Writes a compact integer of any size SCALE allows (below 2^536). */
  public ScaleWriter writeCompact(BigInteger v) {
    if (v.signum() < 0 || v.compareTo(COMPACT_LIMIT) >= 0) {
      throw new ScaleException("value " + v + " out of range for a compact integer");
    }
    if (v.bitLength() < 63) {
      return writeCompact(v.longValue());
    }
    int n = (v.bitLength() + 7) / 8;
    writeU8(((n - 4) << 2) | 3);
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = v.shiftRight(8 * i).byteValue();
    }
    return this;
  }

  /** Writes raw bytes with no length prefix (fixed-size arrays, already-encoded values). */
  public ScaleWriter writeBytes(byte[] bytes) {
    return writeBytes(bytes, 0, bytes.length);
  }

  public ScaleWriter writeBytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
    return this;
  }

  /** Writes a {@code Vec<u8>}: compact length then the bytes. */
  public ScaleWriter writeByteVec(byte[] bytes) {
    writeCompact(bytes.length);
    return writeBytes(bytes);
  }

  public ScaleWriter writeString(String s) {
    return writeByteVec(s.getBytes(StandardCharsets.UTF_8));
  }

  public ScaleWriter writeBool(boolean b) {
    return writeU8(b ? 1 : 0);
  }

  public <T> ScaleWriter writeOption(Optional<T> value, BiConsumer<ScaleWriter, T> element) {
    if (value.isEmpty()) {
      return writeU8(0);
    }
    writeU8(1);
    element.accept(this, value.get());
    return this;
  }

  public <T> ScaleWriter writeVec(Collection<T> items, BiConsumer<ScaleWriter, T> element) {
    writeCompact(items.size());
    for (T item : items) {
      element.accept(this, item);
    }
    return this;
  }

  /**
   * Writes a {@code BTreeSet<T>}: items sorted by {@code order} (which must match the Rust {@code
   * Ord} of the key type). Duplicates are refused, since a set cannot hold them.
   */
  public <T> ScaleWriter writeBTreeSet(
      Collection<T> items, Comparator<? super T> order, BiConsumer<ScaleWriter, T> element) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(order);
    for (int i = 1; i < sorted.size(); i++) {
      if (order.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
        throw new ScaleException("duplicate BTreeSet element " + sorted.get(i));
      }
    }
    return writeVec(sorted, element);
  }

  /** Writes a {@code BTreeSet<u64>} (or any unsigned integer key up to 64 bits), numerically. */
  public ScaleWriter writeU64Set(Collection<Long> items) {
    return writeBTreeSet(items, Long::compareUnsigned, ScaleWriter::writeU64);
  }

  /** Writes a {@code BTreeMap<K, V>}: entries sorted by key with {@code order} (Rust Ord). */
  public <K, V> ScaleWriter writeBTreeMap(
      Map<K, V> map,
      Comparator<? super K> order,
      BiConsumer<ScaleWriter, K> key,
      BiConsumer<ScaleWriter, V> value) {
    List<Map.Entry<K, V>> entries = new ArrayList<>(map.entrySet());
    entries.sort(Map.Entry.comparingByKey(order));
    for (int i = 1; i < entries.size(); i++) {
      if (order.compare(entries.get(i - 1).getKey(), entries.get(i).getKey()) == 0) {
        throw new ScaleException("duplicate BTreeMap key " + entries.get(i).getKey());
      }
    }
    writeCompact(entries.size());
    for (Map.Entry<K, V> e : entries) {
      key.accept(this, e.getKey());
      value.accept(this, e.getValue());
    }
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
