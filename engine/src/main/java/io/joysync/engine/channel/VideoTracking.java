package io.joysync.engine.channel;

import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, Integer> ranks = catalogueRanks(channel, videos);
    return Source.from(videos)
        .mapAsync(
            PARALLELISM,
            facts ->
                sharding
                    .entityRefFor(VideoEntity.ENTITY_KEY, facts.id())
                    .<VideoEntity.Tracking>askWithStatus(
                        reply ->
                            new VideoEntity.Track(
                                channelId,
                                facts,
                                terms(channel, facts, ranks.getOrDefault(facts.id(), 0)),
                                at,
                                reply),
                        timeout)
                    .thenApply(tracking -> Pair.create(facts.id(), tracking)))
        .runWith(Sink.seq(), system)
        .thenApply(VideoTracking::outcome);
  }

  /**
   * A video takes the channel's category and its Joystream channel's language of now, and its place
   * in the back catalogue found with it.
   */
  static VideoEntity.TrackingTerms terms(ChannelState channel, VideoFacts facts, int rank) {
    return new VideoEntity.TrackingTerms(
        channel.videoCategoryId().orElse(""),
        channel.registration().flatMap(Registration::joystreamChannelLanguage),
        channel.isHistorical(facts.publishedAt()),
        rank);
  }

  /**
   * The place of each historical video among those found together, in the order a channel's back
   * catalogue syncs (the most viewed first, of equally viewed ones the shortest): 0, 1, 2, ... The
   * work index hands the pipeline every channel's first places before anyone's later ones, so a
   * channel that signs up while others' catalogues wait has its first videos read at once.
   */
  static Map<String, Integer> catalogueRanks(ChannelState channel, List<VideoFacts> videos) {
    List<VideoFacts> catalogue =
        videos.stream()
            .filter(v -> channel.isHistorical(v.publishedAt()))
            .sorted(CATALOGUE_ORDER)
            .toList();
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < catalogue.size(); i++) {
      ranks.putIfAbsent(catalogue.get(i).id(), ranks.size());
    }
    return ranks;
  }

  private static final Comparator<VideoFacts> CATALOGUE_ORDER =
      Comparator.comparingLong(VideoFacts::viewCount)
          .reversed()
          .thenComparingLong(VideoFacts::durationSeconds)
          .thenComparing(VideoFacts::id);

  private static TrackedVideos outcome(List<Pair<String, VideoEntity.Tracking>> results) {
    List<String> added = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (Pair<String, VideoEntity.Tracking> r : results) {
      (r.second() == VideoEntity.Tracking.ADDED ? added : known).add(r.first());
    }
    return new TrackedVideos(added, known);
  }
}
