package io.joysync.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.joysync.persistence.readside.VideoRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A video record as youtube-synch's {@code GET /users/:userId/videos} returns it (its stored
 * "YtVideo"): fields YouTube did not provide are left out rather than sent as null, as a stored
 * record without them would be.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoDto(
    String id,
    String channelId,
    String url,
    String title,
    String description,
    long viewCount,
    Map<String, String> thumbnails,
    String state,
    String category,
    String languageIso,
    long duration,
    String uploadStatus,
    String privacyStatus,
    String license,
    String container,
    Boolean isShort,
    JoystreamVideoDto joystreamVideo,
    Instant publishedAt,
    Instant createdAt,
    Instant updatedAt) {

  /** The video on Joystream: its id and its assets' data object ids, media then thumbnail. */
  public record JoystreamVideoDto(String id, List<String> assetIds) {}

  static VideoDto of(VideoRow r) {
    return new VideoDto(
        r.videoId(),
        r.channelId(),
        r.url(),
        r.title(),
        r.description(),
        r.viewCount(),
        r.thumbnails(),
        r.state(),
        r.category(),
        r.languageIso().orElse(null),
        r.durationSeconds(),
        r.uploadStatus().orElse(null),
        r.privacyStatus().orElse(null),
        r.license().orElse(null),
        r.container().orElse(null),
        r.isShort().orElse(null),
        r.joystreamVideoId()
            .map(
                id ->
                    new JoystreamVideoDto(
                        Long.toString(id), r.assetIds().stream().map(String::valueOf).toList()))
            .orElse(null),
        r.publishedAt(),
        r.createdAt(),
        r.updatedAt());
  }
}
