package io.joysync.joystream.metadata;

import java.util.List;

/**
 * One entry of the metadata's type registry: its id, Rust path (e.g. {@code
 * pallet_content::types::VideoRecord}), generic parameters, shape and docs.
 */
public record PortableType(
    int id, List<String> path, List<TypeParam> params, TypeDef def, List<String> docs) {
  public PortableType {
    path = List.copyOf(path);
    params = List.copyOf(params);
    docs = List.copyOf(docs);
  }

  /** The path joined with "::", or "" for anonymous types (tuples, sequences, primitives). */
  public String pathName() {
    return String.join("::", path);
  }

  /** A generic parameter; {@code type} is null when the parameter is not resolved. */
  public record TypeParam(String name, Integer type) {}
}
