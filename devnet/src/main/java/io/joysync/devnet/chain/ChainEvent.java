package io.joysync.devnet.chain;

import io.joysync.joystream.keys.AccountId;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * What happened on chain, in domain terms, alongside each encoded event record: what an indexer
 * such as Orion learns by decoding the block's events. Immutable snapshots.
 */
public sealed interface ChainEvent {
  record MembershipBought(long memberId, String handle, AccountId controller, byte[] metadata)
      implements ChainEvent {}

  record ChannelCreated(
      long channelId,
      long ownerMember,
      Optional<byte[]> meta,
      SortedMap<Long, SortedSet<Integer>> collaborators,
      List<Long> objectIds)
      implements ChainEvent {}

  record ChannelUpdated(
      long channelId,
      Optional<byte[]> meta,
      Optional<SortedMap<Long, SortedSet<Integer>>> collaborators,
      List<Long> newObjectIds)
      implements ChainEvent {}

  record ChannelDeleted(long channelId) implements ChainEvent {}

  record VideoCreated(
      long channelId,
      long videoId,
      Optional<byte[]> meta,
      Optional<RuntimeCall.StorageAssets> assets,
      List<Long> objectIds)
      implements ChainEvent {}

  record VideoUpdated(long videoId, Optional<byte[]> newMeta) implements ChainEvent {}

  record VideoDeleted(long videoId) implements ChainEvent {}

  record DataObjectsUploaded(
      long channelId, List<Long> objectIds, List<Long> sizes, List<String> cids)
      implements ChainEvent {}

  record DataObjectsAccepted(long bucketId, long channelId, List<Long> objectIds)
      implements ChainEvent {}

  record DataObjectsDeleted(long channelId, List<Long> objectIds) implements ChainEvent {}
}
