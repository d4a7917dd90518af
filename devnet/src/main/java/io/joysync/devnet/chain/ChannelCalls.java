package io.joysync.devnet.chain;

import io.joysync.devnet.chain.ChainRecords.Bag;
import io.joysync.devnet.chain.ChainRecords.Channel;
import io.joysync.devnet.chain.ChainRecords.Member;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.devnet.chain.RuntimeCall.CreateChannel;
import io.joysync.devnet.chain.RuntimeCall.DeleteChannel;
import io.joysync.devnet.chain.RuntimeCall.StorageAssets;
import io.joysync.devnet.chain.RuntimeCall.UpdateChannel;
import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The content pallet's channel calls: create_channel (with its dynamic bag), update_channel
 * (metadata, assets, the collaborator map that replaces the old one) and delete_channel, with the
 * runtime's error indices.
 */
final class ChannelCalls {
  static final int MAX_COLLABORATORS = 10;
  static final int MAX_CHANNEL_ASSETS = 10;
  static final int PERMISSION_UPDATE_METADATA = 0;
  static final int PERMISSION_MANAGE_ASSETS = 1;
  static final int PERMISSION_MANAGE_COLLABORATORS = 2;
  static final int PERMISSION_DELETE_CHANNEL = 6;
  static final int PAUSED_CHANNEL_UPDATE = 5;

  private final ChainState state;
  private final EventLog events;
  private final Treasury treasury;
  private final StoragePallet storage;
  private final ContentPallet content;

  ChannelCalls(
      ChainState state,
      EventLog events,
      Treasury treasury,
      StoragePallet storage,
      ContentPallet content) {
    this.state = state;
    this.events = events;
    this.treasury = treasury;
    this.storage = storage;
    this.content = content;
  }

  private void checkCollaborators(Map<Long, ? extends Set<Integer>> collaborators) {
    if (collaborators.size() > MAX_COLLABORATORS) {
      throw Errors.MAX_COLLABORATORS.failure();
    }
    for (long id : collaborators.keySet()) {
      if (state.member(id).isEmpty()) {
        throw Errors.INVALID_MEMBER_PROVIDED.failure();
      }
    }
  }

  void createChannel(AccountId sender, CreateChannel call) {
    if (call.ownerKind() != 0) {
      throw DispatchError.content(18, "CuratorGroupDoesNotExist").failure();
    }
    Member owner = state.member(call.ownerId()).orElseThrow(Errors.MEMBER_AUTH_FAILED::failure);
    if (!owner.controller().equals(sender)) {
      throw Errors.MEMBER_AUTH_FAILED.failure();
    }
    if (!call.expectedChannelBond().equals(state.channelStateBloatBond)) {
      throw Errors.CHANNEL_STATE_BLOAT_BOND_CHANGED.failure();
    }
    checkCollaborators(call.collaborators());
    int assetCount = call.assets().map(a -> a.objects().size()).orElse(0);
    if (assetCount > MAX_CHANNEL_ASSETS) {
      throw Errors.MAX_CHANNEL_ASSETS.failure();
    }
    if (call.storageBuckets().size() != state.channelBagStorageBuckets
        || call.distributionBuckets() != 0) {
      throw Errors.BUCKETS_VIOLATE_POLICY.failure();
    }
    for (long id : call.storageBuckets()) {
      StorageBucket b = state.bucket(id).orElseThrow(Errors.STORAGE_BUCKET_DOESNT_EXIST::failure);
      if (!b.acceptingNewBags()) {
        throw Errors.BUCKET_DOESNT_ACCEPT_BAGS.failure();
      }
    }
    BigInteger needed =
        state.channelStateBloatBond.add(
            call.assets().map(storage::uploadCost).orElse(BigInteger.ZERO));
    if (state.account(sender).free().compareTo(needed.add(ChainState.EXISTENTIAL_DEPOSIT)) < 0) {
      throw Errors.INSUFFICIENT_BALANCE_FOR_CHANNEL.failure();
    }
    if (call.assets().isPresent()) {
      StorageAssets assets = call.assets().get();
      storage.checkObjects(assets);
      storage.checkObjectBond(call.expectedObjectBond());
      storage.checkEachObject(assets);
      storage.checkVouchers(call.storageBuckets(), assets);
    }
    long channelId = state.nextChannelId.get();
    state.nextChannelId.set(channelId + 1);
    storage.createBag(channelId, call.storageBuckets());
    List<Long> objectIds =
        call.assets().map(a -> storage.upload(channelId, a, sender)).orElse(List.of());
    AccountId channelAccount = Treasury.channelAccount(channelId);
    treasury.payBond(sender, channelAccount, state.channelStateBloatBond);
    Channel channel =
        new Channel(
            channelId,
            owner.id(),
            0,
            call.collaborators(),
            new TreeSet<>(),
            false,
            new TreeSet<>(objectIds),
            state.channelStateBloatBond,
            sender);
    state.channels.put(channelId, channel);
    byte[] bagObjects =
        call.assets()
            .map(a -> java.util.Arrays.copyOf(a.bytes(), a.bytes().length - 16))
            .orElse(new byte[] {0});
    events.dynamicBagCreated(
        channelId,
        bagObjects,
        sender,
        call.assets().map(StorageAssets::expectedDataSizeFee).orElse(BigInteger.ZERO),
        call.expectedObjectBond(),
        call.storageBuckets(),
        objectIds);
    events.channelCreated(
        channelId,
        StorageCodec.channel(channel),
        call.paramsBytes(),
        channelAccount,
        new ChainEvent.ChannelCreated(
            channelId, owner.id(), call.meta(), call.collaborators(), objectIds));
  }

