package io.joysync.engine.discovery;

import java.time.Instant;
import java.util.Optional;

/**
 * A tracked video whose title or description changed on YouTube after joysync found it: recorded so
 * that the pipeline can bring the Joystream video up to date ({@code content.update_video}); {@code
 * joystreamVideoId} is empty while the video is not yet on Joystream.
 */
public record MetadataChange(
    String channelId,
    String videoId,
    String title,
    String description,
    Optional<Long> joystreamVideoId,
    Instant noticedAt) {}
