package io.joysync.joystream.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleVectorsTest {

  private static byte[] encode(JsonNode v) {
    String type = v.get("type").asText();
    JsonNode value = v.get("value");
    ScaleWriter w = new ScaleWriter();
    switch (type) {
      case "Compact<u128>" -> w.writeCompact(new BigInteger(value.asText()));
      case "u8" -> w.writeU8(value.asInt());
      case "u16" -> w.writeU16(value.asInt());
      case "u32" -> w.writeU32(Long.parseLong(value.asText()));
      case "u64" -> w.writeU64(Long.parseUnsignedLong(value.asText()));
      case "u128" -> w.writeU128(new BigInteger(value.asText()));
      case "bool" -> w.writeBool(value.asBoolean());
      case "Option<u64>" ->
          w.writeOption(
              value.isNull() ? Optional.empty() : Optional.of(value.asLong()),
              ScaleWriter::writeU64);
      case "Option<u32>" ->
          w.writeOption(
              value.isNull() ? Optional.empty() : Optional.of(value.asLong()),
              ScaleWriter::writeU32);
      case "Option<bool>" ->
          w.writeOption(
              value.isNull() ? Optional.empty() : Optional.of(value.asBoolean()),
              ScaleWriter::writeBool);
      case "Bytes" -> w.writeByteVec(Hex.decode(value.asText()));
      case "Text" -> w.writeString(value.asText());
      case "Vec<u64>" -> w.writeVec(longs(value), ScaleWriter::writeU64);
      case "BTreeSet<u64>" -> w.writeU64Set(longs(value));
      default -> {
        return null;
      }
    }
    return w.toByteArray();
  }

  private static List<Long> longs(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(n -> Long.parseUnsignedLong(n.asText()))
        .toList();
  }

  @Test
  void everyPrimitiveVectorEncodesAndDecodesByteForByte() {
    int checked = 0;
    for (JsonNode v : ReferenceVectors.section("scale")) {
      byte[] expected = ReferenceVectors.hex(v, "hex");
      byte[] actual = encode(v);
      if (actual == null) {
        continue;
      }
      assertThat(Hex.encode(actual)).as(v.get("name").asText()).isEqualTo(Hex.encode(expected));
      assertThat(decodeToText(v, expected)).as("decode " + v.get("name").asText()).isTrue();
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(38);
  }

  private static boolean decodeToText(JsonNode v, byte[] bytes) {
    ScaleReader r = new ScaleReader(bytes);
    JsonNode value = v.get("value");
    boolean ok =
        switch (v.get("type").asText()) {
          case "Compact<u128>" -> r.readCompact().toString().equals(value.asText());
          case "u8" -> r.readU8() == value.asInt();
          case "u16" -> r.readU16() == value.asInt();
          case "u32" -> r.readU32() == Long.parseLong(value.asText());
          case "u64" -> r.readU64Unsigned().toString().equals(value.asText());
          case "u128" -> r.readU128().toString().equals(value.asText());
          case "bool" -> r.readBool() == value.asBoolean();
          case "Option<u64>" ->
              r.readOption(ScaleReader::readU64)
                  .equals(value.isNull() ? Optional.empty() : Optional.of(value.asLong()));
          case "Option<u32>" ->
              r.readOption(ScaleReader::readU32)
                  .equals(value.isNull() ? Optional.empty() : Optional.of(value.asLong()));
          case "Option<bool>" ->
              r.readOption(ScaleReader::readBool)
                  .equals(value.isNull() ? Optional.empty() : Optional.of(value.asBoolean()));
          case "Bytes" -> Hex.encode(r.readByteVec()).equals(value.asText());
          case "Text" -> r.readString().equals(value.asText());
          case "Vec<u64>" -> r.readVec(ScaleReader::readU64).equals(longs(value));
          case "BTreeSet<u64>" ->
              r.readVec(ScaleReader::readU64).equals(longs(value).stream().sorted().toList());
          default -> false;
        };
    r.expectEnd();
    return ok;
  }

  @Test
  void contentActorAndBagIdVectorsAreReproducedWithTheWriter() {
    assertThat(Hex.encode(new ScaleWriter().writeU8(1).writeU64(7).toByteArray()))
        .isEqualTo(ReferenceVectors.named("scale", "ContentActor Member(7)").get("hex").asText());
    assertThat(Hex.encode(new ScaleWriter().writeU8(0).writeU64(1).writeU64(2).toByteArray()))
        .isEqualTo(
            ReferenceVectors.named("scale", "ContentActor Curator(1,2)").get("hex").asText());
    assertThat(Hex.encode(new ScaleWriter().writeU8(2).toByteArray()))
        .isEqualTo(ReferenceVectors.named("scale", "ContentActor Lead").get("hex").asText());
    assertThat(Hex.encode(new ScaleWriter().writeU8(1).writeU8(1).writeU64(5).toByteArray()))
        .isEqualTo(
            ReferenceVectors.named("scale", "BagId Dynamic::Channel(5)").get("hex").asText());
    assertThat(Hex.encode(new ScaleWriter().writeU8(0).writeU8(1).writeU8(1).toByteArray()))
        .isEqualTo(
            ReferenceVectors.named("scale", "BagId Static::WorkingGroup(Storage)")
                .get("hex")
                .asText());
  }

  @Test
  void readerWorksInPlaceOnASliceAndReportsPositions() {
    byte[] data = Hex.decode("ffff0c0102030405ff");
    ScaleReader r = new ScaleReader(data, 2, 6);
    assertThat(r.readByteVec()).containsExactly(1, 2, 3);
    assertThat(r.position()).isEqualTo(4);
    assertThat(r.remaining()).isEqualTo(2);
    assertThat(r.readU16()).isEqualTo(0x0504);
    r.expectEnd();
  }

  @Test
  void u64AboveTwoToThe63KeepsItsBits() {
    byte[] max = new ScaleWriter().writeU64(-1L).toByteArray();
    assertThat(Hex.encode(max)).isEqualTo("0xffffffffffffffff");
    assertThat(new ScaleReader(max).readU64()).isEqualTo(-1L);
    assertThat(new ScaleReader(max).readU64Unsigned())
        .isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
  }

  @Test
  void truncatedInputNamesOffsetAndExpectedType() {
    assertThatThrownBy(() -> new ScaleReader(Hex.decode("0x0102")).readU32())
        .isInstanceOf(ScaleException.class)
        .hasMessage("unexpected end of input at offset 0: expected u32 (4 bytes), 2 left");
    ScaleReader r = new ScaleReader(Hex.decode("0x1001"));
    assertThatThrownBy(r::readByteVec)
        .isInstanceOf(ScaleException.class)
        .hasMessage("length prefix at offset 0 says 4 bytes but only 1 bytes remain");
  }

  @Test
  void oversizeAndNonCanonicalCompactsAreRejected() {
    byte[] big = new ScaleWriter().writeCompact(BigInteger.ONE.shiftLeft(40)).toByteArray();
    assertThatThrownBy(() -> new ScaleReader(big).readCompactInt())
        .isInstanceOf(ScaleException.class)
        .hasMessage("compact integer at offset 0 is 1099511627776, larger than the int maximum");
    byte[] huge = new ScaleWriter().writeCompact(BigInteger.ONE.shiftLeft(100)).toByteArray();
    assertThatThrownBy(() -> new ScaleReader(huge).readCompactLong())
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("larger than the long maximum");
    assertThatThrownBy(() -> new ScaleReader(Hex.decode("0x0100")).readCompact())
        .isInstanceOf(ScaleException.class)
        .hasMessage("non-canonical compact integer at offset 0: value 0 in a longer form");
    assertThatThrownBy(() -> new ScaleReader(Hex.decode("0x0300000001")).readCompact())
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("non-canonical compact integer at offset 0");
    assertThatThrownBy(() -> new ScaleReader(Hex.decode("0x01")).readCompact())
        .isInstanceOf(ScaleException.class)
        .hasMessage(
            "unexpected end of input at offset 0: expected 2-byte compact integer (2 bytes), 1 left");
    assertThatThrownBy(() -> new ScaleWriter().writeCompact(BigInteger.ONE.shiftLeft(536)))
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("out of range for a compact integer");
    assertThatThrownBy(() -> new ScaleWriter().writeCompact(-1))
        .isInstanceOf(ScaleException.class)
        .hasMessage("compact integer must not be negative: -1");
  }

  @Test
  void badBoolOptionUtf8AndTrailingBytesAreTypedErrors() {
    assertThatThrownBy(() -> new ScaleReader(Hex.decode("02")).readBool())
        .isInstanceOf(ScaleException.class)
        .hasMessage("invalid bool byte 0x2 at offset 0");
    assertThatThrownBy(() -> new ScaleReader(Hex.decode("02")).readOption(ScaleReader::readU8))
        .isInstanceOf(ScaleException.class)
        .hasMessage("invalid Option tag 0x2 at offset 0");
    assertThatThrownBy(() -> new ScaleReader(Hex.decode("08c328")).readString())
        .isInstanceOf(ScaleException.class)
        .hasMessage("invalid UTF-8 in string at offset 0");
    ScaleReader r = new ScaleReader(Hex.decode("0001"));
    r.readU8();
    assertThatThrownBy(r::expectEnd)
        .isInstanceOf(ScaleException.class)
        .hasMessage("expected end of input at offset 1 but 1 bytes remain");
    assertThatThrownBy(() -> new ScaleReader(Hex.decode("fd0f0000")).readVec(ScaleReader::readU8))
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("vector length at offset 0");
  }

  @Test
  void writerRefusesValuesOutsideTheType() {
    assertThatThrownBy(() -> new ScaleWriter().writeU8(256))
        .isInstanceOf(ScaleException.class)
        .hasMessage("value 256 out of range for u8 (0..255)");
    assertThatThrownBy(() -> new ScaleWriter().writeU32(-1))
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("out of range for u32");
    assertThatThrownBy(() -> new ScaleWriter().writeU128(BigInteger.ONE.shiftLeft(128)))
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("out of range for u128");
    assertThatThrownBy(() -> new ScaleWriter().writeU64Set(List.of(3L, 3L)))
        .isInstanceOf(ScaleException.class)
        .hasMessage("duplicate BTreeSet element 3");
  }

  @Test
  void hexIsStrictAboutLengthAndCharacters() {
    assertThat(Hex.decode("0xABcd")).containsExactly(0xab, 0xcd);
    assertThat(Hex.decode("abcd")).containsExactly(0xab, 0xcd);
    assertThat(Hex.decode("0x")).isEmpty();
    assertThatThrownBy(() -> Hex.decode("0xabc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hex string has an odd number of digits (3)");
    assertThatThrownBy(() -> Hex.decode("0xabzz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid hex character 'z' at position 4");
    assertThatThrownBy(() -> Hex.decode("0x١٢"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at position 2");
  }
}
