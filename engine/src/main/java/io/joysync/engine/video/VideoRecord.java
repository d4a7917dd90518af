package io.joysync.engine.video;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.Optional;

/**
 * A tracked video as its channel keeps it: what the pipeline needs to decide the next step, and
 * nothing YouTube can tell again. {@code historical} videos were published before the channel
 * signed up; their bytes count against the tier's historical size cap.
 */
public record VideoRecord(
    String id,
    VideoState state,
    String category,
    Optional<String> languageIso,
    Instant publishedAt,
    long durationSeconds,
    boolean historical,
    Optional<JoystreamVideo> joystreamVideo,
    long sizeBytes,
    Instant createdAt,
    Instant updatedAt)
    implements CborSerializable {

  public VideoRecord advance(
      VideoState next, Optional<JoystreamVideo> video, long size, Instant at) {
    return new VideoRecord(
        id,
        next,
        category,
        languageIso,
        publishedAt,
        durationSeconds,
        historical,
        video.or(() -> joystreamVideo),
        size > 0 ? size : sizeBytes,
        createdAt,
        at);
  }
}
