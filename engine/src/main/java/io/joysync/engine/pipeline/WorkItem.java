package io.joysync.engine.pipeline;

import io.joysync.engine.video.VideoState;
import java.time.Instant;
import java.util.Optional;

/**
 * A video with work left on its way to Joystream, as the work index lists it: enough to order it
 * among the others and to know where it stands, without waking its entity.
 */
public record WorkItem(
    String videoId,
    String channelId,
    VideoState state,
    boolean historical,
    Instant publishedAt,
    long viewCount,
    long durationSeconds,
    int failedAttempts,
    Optional<Instant> retryAt) {

  /** Whether the item may be taken up at {@code now} (a failed one waits for its retry time). */
  public boolean isDue(Instant now) {
    return retryAt.map(at -> !at.isAfter(now)).orElse(true);
  }
}
