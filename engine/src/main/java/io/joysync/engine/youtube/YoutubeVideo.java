package io.joysync.engine.youtube;

import java.time.Instant;
import java.util.Objects;

/**
 * joysync's record of a YouTube video from {@code videos.list}: what is synced (title, description,
 * thumbnails, duration, license, publish date) and what decides whether it may be synced at all
 * (upload and privacy status, live broadcast content, age restriction). {@code container} is only
 * known from owner calls; {@code regionRestricted}: YouTube allows or blocks it in some countries
 * only.
 */
public record YoutubeVideo(
    String id,
    String channelId,
    String url,
    String title,
    String description,
    long viewCount,
    VideoThumbnails thumbnails,
    long durationSeconds,
    String uploadStatus,
    String privacyStatus,
    String license,
    String container,
    String liveBroadcastContent,
    boolean ageRestricted,
    Instant publishedAt,
    boolean regionRestricted) {

  public YoutubeVideo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(thumbnails, "thumbnails");
  }

  /** Thumbnail URLs by YouTube's size names; {@code medium} is the one joysync downloads. */
  public record VideoThumbnails(String defaultUrl, String medium, String high, String standard) {}
}
