package io.joysync.devnet.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Writes one block's effect on the chain state into the versioned storage: every table entry
 * written during the block and every single-value item whose encoding changed, each under its real
 * key and in its runtime encoding. What it returns is what a node's storage-change notification for
 * that block carries.
 */
final class StorageSeal {
  private final ChainState state;
  private final StorageHistory history;
  private final long number;
  private final long horizon;
  private final List<StorageChange> changes = new ArrayList<>();

  StorageSeal(ChainState state, StorageHistory history, long number, long horizon) {
    this.state = state;
    this.history = history;
    this.number = number;
    this.horizon = horizon;
  }

  List<StorageChange> changes() {
    entries(state.accounts, (id, a) -> StorageQuery.accountKey(id), StorageCodec::account);
    entries(
        state.members,
        (id, m) -> StorageQuery.idKey(StorageQuery.MEMBERSHIP_BY_ID, id),
        StorageCodec::member);
    entries(
        state.channels,
        (id, c) -> StorageQuery.idKey(StorageQuery.CHANNEL_BY_ID, id),
        StorageCodec::channel);
    entries(
        state.videos,
        (id, v) -> StorageQuery.idKey(StorageQuery.VIDEO_BY_ID, id),
        StorageCodec::video);
    entries(state.bags, (id, b) -> StorageQuery.bagStorageKey(id), StorageCodec::bag);
    entries(
        state.dataObjects,
        (id, o) -> StorageQuery.dataObjectKey(o.channelId(), id),
        StorageCodec::dataObject);
    entries(
        state.buckets,
        (id, b) -> StorageQuery.idKey(StorageQuery.BUCKET_BY_ID, id),
        StorageCodec::bucket);
    state.memberByHandle.drainTouched();
    write(StorageQuery.SYSTEM_NUMBER, StorageCodec.u32(number));
    write(
        StorageQuery.LAST_RUNTIME_UPGRADE,
        StorageCodec.lastRuntimeUpgrade(state.lastRuntimeUpgrade()));
    write(StorageQuery.NEXT_VIDEO_ID, StorageCodec.u64(state.nextVideoId()));
    write(StorageQuery.NEXT_CHANNEL_ID, StorageCodec.u64(state.nextChannelId()));
    write(StorageQuery.NEXT_DATA_OBJECT_ID, StorageCodec.u64(state.nextDataObjectId()));
    write(StorageQuery.VIDEO_BOND, StorageCodec.u128(state.videoStateBloatBond()));
    write(StorageQuery.CHANNEL_BOND, StorageCodec.u128(state.channelStateBloatBond()));
    write(StorageQuery.OBJECT_BOND, StorageCodec.u128(state.dataObjectStateBloatBond()));
    write(StorageQuery.PER_MB_FEE, StorageCodec.u128(state.dataObjectPerMegabyteFee()));
    write(StorageQuery.MEMBERSHIP_PRICE, StorageCodec.u128(state.membershipPrice()));
    write(StorageQuery.FEE_MULTIPLIER, StorageCodec.u128(state.nextFeeMultiplier()));
    return List.copyOf(changes);
  }

  private <K, V> void entries(
      Journal.Table<K, V> table, BiFunction<K, V, byte[]> keyOf, Function<V, byte[]> encode) {
    for (Map.Entry<K, V> touched : table.drainTouched().entrySet()) {
      V now = table.get(touched.getKey()).orElse(null);
      V any = now != null ? now : touched.getValue();
      if (any != null) {
        byte[] key = keyOf.apply(touched.getKey(), any);
        write(key, now == null ? null : encode.apply(now));
      }
    }
  }

  private void write(byte[] key, byte[] value) {
    if (history.write(number, key, value, horizon)) {
      changes.add(new StorageChange(key, value));
    }
  }
}
