package io.joysync.devnet.chain;

import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values the devnet keeps on chain, shaped like the runtime's storage records (field names and
 * order follow the V14 metadata so they encode 1:1). Immutable: a change is a new record put into
 * the journaled state.
 */
public final class ChainRecords {
  private ChainRecords() {}

  /** frame_system AccountInfo with the old four-field balances AccountData. */
  public record AccountInfo(
      long nonce, int consumers, int providers, BigInteger free, BigInteger reserved) {
    public static AccountInfo empty() {
      return new AccountInfo(0, 0, 0, BigInteger.ZERO, BigInteger.ZERO);
    }

    AccountInfo withFree(BigInteger value) {
      return new AccountInfo(nonce, consumers, value.signum() > 0 ? 1 : 0, value, reserved);
    }

    AccountInfo withNonce(long value) {
      return new AccountInfo(value, consumers, providers, free, reserved);
    }
  }

  /** Membership.MembershipById plus the handle and metadata Orion indexes from the event. */
  public record Member(
      long id,
      byte[] handleHash,
      AccountId root,
      AccountId controller,
      String handle,
      byte[] metadata) {}

  /** Content.ChannelById, reduced to the fields the devnet's calls change. */
  public record Channel(
      long id,
      long ownerMember,
      long numVideos,
      SortedMap<Long, SortedSet<Integer>> collaborators,
      SortedSet<Integer> pausedFeatures,
      boolean transferPending,
      SortedSet<Long> dataObjects,
      BigInteger bloatBond,
      AccountId bondAccount) {
    public Channel {
      TreeMap<Long, SortedSet<Integer>> copy = new TreeMap<>();
      collaborators.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
      collaborators = copy;
      pausedFeatures = new TreeSet<>(pausedFeatures);
      dataObjects = new TreeSet<>(dataObjects);
    }

    Channel withCollaborators(Map<Long, ? extends Set<Integer>> next) {
      TreeMap<Long, SortedSet<Integer>> copy = new TreeMap<>();
      next.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
      return new Channel(
          id,
          ownerMember,
          numVideos,
          copy,
          pausedFeatures,
          transferPending,
          dataObjects,
          bloatBond,
          bondAccount);
    }

    Channel withNumVideos(long next) {
      return new Channel(
          id,
          ownerMember,
          next,
          collaborators,
          pausedFeatures,
          transferPending,
          dataObjects,
          bloatBond,
          bondAccount);
    }

    Channel withDataObjects(Set<Long> next) {
      return new Channel(
          id,
          ownerMember,
          numVideos,
          collaborators,
          pausedFeatures,
          transferPending,
          new TreeSet<>(next),
          bloatBond,
          bondAccount);
    }

    Channel withPausedFeatures(Set<Integer> next) {
      return new Channel(
          id,
          ownerMember,
          numVideos,
          collaborators,
          new TreeSet<>(next),
          transferPending,
          dataObjects,
          bloatBond,
          bondAccount);
    }
  }

  /** Content.VideoById (no NFT support). */
  public record Video(
      long id,
      long channelId,
      SortedSet<Long> dataObjects,
      BigInteger bloatBond,
      AccountId bondAccount) {
    public Video {
      dataObjects = new TreeSet<>(dataObjects);
    }
  }

  /** Storage.Bags for a channel's dynamic bag. */
  public record Bag(
      long channelId, SortedSet<Long> storedBy, long objectsTotalSize, long objectsNumber) {
    public Bag {
      storedBy = new TreeSet<>(storedBy);
    }

    public String bagId() {
      return "dynamic:channel:" + channelId;
    }
  }

  /** Storage.DataObjectsById. */
  public record DataObject(
      long id,
      long channelId,
      boolean accepted,
      BigInteger bloatBond,
      AccountId bondAccount,
      long size,
      byte[] ipfsContentId) {
    DataObject accept() {
      return new DataObject(id, channelId, true, bloatBond, bondAccount, size, ipfsContentId);
    }
  }

  /** Storage.StorageBucketById with an active StorageWorker operator. */
  public record StorageBucket(
      long id,
      long workerId,
      AccountId transactor,
      boolean acceptingNewBags,
      long sizeLimit,
      long objectsLimit,
      long sizeUsed,
      long objectsUsed,
      long assignedBags) {
    StorageBucket withUsage(long size, long objects) {
      return new StorageBucket(
          id,
          workerId,
          transactor,
          acceptingNewBags,
          sizeLimit,
          objectsLimit,
          size,
          objects,
          assignedBags);
    }

    StorageBucket withLimits(long size, long objects) {
      return new StorageBucket(
          id,
          workerId,
          transactor,
          acceptingNewBags,
          size,
          objects,
          sizeUsed,
          objectsUsed,
          assignedBags);
    }

    StorageBucket withAssignedBags(long n) {
      return new StorageBucket(
          id,
          workerId,
          transactor,
          acceptingNewBags,
          sizeLimit,
          objectsLimit,
          sizeUsed,
          objectsUsed,
          n);
    }
  }
}
