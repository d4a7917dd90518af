package io.joysync.engine.youtube.discovery;

import java.time.Instant;
import java.util.Optional;

/**
 * One video in a channel's Atom feed or a WebSub notification: its title, its description (feeds
 * carry it in {@code media:group}; notifications do not), when it was published and when its entry
 * last changed (an edit of title or description moves {@code updatedAt}).
 */
public record FeedEntry(
    String videoId,
    String channelId,
    String title,
    Optional<String> description,
    Instant publishedAt,
    Instant updatedAt) {

  public FeedEntry(String videoId, String channelId, String title, Instant publishedAt) {
    this(videoId, channelId, title, Optional.empty(), publishedAt, publishedAt);
  }
}
