package io.joysync.joystream.storage;

import io.joysync.joystream.crypto.StorageHasher;
import io.joysync.joystream.crypto.StorageKey;
import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.metadata.StorageEntry;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.List;

/**
 * Builds full storage keys from the metadata: the item's pallet prefix and name, then each map key
 * hashed with the hasher the metadata names for it, so a runtime that changes a hasher changes our
 * keys with it. Also encodes the key types joysync uses (u64 ids, account ids, bag ids).
 */
public final class StorageKeys {
  private final RuntimeMetadata metadata;

  public StorageKeys(RuntimeMetadata metadata) {
    this.metadata = metadata;
  }

  /** The key of {@code prefix.item} for the SCALE-encoded map keys (none for a plain value). */
  public StorageKey key(String prefix, String item, byte[]... encodedKeys) {
    StorageEntry entry = metadata.storageEntry(prefix, item);
    List<StorageHasher> hashers = entry.hashers();
    if (hashers.size() != encodedKeys.length) {
      throw new MetadataException(
          "storage.key-count",
          prefix + "." + item + " takes " + hashers.size() + " keys, got " + encodedKeys.length);
    }
    StorageKey.HashedKey[] keys = new StorageKey.HashedKey[encodedKeys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new StorageKey.HashedKey(hashers.get(i), encodedKeys[i]);
    }
    return StorageKey.doubleMap(prefix, item, keys);
  }

  public static byte[] u64(long id) {
    return new ScaleWriter(8).writeU64(id).toByteArray();
  }

  /** A 32-byte account id is its own encoding; anything else is refused. */
  public static byte[] accountId(byte[] id) {
    if (id.length != 32) {
      throw new IllegalArgumentException("an account id has 32 bytes, got " + id.length);
    }
    return id.clone();
  }

  /** {@code BagIdType::Dynamic(DynamicBagIdType::Channel(channelId))}. */
  public static byte[] channelBag(long channelId) {
    return new ScaleWriter(10).writeU8(1).writeU8(1).writeU64(channelId).toByteArray();
  }

  /** {@code BagIdType::Dynamic(DynamicBagIdType::Member(memberId))}. */
  public static byte[] memberBag(long memberId) {
    return new ScaleWriter(10).writeU8(1).writeU8(0).writeU64(memberId).toByteArray();
  }
}
