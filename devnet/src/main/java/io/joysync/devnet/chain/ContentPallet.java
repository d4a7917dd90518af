package io.joysync.devnet.chain;

import io.joysync.devnet.chain.ChainRecords.Bag;
import io.joysync.devnet.chain.ChainRecords.Channel;
import io.joysync.devnet.chain.ChainRecords.Member;
import io.joysync.devnet.chain.ChainRecords.Video;
import io.joysync.devnet.chain.RuntimeCall.ContentActor;
import io.joysync.devnet.chain.RuntimeCall.CreateVideo;
import io.joysync.devnet.chain.RuntimeCall.DeleteVideo;
import io.joysync.devnet.chain.RuntimeCall.StorageAssets;
import io.joysync.devnet.chain.RuntimeCall.UpdateVideo;
import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content pallet's video calls with the runtime's check order (first failure wins) and error
 * indices: create_video, update_video (metadata only) and delete_video. Channel calls live in
 * {@link ChannelCalls}.
 */
final class ContentPallet {
  static final int MAX_VIDEO_ASSETS = 20;
  static final int PERMISSION_UPDATE_VIDEO_METADATA = 3;
  static final int PERMISSION_ADD_VIDEO = 4;
  static final int PERMISSION_DELETE_VIDEO = 7;
  static final int PAUSED_VIDEO_CREATION = 3;

  private final ChainState state;
  private final EventLog events;
  private final Treasury treasury;
  private final StoragePallet storage;

  ContentPallet(ChainState state, EventLog events, Treasury treasury, StoragePallet storage) {
    this.state = state;
    this.events = events;
    this.treasury = treasury;
    this.storage = storage;
  }

  Channel channelOrFail(long id) {
    return state.channel(id).orElseThrow(Errors.CHANNEL_DOES_NOT_EXIST::failure);
  }

  /** Actor authentication then channel-agent permission checks. */
  void authorize(AccountId sender, ContentActor actor, Channel channel, Set<Integer> required) {
    if (actor.kind() == ContentActor.LEAD) {
      throw DispatchError.content(22, "LeadAuthFailed").failure();
    }
    if (actor.kind() == ContentActor.CURATOR) {
      throw DispatchError.content(18, "CuratorGroupDoesNotExist").failure();
    }
    Member member = state.member(actor.first()).orElseThrow(Errors.MEMBER_AUTH_FAILED::failure);
    if (!member.controller().equals(sender)) {
      throw Errors.MEMBER_AUTH_FAILED.failure();
    }
    if (channel.ownerMember() == actor.first()) {
      return;
    }
    Set<Integer> granted = channel.collaborators().get(actor.first());
    if (granted == null) {
      throw Errors.ACTOR_NOT_AUTHORIZED.failure();
    }
    if (!granted.containsAll(required)) {
      throw Errors.INSUFFICIENT_PERMISSIONS.failure();
    }
  }

