package io.joysync.engine.channel;

import io.joysync.engine.video.VideoEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Hands the videos of a channel recovered from an old journal (when channels still kept their
 * videos) to their own {@link VideoEntity}, with their progress as it was, one after the other. A
 * video its entity already has is left alone there, so a repeat after a crash is harmless; the
 * channel forgets only the videos whose entity answered.
 */
final class LegacyVideoImport {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private LegacyVideoImport() {}

  static CompletionStage<List<String>> importAll(
      ActorSystem<?> system, String channelId, Collection<ChannelEntity.TrackedVideo> videos) {
    ClusterSharding sharding = ClusterSharding.get(system);
    List<String> moved = new ArrayList<>();
    CompletionStage<Void> done = CompletableFuture.completedFuture(null);
    for (ChannelEntity.TrackedVideo v : List.copyOf(videos)) {
      done =
          done.thenCompose(
              ignored ->
                  sharding
                      .entityRefFor(VideoEntity.ENTITY_KEY, v.record().id())
                      .<VideoEntity.Tracking>askWithStatus(
                          reply -> new VideoEntity.Import(channelId, v.facts(), v.record(), reply),
                          TIMEOUT)
                      .thenAccept(tracking -> moved.add(v.record().id())));
    }
    return done.handle((ignored, error) -> List.copyOf(moved));
  }
}
