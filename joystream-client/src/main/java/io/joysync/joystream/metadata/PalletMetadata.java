package io.joysync.joystream.metadata;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One pallet of the runtime: its name and index (the first byte of its calls and events), its
 * storage items under {@code storagePrefix}, and the type ids of its call, event and error enums
 * (-1 when the pallet has none). Look calls, events and errors up through {@link RuntimeMetadata}.
 */
public record PalletMetadata(
    String name,
    int index,
    String storagePrefix,
    List<StorageEntry> storage,
    int callType,
    int eventType,
    int errorType,
    List<Constant> constants) {

  public PalletMetadata {
    storage = List.copyOf(storage);
    constants = List.copyOf(constants);
  }

  public Optional<StorageEntry> storageEntry(String item) {
    return storage.stream().filter(e -> e.name().equals(item)).findFirst();
  }

  public Optional<Constant> constant(String constantName) {
    return constants.stream().filter(c -> c.name().equals(constantName)).findFirst();
  }

  /** A pallet constant: its type and SCALE-encoded value. */
  public record Constant(String name, int type, byte[] value, List<String> docs) {
    public Constant {
      value = value.clone();
      docs = List.copyOf(docs);
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Constant c
          && name.equals(c.name)
          && type == c.type
          && Arrays.equals(value, c.value);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Constant[" + name + ", type " + type + ", " + value.length + " bytes]";
    }
  }
}
