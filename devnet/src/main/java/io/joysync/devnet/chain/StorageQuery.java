package io.joysync.devnet.chain;

import io.joysync.joystream.scale.ScaleWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Answers state_getStorage for the storage items the devnet keeps, by their real keys
 * (twox128(pallet) ‖ twox128(item) ‖ hashed map keys). System.Events, System.Number and
 * System.Account are answered for the requested block; every other item from the best state.
 * Unknown keys and absent entries read as empty (JSON null), as on a node.
 */
public final class StorageQuery {
  static final byte[] SYSTEM_ACCOUNT = prefix("System", "Account");
  static final byte[] SYSTEM_EVENTS = prefix("System", "Events");
  static final byte[] SYSTEM_NUMBER = prefix("System", "Number");
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

  public static Optional<byte[]> read(ChainState s, Block at, byte[] key) {
    if (key.length < 32) {
      return Optional.empty();
    }
    byte[] p = Arrays.copyOf(key, 32);
    if (key.length == 32) {
      return plain(s, at, p);
    }
    Optional<byte[]> arg = unhash(key, 32);
    if (arg.isEmpty()) {
      return Optional.empty();
    }
    byte[] k = arg.get();
    if (Arrays.equals(p, SYSTEM_ACCOUNT) && k.length == 32) {
      AccountId id = AccountId.of(k);
      return s.accountAt(id, at.number()).map(StorageCodec::account);
    }
    if (Arrays.equals(p, CHANNEL_BY_ID) && k.length == 8) {
      return s.channel(u64(k, 0)).map(StorageCodec::channel);
    }
    if (Arrays.equals(p, VIDEO_BY_ID) && k.length == 8) {
      return s.video(u64(k, 0)).map(StorageCodec::video);
    }
    if (Arrays.equals(p, BUCKET_BY_ID) && k.length == 8) {
      return s.bucket(u64(k, 0)).map(StorageCodec::bucket);
    }
    if (Arrays.equals(p, MEMBERSHIP_BY_ID) && k.length == 8) {
      return s.member(u64(k, 0)).map(StorageCodec::member);
    }
    if (Arrays.equals(p, BAGS) && k.length == 10 && k[0] == 1 && k[1] == 1) {
      return s.channelBag(u64(k, 2)).map(StorageCodec::bag);
    }
    if (Arrays.equals(p, DATA_OBJECTS) && k.length > 10 && k[0] == 1 && k[1] == 1) {
      long channel = u64(k, 2);
      int second = 32 + 16 + 10;
      Optional<byte[]> objectKey = unhash(key, second);
      if (objectKey.isEmpty() || objectKey.get().length != 8) {
        return Optional.empty();
      }
      return s.dataObject(channel, u64(objectKey.get(), 0)).map(StorageCodec::dataObject);
    }
    return Optional.empty();
  }

  private static Optional<byte[]> plain(ChainState s, Block at, byte[] p) {
    if (Arrays.equals(p, SYSTEM_EVENTS)) {
      return Optional.of(at.eventsValue());
    }
    if (Arrays.equals(p, SYSTEM_NUMBER)) {
      return Optional.of(new ScaleWriter().writeU32(at.number()).toByteArray());
    }
    if (Arrays.equals(p, NEXT_VIDEO_ID)) {
      return Optional.of(StorageCodec.u64(s.nextVideoId()));
    }
    if (Arrays.equals(p, NEXT_CHANNEL_ID)) {
      return Optional.of(StorageCodec.u64(s.nextChannelId()));
    }
    if (Arrays.equals(p, NEXT_DATA_OBJECT_ID)) {
      return Optional.of(StorageCodec.u64(s.nextDataObjectId()));
    }
    if (Arrays.equals(p, VIDEO_BOND)) {
      return Optional.of(StorageCodec.u128(s.videoStateBloatBond()));
    }
    if (Arrays.equals(p, CHANNEL_BOND)) {
      return Optional.of(StorageCodec.u128(s.channelStateBloatBond()));
    }
    if (Arrays.equals(p, OBJECT_BOND)) {
      return Optional.of(StorageCodec.u128(s.dataObjectStateBloatBond()));
    }
    if (Arrays.equals(p, PER_MB_FEE)) {
      return Optional.of(StorageCodec.u128(s.dataObjectPerMegabyteFee()));
    }
    if (Arrays.equals(p, MEMBERSHIP_PRICE)) {
      return Optional.of(StorageCodec.u128(s.membershipPrice()));
    }
    if (Arrays.equals(p, FEE_MULTIPLIER)) {
      return Optional.of(StorageCodec.u128(s.nextFeeMultiplier()));
    }
    return Optional.empty();
  }

  /**
   * Reads a blake2_128concat segment at {@code from}: returns the key bytes up to the next segment
   * (or the end), if their hash matches.
   */
  private static Optional<byte[]> unhash(byte[] key, int from) {
    if (key.length < from + 17) {
      return Optional.empty();
    }
    byte[] hash = Arrays.copyOfRange(key, from, from + 16);
    for (int end = Math.min(key.length, from + 16 + 64); end > from + 16; end--) {
      byte[] k = Arrays.copyOfRange(key, from + 16, end);
      if (Arrays.equals(Hashing.blake2b128(k), hash)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  private static long u64(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFFL);
    }
    return v;
  }
}
