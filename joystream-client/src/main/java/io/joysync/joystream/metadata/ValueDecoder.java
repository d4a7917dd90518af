package io.joysync.joystream.metadata;

import io.joysync.joystream.metadata.TypeDef.Primitive;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes any type of the registry into a {@link ScaleValue} tree. It trusts nothing in the input:
 * lengths are checked against the bytes left, nesting is bounded, and unknown variant indexes fail
 * with {@link MetadataException} ({@code value.malformed}) naming the type and offset.
 */
public final class ValueDecoder {
  private static final int MAX_DEPTH = 256;
  private final TypeRegistry types;

  public ValueDecoder(TypeRegistry types) {
    this.types = types;
  }

  /** Decodes a whole byte array as one value of {@code typeId}; trailing bytes are an error. */
  public ScaleValue decode(int typeId, byte[] bytes) {
    ScaleReader r = new ScaleReader(bytes);
    ScaleValue v = decode(typeId, r);
    if (r.hasRemaining()) {
      throw new MetadataException(
          "value.malformed",
          r.remaining() + " bytes left over after a value of " + describe(typeId));
    }
    return v;
  }

  /** Decodes one value of {@code typeId} at the reader's position. */
  public ScaleValue decode(int typeId, ScaleReader r) {
    try {
      return value(typeId, r, 0);
    } catch (ScaleException e) {
      throw new MetadataException(
          "value.malformed", "cannot decode " + describe(typeId) + ": " + e.getMessage(), e);
    }
  }

