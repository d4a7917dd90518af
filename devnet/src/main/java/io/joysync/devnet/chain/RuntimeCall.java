package io.joysync.devnet.chain;

import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The calls of the Joystream runtime that the devnet executes, decoded from their SCALE bytes. Each
 * keeps the exact byte slices the runtime echoes back in its events (actor, parameters), so events
 * carry what was submitted, byte for byte.
 */
public sealed interface RuntimeCall {
  /** The whole call: pallet index, call index, arguments. */
  byte[] bytes();

  /** ContentActor: 0 Curator(group, curator), 1 Member(id), 2 Lead. */
  record ContentActor(int kind, long first, long second, byte[] bytes) {
    public static final int CURATOR = 0;
    public static final int MEMBER = 1;
    public static final int LEAD = 2;
  }

  record ObjectParams(long size, byte[] ipfsContentId) {}

  /** StorageAssetsRecord: the objects to create and the expected per-megabyte fee. */
  record StorageAssets(List<ObjectParams> objects, BigInteger expectedDataSizeFee, byte[] bytes) {
    public StorageAssets {
      objects = List.copyOf(objects);
    }

    /** Total bytes, saturating at Long.MAX_VALUE (sizes are u64 on chain). */
    public long totalSize() {
      long total = 0;
      for (ObjectParams o : objects) {
        if (o.size() < 0 || total > Long.MAX_VALUE - o.size()) {
          return Long.MAX_VALUE;
        }
        total += o.size();
      }
      return total;
    }
  }

  record CreateVideo(
      byte[] bytes,
      ContentActor actor,
      long channelId,
      Optional<StorageAssets> assets,
      Optional<byte[]> meta,
      BigInteger expectedVideoBond,
      BigInteger expectedObjectBond,
      long bucketsWitness,
      byte[] paramsBytes)
      implements RuntimeCall {}

  record CreateChannel(
      byte[] bytes,
      int ownerKind,
      long ownerId,
      Optional<StorageAssets> assets,
      Optional<byte[]> meta,
      SortedMap<Long, SortedSet<Integer>> collaborators,
      SortedSet<Long> storageBuckets,
      int distributionBuckets,
      BigInteger expectedChannelBond,
      BigInteger expectedObjectBond,
      byte[] paramsBytes)
      implements RuntimeCall {}

  record UpdateChannel(
      byte[] bytes,
      ContentActor actor,
      long channelId,
      Optional<StorageAssets> assets,
      Optional<byte[]> newMeta,
      SortedSet<Long> assetsToRemove,
      Optional<SortedMap<Long, SortedSet<Integer>>> collaborators,
      BigInteger expectedObjectBond,
      Optional<Long> bucketsWitness,
      byte[] paramsBytes)
      implements RuntimeCall {}

  /** A metadata-only update_video (the devnet executes no asset changes). */
  record UpdateVideo(
      byte[] bytes,
      ContentActor actor,
      long videoId,
      Optional<byte[]> newMeta,
      BigInteger expectedObjectBond,
      Optional<Long> bucketsWitness,
      byte[] paramsBytes)
      implements RuntimeCall {}

  record DeleteVideo(
      byte[] bytes,
      ContentActor actor,
      long videoId,
      long numObjectsToDelete,
      Optional<Long> bucketsWitness)
      implements RuntimeCall {}

  record DeleteChannel(
      byte[] bytes,
      ContentActor actor,
      long channelId,
      long storageBucketsNum,
      long distributionBucketsNum,
      long numObjectsToDelete)
      implements RuntimeCall {}

  /** utility.batch (0), batch_all (2) or force_batch (4). */
  record Batch(byte[] bytes, int callIndex, List<RuntimeCall> calls) implements RuntimeCall {
    public static final int BATCH = 0;
    public static final int BATCH_ALL = 2;
    public static final int FORCE_BATCH = 4;

    public Batch {
      calls = List.copyOf(calls);
    }
  }

  record Transfer(byte[] bytes, AccountId dest, BigInteger value, boolean keepAlive)
      implements RuntimeCall {}

  record BuyMembership(
      byte[] bytes,
      AccountId root,
      AccountId controller,
      Optional<byte[]> handle,
      byte[] metadata,
      Optional<Long> referrer,
      byte[] paramsBytes)
      implements RuntimeCall {}

  /** The timestamp inherent, put by the block author first into every block. */
  record TimestampSet(byte[] bytes, long now) implements RuntimeCall {}
}
