package io.joysync.engine.pipeline;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * How the pipeline records what it does: every step on the video's own entity (before an effect
 * that cannot be undone, and after it), the historical-bytes reservation on the channel's, and a
 * transient failure as a counted attempt with its retry time (exponential backoff with jitter). Not
 * final: a test stands in for a channel entity that does not answer in time.
 */
class VideoSteps {

  private final ClusterSharding sharding;
  private final Duration timeout;
  private final Duration retryMin;
  private final Duration retryMax;
  private final Clock clock;

  VideoSteps(
      ActorSystem<?> system, Duration timeout, Duration retryMin, Duration retryMax, Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.timeout = timeout;
    this.retryMin = retryMin;
    this.retryMax = retryMax;
    this.clock = clock;
  }

  CompletionStage<Optional<TrackedVideo>> video(String videoId) {
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .ask(VideoEntity.Get::new, timeout);
  }

  CompletionStage<Optional<ChannelState>> channel(String channelId) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channelId)
        .ask(ChannelEntity.Get::new, timeout);
  }

  CompletionStage<VideoRecord> take(String videoId, VideoTransition step) {
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .askWithStatus(r -> new VideoEntity.Advance(step, clock.instant(), r), timeout);
  }

  /** Records that edit {@code revision} is on the Joystream video (once; a repeat is done). */
  CompletionStage<TrackedVideo> metadataUpdated(String videoId, int revision, long blockNumber) {
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .askWithStatus(
            r -> new VideoEntity.RecordMetadataUpdate(revision, blockNumber, clock.instant(), r),
            timeout);
  }

  /** Gives up the update to edit {@code revision}: it is not asked for again (a later edit is). */
  CompletionStage<TrackedVideo> metadataUpdateGivenUp(
      String videoId, int revision, String reason, boolean permanent, int attempts) {
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .askWithStatus(
            r ->
                new VideoEntity.GiveUpMetadataUpdate(
                    revision, reason, permanent, attempts, clock.instant(), r),
            timeout);
  }

  /** Counts a failed attempt; the video waits before it is tried again, longer each time. */
  CompletionStage<TrackedVideo> failed(TrackedVideo video, String detail) {
    Instant retryAt = clock.instant().plus(backoff(video.failedAttempts()));
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, video.id())
        .askWithStatus(r -> new VideoEntity.RecordFailure(detail, retryAt, r), timeout);
  }

  /** Parks a video for the longest wait (a cap reached, a channel without a collaborator). */
  CompletionStage<TrackedVideo> parked(TrackedVideo video, String detail) {
    Instant retryAt = clock.instant().plus(retryMax);
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, video.id())
        .askWithStatus(r -> new VideoEntity.RecordFailure(detail, retryAt, r), timeout);
  }

  CompletionStage<ChannelState> reserveHistoricalBytes(
      String channelId, String videoId, long bytes) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channelId)
        .askWithStatus(r -> new ChannelEntity.ReserveHistoricalBytes(videoId, bytes, r), timeout);
  }

  CompletionStage<ChannelState> releaseHistoricalBytes(
      String channelId, String videoId, long bytes) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channelId)
        .askWithStatus(r -> new ChannelEntity.ReleaseHistoricalBytes(videoId, bytes, r), timeout);
  }

  /** retryMin doubled per earlier failure, at most retryMax, with up to 20 % jitter. */
  Duration backoff(int earlierFailures) {
    int doublings = Math.min(earlierFailures, 30);
    long millis = retryMin.toMillis();
    for (int i = 0; i < doublings && millis < retryMax.toMillis(); i++) {
      millis *= 2;
    }
    millis = Math.min(millis, retryMax.toMillis());
    long jitter = millis / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(millis / 5);
    return Duration.ofMillis(millis + jitter);
  }

  Instant now() {
    return clock.instant();
  }
}
