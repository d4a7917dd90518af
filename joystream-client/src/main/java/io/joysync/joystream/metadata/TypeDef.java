package io.joysync.joystream.metadata;

import java.util.List;
import java.util.Optional;

/**
 * The shape of one type in the V14 registry (scale-info's {@code TypeDef}); type references are ids
 * into the same {@link TypeRegistry}.
 */
public sealed interface TypeDef {

  /** A struct; field names are absent for tuple structs. */
  record Composite(List<Field> fields) implements TypeDef {
    public Composite {
      fields = List.copyOf(fields);
    }
  }

  /** An enum; variants are looked up by their index byte, not by position. */
  record VariantType(List<Variant> variants) implements TypeDef {
    public VariantType {
      variants = List.copyOf(variants);
    }

    public Optional<Variant> byIndex(int index) {
      return variants.stream().filter(v -> v.index() == index).findFirst();
    }

    public Optional<Variant> byName(String name) {
      return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }
  }

  record Sequence(int elementType) implements TypeDef {}

  record ArrayType(long length, int elementType) implements TypeDef {}

  record Tuple(List<Integer> elementTypes) implements TypeDef {
    public Tuple {
      elementTypes = List.copyOf(elementTypes);
    }
  }

  record PrimitiveType(Primitive primitive) implements TypeDef {}

  record Compact(int type) implements TypeDef {}

  record BitSequence(int storeType, int orderType) implements TypeDef {}

  /** A struct or variant field; {@code name} is null for unnamed fields. */
  record Field(String name, int type, String typeName, List<String> docs) {
    public Field {
      docs = List.copyOf(docs);
    }
  }

  record Variant(String name, List<Field> fields, int index, List<String> docs) {
    public Variant {
      fields = List.copyOf(fields);
      docs = List.copyOf(docs);
    }
  }

  /** scale-info primitives, in their metadata order. */
  enum Primitive {
    BOOL,
    CHAR,
    STR,
    U8,
    U16,
    U32,
    U64,
    U128,
    U256,
    I8,
    I16,
    I32,
    I64,
    I128,
    I256
  }
}
