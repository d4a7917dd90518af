package io.joysync.joystream.metadata;

import io.joysync.joystream.crypto.StorageHasher;
import java.util.Arrays;
import java.util.List;

/**
 * One storage item of a pallet. For a map, {@code hashers} has one hasher per key and {@code
 * keyType} is the key's type (a tuple type when there are several keys); for a plain value both are
 * empty / -1. An item with {@link Modifier#DEFAULT} reads as {@link #defaultValue()} when the node
 * has nothing stored; an {@link Modifier#OPTIONAL} one reads as absent.
 */
public record StorageEntry(
    String name,
    Modifier modifier,
    List<StorageHasher> hashers,
    int keyType,
    int valueType,
    byte[] defaultValue,
    List<String> docs) {

  public enum Modifier {
    OPTIONAL,
    DEFAULT
  }

  public StorageEntry {
    hashers = List.copyOf(hashers);
    defaultValue = defaultValue.clone();
    docs = List.copyOf(docs);
  }

  @Override
  public byte[] defaultValue() {
    return defaultValue.clone();
  }

  public boolean isMap() {
    return !hashers.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorageEntry e
        && name.equals(e.name)
        && modifier == e.modifier
        && hashers.equals(e.hashers)
        && keyType == e.keyType
        && valueType == e.valueType
        && Arrays.equals(defaultValue, e.defaultValue);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + valueType;
  }

  @Override
  public String toString() {
    return "StorageEntry["
        + name
        + ", "
        + modifier
        + ", "
        + hashers
        + ", value type "
        + valueType
        + "]";
  }
}
