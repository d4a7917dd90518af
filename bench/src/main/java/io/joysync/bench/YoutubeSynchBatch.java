package io.joysync.bench;

import io.joysync.engine.publish.VideoToCreate;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.ContentActor;
import io.joysync.joystream.call.CreateVideo;
import io.joysync.joystream.call.DataObjectCreation;
import io.joysync.joystream.call.StorageAssets;
import io.joysync.joystream.content.VideoAppAction;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.orion.OrionApp;
import io.joysync.joystream.orion.OrionChannel;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionMember;
import io.joysync.joystream.scale.ScaleWriter;
import io.joysync.joystream.storage.ChainState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How youtube-synch builds one creation batch (youtube-synch.md 5.3 and 5.4): it asks Orion for the
 * app and the collaborator member, for each channel's {@code totalVideosCreated} (the first
 * app-action nonce), and then, video by video and in order, whether the app already has a video
 * with that YouTube id (the duplicate guard); it reads the bonds, the storage fee and each channel
 * bag's bucket count from the chain, and builds one {@code create_video} per new video, its app
 * action signed with the channel's count plus the videos of that channel before it in the batch.
 */
final class YoutubeSynchBatch {
  private static final long TIMEOUT_SECONDS = 30;

  /** The calls of the batch, and the indices of the videos Orion already had (not in a call). */
  record Built(Batch call, List<Integer> planned, List<Integer> alreadyCreated) {}

  private final OrionClient orion;
  private final ChainState chain;
  private final long memberId;
  private final String controllerAddress;
  private final Ed25519KeyPair appKey;

  YoutubeSynchBatch(
      OrionClient orion,
      ChainState chain,
      long memberId,
      String controllerAddress,
      Ed25519KeyPair appKey) {
    this.orion = orion;
    this.chain = chain;
    this.memberId = memberId;
    this.controllerAddress = controllerAddress;
    this.appKey = appKey;
  }

  Built build(List<VideoToCreate> videos) throws Exception {
    OrionApp app =
        get(orion.appByName(SaturationDevnet.APP))
            .filter(a -> a.authKey().isPresent())
            .orElseThrow(() -> new IllegalStateException("APP_NOT_FOUND"));
    OrionMember member =
        get(orion.membershipById(memberId))
            .orElseThrow(() -> new IllegalStateException("COLLABORATOR_NOT_FOUND"));
    if (!member.controllerAccount().equals(controllerAddress)) {
      throw new IllegalStateException("no key for the collaborator's controller account");
    }
    Set<Long> channels = new LinkedHashSet<>();
    videos.forEach(v -> channels.add(v.joystreamChannelId()));
    Map<Long, Long> nextNonce = new HashMap<>();
    Map<Long, Integer> buckets = new HashMap<>();
    for (long ch : channels) {
      OrionChannel c =
          get(orion.channelById(ch)).orElseThrow(() -> new IllegalStateException("no channel"));
      nextNonce.put(ch, c.totalVideosCreated());
      buckets.put(ch, get(chain.channelBagBuckets(ch, null)).orElseThrow().size());
    }
    BigInteger videoBond = get(chain.videoStateBloatBond(null));
    BigInteger objectBond = get(chain.dataObjectStateBloatBond(null));
    BigInteger fee = get(chain.dataObjectPerMegabyteFee(null));
    List<CreateVideo> calls = new ArrayList<>();
    List<Integer> planned = new ArrayList<>();
    List<Integer> alreadyCreated = new ArrayList<>();
    for (int i = 0; i < videos.size(); i++) {
      VideoToCreate v = videos.get(i);
      if (!get(orion.videosByYtVideoId(v.ytVideoId(), app.name())).isEmpty()) {
        alreadyCreated.add(i);
        continue;
      }
      long ch = v.joystreamChannelId();
      long nonce = nextNonce.merge(ch, 1L, Long::sum) - 1;
      calls.add(call(v, app.id(), nonce, buckets.get(ch), videoBond, objectBond, fee));
      planned.add(i);
    }
    return new Built(calls.isEmpty() ? null : Batch.all(calls), planned, alreadyCreated);
  }

  private CreateVideo call(
      VideoToCreate v,
      String appId,
      long nonce,
      int buckets,
      BigInteger videoBond,
      BigInteger objectBond,
      BigInteger fee) {
    StorageAssets assets =
        new StorageAssets(
            List.of(
                new DataObjectCreation(v.media().sizeBytes(), v.media().contentId()),
                new DataObjectCreation(v.thumbnail().sizeBytes(), v.thumbnail().contentId())),
            fee);
    ScaleWriter assetsScale = new ScaleWriter().writeU8(1);
    assets.encode(assetsScale);
    byte[] meta =
        VideoAppAction.create(
                appId,
                nonce,
                v.joystreamChannelId(),
                assetsScale.toByteArray(),
                v.metadata(),
                appKey::sign)
            .metaBytes();
    return new CreateVideo(
        ContentActor.member(memberId),
        v.joystreamChannelId(),
        Optional.of(assets),
        Optional.of(meta),
        videoBond,
        objectBond,
        buckets);
  }

  private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
