package io.joysync.engine.youtube;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * joysync's record of a YouTube channel as the Data API describes it at sign-up: identity, snippet,
 * avatar and banner URLs, uploads playlist, language, creation date and statistics.
 */
public record YoutubeChannel(
    String id,
    String title,
    String description,
    String customUrl,
    Map<String, String> thumbnails,
    String bannerImageUrl,
    String uploadsPlaylistId,
    String language,
    Instant publishedAt,
    ChannelStatistics statistics) {

  public YoutubeChannel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(statistics, "statistics");
    thumbnails = Map.copyOf(thumbnails);
  }
}
