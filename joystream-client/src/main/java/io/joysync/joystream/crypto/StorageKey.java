package io.joysync.joystream.crypto;

import io.joysync.joystream.scale.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A full storage key for {@code state_getStorage}: twox128(pallet prefix) ‖ twox128(item) ‖ for
 * each map key its hasher applied to the key's SCALE bytes. The pallet prefix is the storage prefix
 * from the metadata (the Members pallet stores under "Membership").
 */
public record StorageKey(byte[] bytes) {
  public StorageKey {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The 32-byte prefix of a storage item (the whole key of a plain value). */
  public static StorageKey plain(String palletPrefix, String item) {
    return new StorageKey(prefix(palletPrefix, item));
  }

  /** A map entry: prefix ‖ hasher(encodedKey). */
  public static StorageKey map(
      String palletPrefix, String item, StorageHasher hasher, byte[] encodedKey) {
    return doubleMap(palletPrefix, item, new HashedKey(hasher, encodedKey));
  }

  /** An n-map entry: prefix ‖ hasher1(key1) ‖ hasher2(key2) ‖ ... */
  public static StorageKey doubleMap(String palletPrefix, String item, HashedKey... keys) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(prefix(palletPrefix, item));
    for (HashedKey k : keys) {
      out.writeBytes(k.hasher().hash(k.encodedKey()));
    }
    return new StorageKey(out.toByteArray());
  }

  private static byte[] prefix(String palletPrefix, String item) {
    byte[] out = new byte[32];
    System.arraycopy(XxHash.twox128(palletPrefix.getBytes(StandardCharsets.UTF_8)), 0, out, 0, 16);
    System.arraycopy(XxHash.twox128(item.getBytes(StandardCharsets.UTF_8)), 0, out, 16, 16);
    return out;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorageKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }

  /** One map key with the hasher the metadata names for it. */
  public record HashedKey(StorageHasher hasher, byte[] encodedKey) {
    public HashedKey {
      encodedKey = encodedKey.clone();
    }
  }
}
