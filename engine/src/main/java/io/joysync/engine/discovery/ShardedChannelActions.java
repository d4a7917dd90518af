package io.joysync.engine.discovery;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelEntity.AutoOptOutReason;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.VideoTracking;
import io.joysync.engine.channel.VideoTracking.TrackedVideos;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import io.joysync.engine.youtube.ChannelStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChannelActions} on the cluster's entities: videos are tracked through {@link
 * VideoTracking} (the path initial ingestion takes), opt-outs and unavailable videos are commands
 * to the channel's and the video's entity.
 */
public final class ShardedChannelActions implements ChannelActions {

  private static final Logger log = LoggerFactory.getLogger(ShardedChannelActions.class);

  private final ClusterSharding sharding;
  private final VideoTracking tracking;
  private final Duration timeout;

  public ShardedChannelActions(ActorSystem<?> system, Duration timeout) {
    this.sharding = ClusterSharding.get(system);
    this.tracking = new VideoTracking(system, timeout);
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<TrackedVideos> track(
      String channelId, List<VideoFacts> videos, Instant at) {
    return tracking.track(channelId, videos, at);
  }

  @Override
  public CompletionStage<TrackedVideos> track(
      String channelId, ChannelState channel, List<VideoFacts> videos, Instant at) {
    return tracking.track(channelId, channel, videos, at);
  }

  @Override
  public CompletionStage<Done> autoOptOut(String channelId, AutoOptOutReason reason, Instant at) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channelId)
        .<ChannelState>askWithStatus(r -> new ChannelEntity.AutoOptOut(reason, at, r), timeout)
        .thenApply(
            state -> {
              log.info("channel {} opted out automatically: {}", channelId, reason);
              return Done.getInstance();
            });
  }

  @Override
  public CompletionStage<Done> refreshStatistics(
      String channelId, ChannelStatistics statistics, Instant at) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channelId)
        .<ChannelState>askWithStatus(
            r -> new ChannelEntity.RefreshStatistics(statistics, at, r), timeout)
        .thenApply(state -> Done.getInstance());
  }

  @Override
  public CompletionStage<Done> editMetadata(
      String videoId, String title, String description, Instant at) {
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<VideoEntity.Edit>askWithStatus(
            r -> new VideoEntity.EditMetadata(title, description, at, r), timeout)
        .thenApply(
            edit -> {
              log.info("video {}: title or description edit {}", videoId, edit);
              return Done.getInstance();
            });
  }

  @Override
  public CompletionStage<Done> markUnavailable(
      String videoId, UnavailableReason reason, String detail, Instant at) {
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<StatusReply<VideoRecord>>ask(
            r ->
                new VideoEntity.Advance(new VideoTransition.MarkUnavailable(reason, detail), at, r),
            timeout)
        .thenApply(
            reply -> {
              if (reply.isError()) {
                log.info(
                    "video {} not marked {}: {}",
                    videoId,
                    reason.stateName(),
                    reply.getError().getMessage());
              } else {
                log.info("video {} is now {}", videoId, reply.getValue().state().wireName());
              }
              return Done.getInstance();
            });
  }
}
