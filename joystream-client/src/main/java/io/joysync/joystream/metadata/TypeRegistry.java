package io.joysync.joystream.metadata;

import java.util.List;

/**
 * The metadata's portable type registry: types addressed by id, where ids are the positions in the
 * registry (V14 writes them in order; the parser checks that).
 */
public final class TypeRegistry {
  private final List<PortableType> types;

  TypeRegistry(List<PortableType> types) {
    this.types = List.copyOf(types);
    for (int i = 0; i < this.types.size(); i++) {
      if (this.types.get(i).id() != i) {
        throw new MetadataException(
            "metadata.malformed",
            "type registry entry "
                + i
                + " has id "
                + this.types.get(i).id()
                + "; ids must be dense");
      }
    }
  }

  public PortableType type(int id) {
    if (id < 0 || id >= types.size()) {
      throw new MetadataException(
          "metadata.unknown-type", "type id " + id + " is not in the registry of " + types.size());
    }
    return types.get(id);
  }

  public TypeDef def(int id) {
    return type(id).def();
  }

  public int size() {
    return types.size();
  }

  public List<PortableType> types() {
    return types;
  }
}
