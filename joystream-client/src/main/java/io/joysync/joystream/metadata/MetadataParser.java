package io.joysync.joystream.metadata;

import io.joysync.joystream.crypto.StorageHasher;
import io.joysync.joystream.metadata.PortableType.TypeParam;
import io.joysync.joystream.metadata.RuntimeMetadata.SignedExtension;
import io.joysync.joystream.metadata.TypeDef.Field;
import io.joysync.joystream.metadata.TypeDef.Variant;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SCALE bytes of {@code state_getMetadata} (the "meta" magic, the version byte, then
 * {@code RuntimeMetadataV14}). Any truncation or malformed byte ends in a {@link MetadataException}
 * naming the offset; any version other than 14 in an {@link UnsupportedMetadataVersionException}.
 */
final class MetadataParser {
  private static final long MAGIC = 0x6174656dL; // "meta" read as little-endian u32

  private MetadataParser() {}

  static RuntimeMetadata parse(byte[] bytes) {
    ScaleReader r = new ScaleReader(bytes);
    try {
      if (bytes.length < 5 || r.readU32() != MAGIC) {
        throw new MetadataException(
            "metadata.bad-magic", "not runtime metadata: the bytes do not start with \"meta\"");
      }
      int version = r.readU8();
      if (version != 14) {
        throw new UnsupportedMetadataVersionException(version);
      }
      TypeRegistry types = new TypeRegistry(r.readVec(MetadataParser::portableType));
      List<PalletMetadata> pallets = r.readVec(MetadataParser::pallet);
      int extrinsicType = r.readCompactInt();
      int extrinsicVersion = r.readU8();
      List<SignedExtension> extensions =
          r.readVec(
              x -> new SignedExtension(x.readString(), x.readCompactInt(), x.readCompactInt()));
      int runtimeType = r.readCompactInt();
      r.expectEnd();
      return new RuntimeMetadata(
          types, pallets, extrinsicType, extrinsicVersion, extensions, runtimeType);
    } catch (ScaleException e) {
      throw new MetadataException(
          "metadata.malformed", "malformed V14 metadata: " + e.getMessage(), e);
    }
  }

  private static PortableType portableType(ScaleReader r) {
    int id = r.readCompactInt();
    List<String> path = r.readVec(ScaleReader::readString);
    List<TypeParam> params =
        r.readVec(
            p ->
                new TypeParam(
                    p.readString(), p.readOption(ScaleReader::readCompactInt).orElse(null)));
    TypeDef def = typeDef(r);
    List<String> docs = r.readVec(ScaleReader::readString);
    return new PortableType(id, path, params, def, docs);
  }

  private static TypeDef typeDef(ScaleReader r) {
    int at = r.position();
    int tag = r.readU8();
    return switch (tag) {
      case 0 -> new TypeDef.Composite(r.readVec(MetadataParser::field));
      case 1 -> new TypeDef.VariantType(r.readVec(MetadataParser::variant));
      case 2 -> new TypeDef.Sequence(r.readCompactInt());
      case 3 -> new TypeDef.ArrayType(r.readU32(), r.readCompactInt());
      case 4 -> new TypeDef.Tuple(r.readVec(ScaleReader::readCompactInt));
      case 5 -> new TypeDef.PrimitiveType(primitive(r));
      case 6 -> new TypeDef.Compact(r.readCompactInt());
      case 7 -> new TypeDef.BitSequence(r.readCompactInt(), r.readCompactInt());
      default -> throw new ScaleException("unknown TypeDef tag " + tag + " at offset " + at);
    };
  }

  private static TypeDef.Primitive primitive(ScaleReader r) {
    int at = r.position();
    int p = r.readU8();
    TypeDef.Primitive[] all = TypeDef.Primitive.values();
    if (p >= all.length) {
      throw new ScaleException("unknown primitive " + p + " at offset " + at);
    }
    return all[p];
  }

  private static Field field(ScaleReader r) {
    String name = r.readOption(ScaleReader::readString).orElse(null);
    int type = r.readCompactInt();
    String typeName = r.readOption(ScaleReader::readString).orElse(null);
    return new Field(name, type, typeName, r.readVec(ScaleReader::readString));
  }

  private static Variant variant(ScaleReader r) {
    String name = r.readString();
    List<Field> fields = r.readVec(MetadataParser::field);
    int index = r.readU8();
    return new Variant(name, fields, index, r.readVec(ScaleReader::readString));
  }

  private static PalletMetadata pallet(ScaleReader r) {
    String name = r.readString();
    String[] prefix = {""};
    List<StorageEntry> storage =
        r.readOption(
                s -> {
                  prefix[0] = s.readString();
                  return s.readVec(MetadataParser::storageEntry);
                })
            .orElse(List.of());
    int calls = r.readOption(ScaleReader::readCompactInt).orElse(-1);
    int event = r.readOption(ScaleReader::readCompactInt).orElse(-1);
    List<PalletMetadata.Constant> constants =
        r.readVec(
            c ->
                new PalletMetadata.Constant(
                    c.readString(),
                    c.readCompactInt(),
                    c.readByteVec(),
                    c.readVec(ScaleReader::readString)));
    int error = r.readOption(ScaleReader::readCompactInt).orElse(-1);
    int index = r.readU8();
    return new PalletMetadata(name, index, prefix[0], storage, calls, event, error, constants);
  }

  private static StorageEntry storageEntry(ScaleReader r) {
    String name = r.readString();
    int at = r.position();
    int modifier = r.readU8();
    if (modifier > 1) {
      throw new ScaleException("unknown storage modifier " + modifier + " at offset " + at);
    }
    int kind = r.readU8();
    List<StorageHasher> hashers = new ArrayList<>();
    int keyType = -1;
    int valueType;
    if (kind == 0) {
      valueType = r.readCompactInt();
    } else if (kind == 1) {
      hashers.addAll(r.readVec(MetadataParser::hasher));
      keyType = r.readCompactInt();
      valueType = r.readCompactInt();
    } else {
      throw new ScaleException("unknown storage entry type " + kind + " in " + name);
    }
    byte[] defaultValue = r.readByteVec();
    List<String> docs = r.readVec(ScaleReader::readString);
    return new StorageEntry(
        name,
        modifier == 0 ? StorageEntry.Modifier.OPTIONAL : StorageEntry.Modifier.DEFAULT,
        hashers,
        keyType,
        valueType,
        defaultValue,
        docs);
  }

  private static StorageHasher hasher(ScaleReader r) {
    int at = r.position();
    int h = r.readU8();
    StorageHasher[] all = StorageHasher.values();
    if (h >= all.length) {
      throw new ScaleException("unknown storage hasher " + h + " at offset " + at);
    }
    return all[h];
  }
}
