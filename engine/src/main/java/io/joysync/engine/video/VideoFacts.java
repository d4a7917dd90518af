package io.joysync.engine.video;

import io.joysync.engine.serialization.CborSerializable;
import io.joysync.engine.youtube.YoutubeVideo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What YouTube said about a video when joysync started tracking it: the fields youtube-synch keeps
 * in its video records. Only the read side keeps these; the channel keeps the video's progress.
 */
public record VideoFacts(
    String id,
    String title,
    String description,
    long viewCount,
    Map<String, String> thumbnails,
    long durationSeconds,
    Optional<String> uploadStatus,
    Optional<String> privacyStatus,
    Optional<String> license,
    Optional<String> container,
    Optional<Boolean> isShort,
    Instant publishedAt)
    implements CborSerializable {

  public VideoFacts {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publishedAt, "publishedAt");
    title = Objects.requireNonNullElse(title, "");
    description = Objects.requireNonNullElse(description, "");
    thumbnails = Map.copyOf(thumbnails);
  }

  public static VideoFacts of(YoutubeVideo v) {
    Map<String, String> thumbs = new LinkedHashMap<>();
    putIfPresent(thumbs, "default", v.thumbnails().defaultUrl());
    putIfPresent(thumbs, "medium", v.thumbnails().medium());
    putIfPresent(thumbs, "high", v.thumbnails().high());
    putIfPresent(thumbs, "standard", v.thumbnails().standard());
    return new VideoFacts(
        v.id(),
        v.title(),
        v.description(),
        v.viewCount(),
        thumbs,
        v.durationSeconds(),
        Optional.ofNullable(v.uploadStatus()),
        Optional.ofNullable(v.privacyStatus()),
        Optional.ofNullable(v.license()),
        Optional.ofNullable(v.container()),
        Optional.empty(),
        v.publishedAt());
  }

  /** The same facts with the title and description as edited on YouTube. */
  public VideoFacts withText(String newTitle, String newDescription) {
    return new VideoFacts(
        id,
        newTitle,
        newDescription,
        viewCount,
        thumbnails,
        durationSeconds,
        uploadStatus,
        privacyStatus,
        license,
        container,
        isShort,
        publishedAt);
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }

  public String url() {
    return "https://youtube.com/watch?v=" + id;
  }
}