  void updateChannel(AccountId sender, UpdateChannel call) {
    Channel channel = content.channelOrFail(call.channelId());
    Set<Integer> required = new HashSet<>();
    if (call.newMeta().isPresent()) {
      required.add(PERMISSION_UPDATE_METADATA);
    }
    boolean assetsChange = call.assets().isPresent() || !call.assetsToRemove().isEmpty();
    if (assetsChange) {
      required.add(PERMISSION_MANAGE_ASSETS);
    }
    if (call.collaborators().isPresent()) {
      required.add(PERMISSION_MANAGE_COLLABORATORS);
    }
    content.authorize(sender, call.actor(), channel, required);
    if (channel.pausedFeatures().contains(PAUSED_CHANNEL_UPDATE)) {
      throw Errors.CHANNEL_FEATURE_PAUSED.failure();
    }
    if (assetsChange) {
      long witness = call.bucketsWitness().orElseThrow(Errors.MISSING_BUCKETS_WITNESS::failure);
      Bag bag = storage.bagOrFail(channel.id());
      if (bag.storedBy().size() != witness) {
        throw Errors.INVALID_BUCKETS_WITNESS.failure();
      }
    }
    call.collaborators().ifPresent(this::checkCollaborators);
    if (!channel.dataObjects().containsAll(call.assetsToRemove())) {
      throw DispatchError.content(105, "AssetsToRemoveBeyondEntityAssetsSet").failure();
    }
    int after =
        channel.dataObjects().size()
            - call.assetsToRemove().size()
            + call.assets().map(a -> a.objects().size()).orElse(0);
    if (after > MAX_CHANNEL_ASSETS) {
      throw Errors.MAX_CHANNEL_ASSETS.failure();
    }
    List<Long> newIds = List.of();
    if (call.assets().isPresent()) {
      StorageAssets assets = call.assets().get();
      storage.checkObjects(assets);
      storage.checkObjectBond(call.expectedObjectBond());
      storage.checkEachObject(assets);
      storage.checkVouchers(storage.bagOrFail(channel.id()).storedBy(), assets);
      storage.checkBalance(sender, assets);
      newIds = storage.upload(channel.id(), assets, sender);
    }
    storage.delete(channel.id(), call.assetsToRemove(), sender);
    SortedSet<Long> objects = new TreeSet<>(channel.dataObjects());
    objects.removeAll(call.assetsToRemove());
    objects.addAll(newIds);
    Channel next = content.channelOrFail(channel.id()).withDataObjects(objects);
    if (call.collaborators().isPresent()) {
      next = next.withCollaborators(call.collaborators().get());
    }
    state.channels.put(channel.id(), next);
    events.channelUpdated(
        call.actor().bytes(),
        channel.id(),
        call.paramsBytes(),
        newIds,
        new ChainEvent.ChannelUpdated(channel.id(), call.newMeta(), call.collaborators(), newIds));
  }

  void deleteChannel(AccountId sender, DeleteChannel call) {
    Channel channel = content.channelOrFail(call.channelId());
    content.authorize(sender, call.actor(), channel, Set.of(PERMISSION_DELETE_CHANNEL));
    if (channel.numVideos() > 0) {
      throw Errors.CHANNEL_CONTAINS_VIDEOS.failure();
    }
    Bag bag = storage.bagOrFail(channel.id());
    if (bag.storedBy().size() != call.storageBucketsNum() || call.distributionBucketsNum() != 0) {
      throw DispatchError.content(9, "InvalidChannelBagWitnessProvided").failure();
    }
    if (call.numObjectsToDelete() != bag.objectsNumber()) {
      throw DispatchError.content(86, "InvalidBagSizeSpecified").failure();
    }
    removeChannel(call.actor().bytes(), channel, sender);
  }

  /** Removes a channel with its bag and objects; used by the call and by owner actions. */
  void removeChannel(byte[] actor, Channel channel, AccountId deleter) {
    storage.delete(channel.id(), channel.dataObjects(), deleter);
    storage.deleteBag(channel.id());
    treasury.repayBond(
        Treasury.channelAccount(channel.id()), channel.bondAccount(), channel.bloatBond());
    state.channels.remove(channel.id());
    events.channelDeleted(actor, channel.id());
  }

  /** The owner replaces the collaborator map without member {@code memberId}. */
  void removeCollaborator(long channelId, long memberId) {
    Channel channel = content.channelOrFail(channelId);
    SortedMap<Long, SortedSet<Integer>> next = new TreeMap<>(channel.collaborators());
    next.remove(memberId);
    state.channels.put(channelId, channel.withCollaborators(next));
    io.joysync.joystream.scale.ScaleWriter params = new io.joysync.joystream.scale.ScaleWriter();
    params.writeU8(0).writeU8(0).writeCompact(0).writeU8(1);
    StorageCodec.collaborators(params, next);
    params.writeU128(state.dataObjectStateBloatBond).writeU8(0);
    byte[] actor =
        new io.joysync.joystream.scale.ScaleWriter()
            .writeU8(1)
            .writeU64(channel.ownerMember())
            .toByteArray();
    events.channelUpdated(
        actor,
        channelId,
        params.toByteArray(),
        List.of(),
        new ChainEvent.ChannelUpdated(
            channelId, java.util.Optional.empty(), java.util.Optional.of(next), List.of()));
  }
}
