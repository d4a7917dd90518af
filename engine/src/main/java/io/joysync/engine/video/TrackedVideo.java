package io.joysync.engine.video;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tracked video as its {@link VideoEntity} keeps it: the channel it belongs to, what YouTube
 * said of it when it was found, its progress, and the failed attempts since it last made progress
 * (after a transient failure the pipeline waits until {@code retryAt} before it tries again).
 */
public record TrackedVideo(
    String channelId,
    VideoFacts facts,
    VideoRecord record,
    int failedAttempts,
    Optional<Instant> retryAt)
    implements CborSerializable {

  public TrackedVideo {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(record, "record");
  }

  public String id() {
    return record.id();
  }

  public VideoState state() {
    return record.state();
  }

  /** After a step: a step that made progress clears the failed attempts, a failure keeps them. */
  TrackedVideo advance(VideoRecord next, boolean progress) {
    return progress
        ? new TrackedVideo(channelId, facts, next, 0, Optional.empty())
        : new TrackedVideo(channelId, facts, next, failedAttempts, retryAt);
  }

  TrackedVideo failedAttempt(int attempt, Instant nextTry) {
    return new TrackedVideo(channelId, facts, record, attempt, Optional.of(nextTry));
  }
}