  private ScaleValue value(int typeId, ScaleReader r, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ScaleException("type nesting deeper than " + MAX_DEPTH + " at " + describe(typeId));
    }
    TypeDef def = types.def(typeId);
    if (def instanceof TypeDef.Composite c) {
      return new ScaleValue.Composite(fields(c.fields(), r, depth));
    }
    if (def instanceof TypeDef.VariantType v) {
      int at = r.position();
      int index = r.readU8();
      TypeDef.Variant variant =
          v.byIndex(index)
              .orElseThrow(
                  () ->
                      new ScaleException(
                          "unknown variant index "
                              + index
                              + " of "
                              + describe(typeId)
                              + " at offset "
                              + at));
      return new ScaleValue.Variant(variant.name(), index, fields(variant.fields(), r, depth));
    }
    if (def instanceof TypeDef.Sequence s) {
      int at = r.position();
      int n = r.readCompactInt();
      if (n > r.remaining() && !zeroSized(s.elementType(), 0)) {
        throw new ScaleException(
            "sequence length "
                + n
                + " at offset "
                + at
                + " exceeds the "
                + r.remaining()
                + " bytes left");
      }
      return elements(s.elementType(), n, r, depth);
    }
    if (def instanceof TypeDef.ArrayType a) {
      if (a.length() > Integer.MAX_VALUE) {
        throw new ScaleException("array length " + a.length() + " too large");
      }
      return elements(a.elementType(), (int) a.length(), r, depth);
    }
    if (def instanceof TypeDef.Tuple t) {
      List<ScaleValue> items = new ArrayList<>(t.elementTypes().size());
      for (int e : t.elementTypes()) {
        items.add(value(e, r, depth + 1));
      }
      return new ScaleValue.Tuple(items);
    }
    if (def instanceof TypeDef.PrimitiveType p) {
      return primitive(p.primitive(), r);
    }
    if (def instanceof TypeDef.Compact) {
      return new ScaleValue.Int(r.readCompact());
    }
    TypeDef.BitSequence b = (TypeDef.BitSequence) def;
    return bits(b, r);
  }

  private List<ScaleValue.Field> fields(List<TypeDef.Field> defs, ScaleReader r, int depth) {
    List<ScaleValue.Field> out = new ArrayList<>(defs.size());
    for (TypeDef.Field f : defs) {
      out.add(new ScaleValue.Field(f.name(), value(f.type(), r, depth + 1)));
    }
    return out;
  }

  private ScaleValue elements(int elementType, int n, ScaleReader r, int depth) {
    if (types.def(elementType) instanceof TypeDef.PrimitiveType p
        && p.primitive() == Primitive.U8) {
      return ScaleValue.Bytes.of(r.readBytes(n));
    }
    List<ScaleValue> items = new ArrayList<>(Math.min(n, 4096));
    for (int i = 0; i < n; i++) {
      items.add(value(elementType, r, depth + 1));
    }
    return new ScaleValue.Sequence(items);
  }

  private static ScaleValue primitive(Primitive p, ScaleReader r) {
    return switch (p) {
      case BOOL -> new ScaleValue.Bool(r.readBool());
      case CHAR -> new ScaleValue.Char((int) r.readU32());
      case STR -> new ScaleValue.Text(r.readString());
      case U8 -> new ScaleValue.Int(BigInteger.valueOf(r.readU8()));
      case U16 -> new ScaleValue.Int(BigInteger.valueOf(r.readU16()));
      case U32 -> new ScaleValue.Int(BigInteger.valueOf(r.readU32()));
      case U64 -> new ScaleValue.Int(r.readU64Unsigned());
      case U128 -> new ScaleValue.Int(r.readU128());
      case U256 -> new ScaleValue.Int(littleEndian(r.readBytes(32), false));
      case I8 -> new ScaleValue.Int(littleEndian(r.readBytes(1), true));
      case I16 -> new ScaleValue.Int(littleEndian(r.readBytes(2), true));
      case I32 -> new ScaleValue.Int(littleEndian(r.readBytes(4), true));
      case I64 -> new ScaleValue.Int(littleEndian(r.readBytes(8), true));
      case I128 -> new ScaleValue.Int(littleEndian(r.readBytes(16), true));
      case I256 -> new ScaleValue.Int(littleEndian(r.readBytes(32), true));
    };
  }

  private static BigInteger littleEndian(byte[] le, boolean signed) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return signed ? new BigInteger(be) : new BigInteger(1, be);
  }

  private ScaleValue bits(TypeDef.BitSequence b, ScaleReader r) {
    int storeBytes = storeBytes(b.storeType());
    boolean msb0 = types.type(b.orderType()).pathName().endsWith("Msb0");
    int bitCount = r.readCompactInt();
    int words = (bitCount + storeBytes * 8 - 1) / (storeBytes * 8);
    byte[] raw = r.readBytes(words * storeBytes);
    StringBuilder out = new StringBuilder(bitCount);
    for (int i = 0; i < bitCount; i++) {
      int word = i / (storeBytes * 8);
      int bitInWord = i % (storeBytes * 8);
      int bit = msb0 ? storeBytes * 8 - 1 - bitInWord : bitInWord;
      int value = (raw[word * storeBytes + bit / 8] >> (bit % 8)) & 1;
      out.append(value == 1 ? '1' : '0');
    }
    return new ScaleValue.Bits(out.toString());
  }

  private int storeBytes(int storeType) {
    if (types.def(storeType) instanceof TypeDef.PrimitiveType p) {
      switch (p.primitive()) {
        case U8:
          return 1;
        case U16:
          return 2;
        case U32:
          return 4;
        case U64:
          return 8;
        default:
          break;
      }
    }
    throw new ScaleException("bit sequence store type " + describe(storeType) + " is not u8..u64");
  }

  private boolean zeroSized(int typeId, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    TypeDef def = types.def(typeId);
    if (def instanceof TypeDef.Composite c) {
      return c.fields().stream().allMatch(f -> zeroSized(f.type(), depth + 1));
    }
    if (def instanceof TypeDef.Tuple t) {
      return t.elementTypes().stream().allMatch(e -> zeroSized(e, depth + 1));
    }
    if (def instanceof TypeDef.ArrayType a) {
      return a.length() == 0 || zeroSized(a.elementType(), depth + 1);
    }
    return false;
  }

  private String describe(int typeId) {
    PortableType t = types.type(typeId);
    String name = t.pathName();
    return "type " + typeId + (name.isEmpty() ? "" : " (" + name + ")");
  }
}
