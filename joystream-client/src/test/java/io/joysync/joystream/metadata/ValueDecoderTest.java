package io.joysync.joystream.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.joystream.metadata.TypeDef.Primitive;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder on a small hand-made registry covering every TypeDef kind. */
class ValueDecoderTest {
  private static final int U8 = 0, I128 = 1, U256 = 2, CHAR = 3, STR = 4, BOOL = 5;
  private static final int BYTES = 6, COMPACT_U64 = 7, ARRAY3_U16 = 8, U16 = 9, TUPLE = 10;
  private static final int BITS_LSB = 11, LSB0 = 12, BITS_MSB = 13, MSB0 = 14, STRUCT = 15;
  private static final int ENUM = 16, UNIT = 17, VEC_UNIT = 18, SELF_REF = 19, VEC_STRUCT = 20;

  private static PortableType t(int id, TypeDef def, String... path) {
    return new PortableType(id, List.of(path), List.of(), def, List.of());
  }

  private static final TypeRegistry TYPES =
      new TypeRegistry(
          List.of(
              t(U8, new TypeDef.PrimitiveType(Primitive.U8)),
              t(I128, new TypeDef.PrimitiveType(Primitive.I128)),
              t(U256, new TypeDef.PrimitiveType(Primitive.U256)),
              t(CHAR, new TypeDef.PrimitiveType(Primitive.CHAR)),
              t(STR, new TypeDef.PrimitiveType(Primitive.STR)),
              t(BOOL, new TypeDef.PrimitiveType(Primitive.BOOL)),
              t(BYTES, new TypeDef.Sequence(U8)),
              t(COMPACT_U64, new TypeDef.Compact(U8)),
              t(ARRAY3_U16, new TypeDef.ArrayType(3, U16)),
              t(U16, new TypeDef.PrimitiveType(Primitive.U16)),
              t(TUPLE, new TypeDef.Tuple(List.of(U8, BOOL))),
              t(BITS_LSB, new TypeDef.BitSequence(U8, LSB0)),
              t(LSB0, new TypeDef.Composite(List.of()), "bitvec", "order", "Lsb0"),
              t(BITS_MSB, new TypeDef.BitSequence(U8, MSB0)),
              t(MSB0, new TypeDef.Composite(List.of()), "bitvec", "order", "Msb0"),
              t(
                  STRUCT,
                  new TypeDef.Composite(
                      List.of(
                          new TypeDef.Field("id", COMPACT_U64, null, List.of()),
                          new TypeDef.Field("name", STR, null, List.of()))),
                  "demo",
                  "Thing"),
              t(
                  ENUM,
                  new TypeDef.VariantType(
                      List.of(
                          new TypeDef.Variant("Empty", List.of(), 0, List.of()),
                          new TypeDef.Variant(
                              "Pair",
                              List.of(
                                  new TypeDef.Field(null, U8, null, List.of()),
                                  new TypeDef.Field(null, I128, null, List.of())),
                              7,
                              List.of()))),
                  "demo",
                  "Choice"),
              t(UNIT, new TypeDef.Tuple(List.of())),
              t(VEC_UNIT, new TypeDef.Sequence(UNIT)),
              t(
                  SELF_REF,
                  new TypeDef.Composite(
                      List.of(new TypeDef.Field("next", SELF_REF, null, List.of()))),
                  "demo",
                  "Endless"),
              t(VEC_STRUCT, new TypeDef.Sequence(STRUCT))));

  private final ValueDecoder decoder = new ValueDecoder(TYPES);

  private ScaleValue decode(int type, String hex) {
    return decoder.decode(type, Hex.decode(hex));
  }

  @Test
  void primitivesIncludingWideAndSignedIntegers() {
    assertThat(decode(I128, "ff".repeat(16)).asBigInteger()).isEqualTo(BigInteger.ONE.negate());
    assertThat(decode(U256, "ff".repeat(32)).asBigInteger())
        .isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    assertThat(decode(CHAR, "e9000000")).isEqualTo(new ScaleValue.Char('é'));
    assertThat(decode(STR, "0c6a6f79").asText()).isEqualTo("joy");
    assertThat(decode(BOOL, "01").asBoolean()).isTrue();
    assertThat(decode(COMPACT_U64, "feffffff").asBigInteger())
        .isEqualTo(BigInteger.valueOf(1_073_741_823));
  }

  @Test
  void sequencesArraysTuplesAndBytes() {
    assertThat(decode(BYTES, "0c010203")).isEqualTo(new ScaleValue.Bytes("0x010203"));
    assertThat(decode(ARRAY3_U16, "010002000300").items())
        .extracting(ScaleValue::asLong)
        .containsExactly(1L, 2L, 3L);
    assertThat(decode(TUPLE, "0901").items())
        .containsExactly(new ScaleValue.Int(BigInteger.valueOf(9)), new ScaleValue.Bool(true));
    assertThat(decode(VEC_UNIT, "0c").items()).hasSize(3);
    ScaleValue things = decode(VEC_STRUCT, "08" + "04" + "0461" + "08" + "0462");
    assertThat(things.at(1).field("id").asLong()).isEqualTo(2);
    assertThat(things.at(1).field("name").asText()).isEqualTo("b");
  }

  @Test
  void bitSequencesInBothOrders() {
    assertThat(decode(BITS_LSB, "280100")).isEqualTo(new ScaleValue.Bits("1000000000"));
    assertThat(decode(BITS_LSB, "14" + "0d")).isEqualTo(new ScaleValue.Bits("10110"));
    assertThat(decode(BITS_MSB, "14" + "b0")).isEqualTo(new ScaleValue.Bits("10110"));
  }

  @Test
  void variantsAreFoundByTheirIndexByte() {
    ScaleValue pair = decode(ENUM, "07" + "05" + "fe" + "ff".repeat(15));
    assertThat(pair.variantName()).isEqualTo("Pair");
    assertThat(pair.at(0).asLong()).isEqualTo(5);
    assertThat(pair.at(1).asBigInteger()).isEqualTo(BigInteger.valueOf(-2));
    assertThat(decode(ENUM, "00")).isEqualTo(new ScaleValue.Variant("Empty", 0, List.of()));
    assertThatThrownBy(() -> decode(ENUM, "01"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("unknown variant index 1 of type 16 (demo::Choice)");
  }

  @Test
  void malformedInputFailsWithATypedError() {
    assertThatThrownBy(() -> decode(BYTES, "10aabb"))
        .isInstanceOf(MetadataException.class)
        .satisfies(e -> assertThat(((MetadataException) e).code()).isEqualTo("value.malformed"));
    assertThatThrownBy(() -> decode(VEC_STRUCT, "fdffffff"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("exceeds");
    assertThatThrownBy(() -> decode(SELF_REF, "00"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("nesting deeper than");
    assertThatThrownBy(() -> decode(BOOL, "0100")).hasMessageContaining("left over");
    assertThatThrownBy(() -> decode(99, "00"))
        .isInstanceOf(MetadataException.class)
        .satisfies(
            e -> assertThat(((MetadataException) e).code()).isEqualTo("metadata.unknown-type"));
    assertThatThrownBy(() -> decode(STRUCT, "04").field("missing"))
        .isInstanceOf(MetadataException.class);
  }

  @Test
  void accessorsRefuseOtherShapes() {
    ScaleValue text = new ScaleValue.Text("x");
    assertThatThrownBy(text::asLong).hasMessageContaining("expected an integer");
    assertThatThrownBy(() -> text.at(0)).isInstanceOf(MetadataException.class);
    assertThatThrownBy(text::variantName).hasMessageContaining("expected an enum");
  }
}
