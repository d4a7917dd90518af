package io.joysync.persistence.readside;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tracked video as {@code GET /users/:userId/videos} answers it: youtube-synch's video record
 * (what YouTube said when it was found, and where it is on its way to Joystream).
 */
public record VideoRow(
    String channelId,
    String videoId,
    String title,
    String description,
    long viewCount,
    Map<String, String> thumbnails,
    String state,
    String category,
    Optional<String> languageIso,
    long durationSeconds,
    Optional<String> uploadStatus,
    Optional<String> privacyStatus,
    Optional<String> license,
    Optional<String> container,
    Optional<Boolean> isShort,
    Optional<Long> joystreamVideoId,
    List<Long> assetIds,
    Instant publishedAt,
    Instant createdAt,
    Instant updatedAt) {

  public VideoRow {
    thumbnails = Map.copyOf(thumbnails);
    assetIds = List.copyOf(assetIds);
  }

  public String url() {
    return "https://youtube.com/watch?v=" + videoId;
  }
}