  void createVideo(AccountId sender, CreateVideo call) {
    Channel channel = channelOrFail(call.channelId());
    if (channel.transferPending()) {
      throw Errors.INVALID_CHANNEL_TRANSFER_STATUS.failure();
    }
    authorize(sender, call.actor(), channel, Set.of(PERMISSION_ADD_VIDEO));
    if (channel.pausedFeatures().contains(PAUSED_VIDEO_CREATION)) {
      throw Errors.CHANNEL_FEATURE_PAUSED.failure();
    }
    Bag bag = storage.bagOrFail(channel.id());
    if (bag.storedBy().size() != call.bucketsWitness()) {
      throw Errors.INVALID_BUCKETS_WITNESS.failure();
    }
    if (!call.expectedVideoBond().equals(state.videoStateBloatBond)) {
      throw Errors.VIDEO_STATE_BLOAT_BOND_CHANGED.failure();
    }
    int assetCount = call.assets().map(a -> a.objects().size()).orElse(0);
    if (assetCount > MAX_VIDEO_ASSETS) {
      throw Errors.MAX_VIDEO_ASSETS.failure();
    }
    BigInteger needed =
        state.videoStateBloatBond.add(
            call.assets().map(storage::uploadCost).orElse(BigInteger.ZERO));
    BigInteger free = state.account(sender).free();
    if (free.compareTo(needed) < 0
        || free.compareTo(needed.add(ChainState.EXISTENTIAL_DEPOSIT)) < 0) {
      throw Errors.INSUFFICIENT_BALANCE_FOR_VIDEO.failure();
    }
    List<Long> objectIds = List.of();
    if (call.assets().isPresent()) {
      StorageAssets assets = call.assets().get();
      storage.checkObjects(assets);
      storage.checkObjectBond(call.expectedObjectBond());
      storage.checkEachObject(assets);
      storage.checkVouchers(bag.storedBy(), assets);
      storage.checkBalance(sender, assets);
      objectIds = storage.upload(channel.id(), assets, sender);
    }
    long videoId = state.nextVideoId.get();
    treasury.payBond(sender, Treasury.CONTENT, state.videoStateBloatBond);
    state.videos.put(
        videoId,
        new Video(
            videoId, channel.id(), new TreeSet<>(objectIds), state.videoStateBloatBond, sender));
    state.nextVideoId.set(videoId + 1);
    state.channels.put(
        channel.id(), channelOrFail(channel.id()).withNumVideos(channel.numVideos() + 1));
    events.videoCreated(
        call.actor().bytes(),
        channel.id(),
        videoId,
        call.paramsBytes(),
        objectIds,
        new ChainEvent.VideoCreated(channel.id(), videoId, call.meta(), call.assets(), objectIds));
  }

  /** New metadata for a video: its channel's owner or a collaborator with UpdateVideoMetadata. */
  void updateVideo(AccountId sender, UpdateVideo call) {
    Video video = state.video(call.videoId()).orElseThrow(Errors.VIDEO_DOES_NOT_EXIST::failure);
    Channel channel = channelOrFail(video.channelId());
    Set<Integer> required =
        call.newMeta().isPresent() ? Set.of(PERMISSION_UPDATE_VIDEO_METADATA) : Set.of();
    authorize(sender, call.actor(), channel, required);
    events.videoUpdated(
        call.actor().bytes(),
        video.id(),
        call.paramsBytes(),
        new ChainEvent.VideoUpdated(video.id(), call.newMeta()));
  }

  void deleteVideo(AccountId sender, DeleteVideo call) {
    Video video = state.video(call.videoId()).orElseThrow(Errors.VIDEO_DOES_NOT_EXIST::failure);
    Channel channel = channelOrFail(video.channelId());
    authorize(sender, call.actor(), channel, Set.of(PERMISSION_DELETE_VIDEO));
    if (call.numObjectsToDelete() != video.dataObjects().size()) {
      throw Errors.INVALID_VIDEO_OBJECTS_COUNT.failure();
    }
    if (!video.dataObjects().isEmpty()) {
      long witness = call.bucketsWitness().orElseThrow(Errors.MISSING_BUCKETS_WITNESS::failure);
      if (storage.bagOrFail(channel.id()).storedBy().size() != witness) {
        throw Errors.INVALID_BUCKETS_WITNESS.failure();
      }
    }
    removeVideo(call.actor().bytes(), video, sender);
  }

  /** Removes a video and its objects, repaying the bonds; used by calls and by owner actions. */
  void removeVideo(byte[] actor, Video video, AccountId deleter) {
    storage.delete(video.channelId(), video.dataObjects(), deleter);
    treasury.repayBond(Treasury.CONTENT, video.bondAccount(), video.bloatBond());
    state.videos.remove(video.id());
    Channel channel = channelOrFail(video.channelId());
    state.channels.put(channel.id(), channel.withNumVideos(Math.max(0, channel.numVideos() - 1)));
    events.videoDeleted(actor, video.id());
  }
}
