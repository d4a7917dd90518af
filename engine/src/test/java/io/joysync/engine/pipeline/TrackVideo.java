package io.joysync.engine.pipeline;

import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** The pipeline tests' way to have a public video tracked ({@code New}) by its entity. */
final class TrackVideo {

  private TrackVideo() {}

  /** Tracks the video {@code id} of {@code channelId}, of its back catalogue when historical. */
  static void of(
      ActorSystem<?> system, String channelId, String id, String title, boolean historical)
      throws Exception {
    VideoFacts facts =
        new VideoFacts(
            id,
            title,
            "Text",
            5,
            Map.of(),
            120,
            Optional.of("processed"),
            Optional.of("public"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Instant.parse("2026-11-01T00:00:00Z"));
    ClusterSharding.get(system)
        .entityRefFor(VideoEntity.ENTITY_KEY, id)
        .<VideoEntity.Tracking>askWithStatus(
            r ->
                new VideoEntity.Track(
                    channelId,
                    facts,
                    new VideoEntity.TrackingTerms("cat-1", Optional.empty(), historical),
                    Instant.now(),
                    r),
            Duration.ofSeconds(20))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }
}
