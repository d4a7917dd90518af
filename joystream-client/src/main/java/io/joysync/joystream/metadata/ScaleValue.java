package io.joysync.joystream.metadata;

import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.util.List;

/**
 * A decoded value whose shape comes from the metadata, not from Java classes: what lets a client
 * read events and storage of pallets it has no code for. Byte sequences and arrays ({@code
 * Vec<u8>}, {@code [u8; 32]}) become {@link Bytes}; every integer, compact or not, becomes {@link
 * Int}. The accessors throw {@link MetadataException} ({@code value.shape}) when the value has
 * another shape, so a changed runtime fails loudly instead of yielding a wrong number.
 */
public sealed interface ScaleValue {

  /** A struct field or variant field; {@code name} is null for unnamed fields. */
  record Field(String name, ScaleValue value) {}

  record Composite(List<Field> fields) implements ScaleValue {
    public Composite {
      fields = List.copyOf(fields);
    }
  }

  record Variant(String name, int index, List<Field> fields) implements ScaleValue {
    public Variant {
      fields = List.copyOf(fields);
    }
  }

  record Sequence(List<ScaleValue> items) implements ScaleValue {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  record Tuple(List<ScaleValue> items) implements ScaleValue {
    public Tuple {
      items = List.copyOf(items);
    }
  }

  /** Bytes as lower-case 0x hex. */
  record Bytes(String hex) implements ScaleValue {
    public static Bytes of(byte[] bytes) {
      return new Bytes(Hex.encode(bytes));
    }

    public byte[] toArray() {
      return Hex.decode(hex);
    }
  }

  record Int(BigInteger value) implements ScaleValue {}

  record Bool(boolean value) implements ScaleValue {}

  record Text(String value) implements ScaleValue {}

  record Char(int codePoint) implements ScaleValue {}

  /** A bit sequence as '0'/'1' characters, first bit first. */
  record Bits(String bits) implements ScaleValue {}

  /** The fields of a composite or variant. */
  default List<Field> fields() {
    if (this instanceof Composite c) {
      return c.fields();
    }
    if (this instanceof Variant v) {
      return v.fields();
    }
    throw shape("a struct or enum");
  }

  /** A named field of a composite or variant. */
  default ScaleValue field(String name) {
    for (Field f : fields()) {
      if (name.equals(f.name())) {
        return f.value();
      }
    }
    throw new MetadataException("value.shape", "no field \"" + name + "\" in " + describe(this));
  }

  /** The i-th field of a composite or variant, or the i-th item of a sequence or tuple. */
  default ScaleValue at(int i) {
    List<?> list =
        this instanceof Sequence s ? s.items() : this instanceof Tuple t ? t.items() : fields();
    if (i < 0 || i >= list.size()) {
      throw new MetadataException("value.shape", "no element " + i + " in " + describe(this));
    }
    Object o = list.get(i);
    return o instanceof Field f ? f.value() : (ScaleValue) o;
  }

  /**
   * Items of a sequence or tuple, looking through single-field wrappers such as {@code
   * BoundedBTreeSet(BTreeSet(Vec))}; the bytes of a [u8; 32] are not items but {@link Bytes}.
   */
  default List<ScaleValue> items() {
    if (this instanceof Sequence s) {
      return s.items();
    }
    if (this instanceof Tuple t) {
      return t.items();
    }
    if (this instanceof Composite c && c.fields().size() == 1) {
      return c.fields().get(0).value().items();
    }
    throw shape("a sequence");
  }

  default String variantName() {
    if (this instanceof Variant v) {
      return v.name();
    }
    throw shape("an enum");
  }

  default BigInteger asBigInteger() {
    if (this instanceof Int i) {
      return i.value();
    }
    if (this instanceof Composite c && c.fields().size() == 1) {
      return c.fields().get(0).value().asBigInteger();
    }
    throw shape("an integer");
  }

  default long asLong() {
    BigInteger v = asBigInteger();
    if (v.bitLength() > 63) {
      throw new MetadataException("value.shape", v + " does not fit a long");
    }
    return v.longValue();
  }

  default boolean asBoolean() {
    if (this instanceof Bool b) {
      return b.value();
    }
    throw shape("a bool");
  }

  default byte[] asBytes() {
    if (this instanceof Bytes b) {
      return b.toArray();
    }
    if (this instanceof Composite c && c.fields().size() == 1) {
      return c.fields().get(0).value().asBytes();
    }
    throw shape("bytes");
  }

  default String asText() {
    if (this instanceof Text t) {
      return t.value();
    }
    throw shape("a string");
  }

  /** For {@code Option<T>}: null for None, the value for Some. */
  default ScaleValue optional() {
    if (this instanceof Variant v && v.fields().size() <= 1) {
      if (v.name().equals("None") && v.fields().isEmpty()) {
        return null;
      }
      if (v.name().equals("Some") && v.fields().size() == 1) {
        return v.fields().get(0).value();
      }
    }
    throw shape("an Option");
  }

  private MetadataException shape(String expected) {
    return new MetadataException("value.shape", "expected " + expected + ", got " + describe(this));
  }

  private static String describe(ScaleValue v) {
    String s = v.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
