package io.joysync.devnet.chain;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where each storage item the devnet keeps lives: its real key (twox128(pallet) ‖ twox128(item) ‖
 * hashed map keys), and reads by key as of a block, as state_getStorage answers them (JSON null for
 * unknown keys and absent entries, as on a node).
 */
public final class StorageQuery {
  static final byte[] SYSTEM_ACCOUNT = prefix("System", "Account");
  static final byte[] SYSTEM_EVENTS = prefix("System", "Events");
  static final byte[] SYSTEM_NUMBER = prefix("System", "Number");
  static final byte[] LAST_RUNTIME_UPGRADE = prefix("System", "LastRuntimeUpgrade");
  static final byte[] CHANNEL_BY_ID = prefix("Content", "ChannelById");
  static final byte[] VIDEO_BY_ID = prefix("Content", "VideoById");
  static final byte[] NEXT_VIDEO_ID = prefix("Content", "NextVideoId");
  static final byte[] NEXT_CHANNEL_ID = prefix("Content", "NextChannelId");
  static final byte[] VIDEO_BOND = prefix("Content", "VideoStateBloatBondValue");
  static final byte[] CHANNEL_BOND = prefix("Content", "ChannelStateBloatBondValue");
  static final byte[] BAGS = prefix("Storage", "Bags");
  static final byte[] DATA_OBJECTS = prefix("Storage", "DataObjectsById");
  static final byte[] PER_MB_FEE = prefix("Storage", "DataObjectPerMegabyteFee");
  static final byte[] OBJECT_BOND = prefix("Storage", "DataObjectStateBloatBondValue");
  static final byte[] BUCKET_BY_ID = prefix("Storage", "StorageBucketById");
  static final byte[] NEXT_DATA_OBJECT_ID = prefix("Storage", "NextDataObjectId");
  static final byte[] MEMBERSHIP_BY_ID = prefix("Membership", "MembershipById");
  static final byte[] MEMBERSHIP_PRICE = prefix("Membership", "MembershipPrice");
  static final byte[] FEE_MULTIPLIER = prefix("TransactionPayment", "NextFeeMultiplier");

  private StorageQuery() {}

  public static byte[] prefix(String pallet, String item) {
    byte[] out = new byte[32];
    System.arraycopy(Hashing.twox128(pallet), 0, out, 0, 16);
    System.arraycopy(Hashing.twox128(item), 0, out, 16, 16);
    return out;
  }

  /** Full key of a blake2_128concat map entry. */
  public static byte[] mapKey(byte[] prefix, byte[] key) {
    byte[] hashed = Hashing.blake2128Concat(key);
    byte[] out = Arrays.copyOf(prefix, 32 + hashed.length);
    System.arraycopy(hashed, 0, out, 32, hashed.length);
    return out;
  }

  public static byte[] bagKey(long channelId) {
    return new ScaleWriter().writeU8(1).writeU8(1).writeU64(channelId).toByteArray();
  }

  /** System.Account key of an account. */
  static byte[] accountKey(AccountId id) {
    return mapKey(SYSTEM_ACCOUNT, id.bytes());
  }

  /** Key of an entry of a map keyed by a u64 id (blake2_128concat). */
  static byte[] idKey(byte[] prefix, long id) {
    return mapKey(prefix, StorageCodec.u64(id));
  }

  /** Storage.Bags key of a channel's dynamic bag. */
  static byte[] bagStorageKey(long channelId) {
    return mapKey(BAGS, bagKey(channelId));
  }

  /** Storage.DataObjectsById key: the double map of (bag, object id). */
  static byte[] dataObjectKey(long channelId, long objectId) {
    byte[] inBag = mapKey(DATA_OBJECTS, bagKey(channelId));
    byte[] id = Hashing.blake2128Concat(StorageCodec.u64(objectId));
    byte[] out = Arrays.copyOf(inBag, inBag.length + id.length);
    System.arraycopy(id, 0, out, inBag.length, id.length);
    return out;
  }

  /**
   * The value of {@code key} as of block {@code at}: System.Events from the block itself, every
   * other item from the versioned storage (from the best state when the block is older than the
   * horizon the node keeps state for). Unknown keys and absent entries read as empty.
   */
  public static Optional<byte[]> read(ChainState s, Block at, byte[] key) {
    if (Arrays.equals(key, SYSTEM_EVENTS)) {
      return Optional.of(at.eventsValue());
    }
    return s.storageAt(key, at.number());
  }
}
