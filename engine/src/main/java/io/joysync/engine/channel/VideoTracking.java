package io.joysync.engine.channel;

import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Starts tracking videos found on YouTube for a signed-up channel (initial ingestion, an operator's
 * unauthorized add, discovery): the channel decides each video's terms (its category and its
 * Joystream channel's language of this moment, and whether the video is historical), and each
 * video's own {@link VideoEntity} records it once, in state {@code New}. A few videos are tracked
 * at a time; a failure part-way leaves the earlier ones tracked, and a repeat tracks only what is
 * still missing.
 */
public final class VideoTracking {

  /** Videos tracked at the same time. */
  static final int PARALLELISM = 8;

  /** Which of the found videos were added, and which were tracked already. */
  public record TrackedVideos(List<String> added, List<String> alreadyTracked) {
    public TrackedVideos {
      added = List.copyOf(added);
      alreadyTracked = List.copyOf(alreadyTracked);
    }
  }

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final Duration timeout;

  public VideoTracking(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.timeout = timeout;
  }

  /** Tracks the videos on the channel; fails when the channel is not signed up. */
  public CompletionStage<TrackedVideos> track(
      String channelId, List<VideoFacts> videos, Instant at) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channelId)
        .<Optional<ChannelState>>ask(ChannelEntity.Get::new, timeout)
        .thenCompose(
            channel ->
                channel.isPresent()
                    ? trackOn(channelId, channel.get(), videos, at)
                    : CompletableFuture.failedFuture(
                        new IllegalStateException("Could not find channel with id " + channelId)));
  }

  /**
   * Tracks the videos on the channel with the terms of the given copy of it (the watch schedule's
   * projection of its events), without asking the channel's entity: one entity, the video's own, is
   * woken per video.
   */
  public CompletionStage<TrackedVideos> track(
      String channelId, ChannelState channel, List<VideoFacts> videos, Instant at) {
    return trackOn(channelId, channel, videos, at);
  }

  private CompletionStage<TrackedVideos> trackOn(
      String channelId, ChannelState channel, List<VideoFacts> videos, Instant at) {
    return Source.from(videos)
        .mapAsync(
            PARALLELISM,
            facts ->
                sharding
                    .entityRefFor(VideoEntity.ENTITY_KEY, facts.id())
                    .<VideoEntity.Tracking>askWithStatus(
                        reply ->
                            new VideoEntity.Track(
                                channelId, facts, terms(channel, facts), at, reply),
                        timeout)
                    .thenApply(tracking -> Pair.create(facts.id(), tracking)))
        .runWith(Sink.seq(), system)
        .thenApply(VideoTracking::outcome);
  }

  /** A video takes the channel's category and its Joystream channel's language of now. */
  static VideoEntity.TrackingTerms terms(ChannelState channel, VideoFacts facts) {
    return new VideoEntity.TrackingTerms(
        channel.videoCategoryId().orElse(""),
        channel.registration().flatMap(Registration::joystreamChannelLanguage),
        channel.isHistorical(facts.publishedAt()));
  }

  private static TrackedVideos outcome(List<Pair<String, VideoEntity.Tracking>> results) {
    List<String> added = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (Pair<String, VideoEntity.Tracking> r : results) {
      (r.second() == VideoEntity.Tracking.ADDED ? added : known).add(r.first());
    }
    return new TrackedVideos(added, known);
  }
}
