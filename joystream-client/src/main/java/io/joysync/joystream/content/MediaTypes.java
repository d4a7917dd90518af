package io.joysync.joystream.content;

import java.util.Locale;
import java.util.Map;

/**
 * MIME types by file extension for the media and image containers a YouTube download produces. An
 * extension outside the table gives {@code unknown}, the value youtube-synch writes then.
 */
public final class MediaTypes {
  /** Written when the extension is not known. */
  public static final String UNKNOWN = "unknown";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("mp4", "video/mp4"),
          Map.entry("m4v", "video/x-m4v"),
          Map.entry("webm", "video/webm"),
          Map.entry("mkv", "video/x-matroska"),
          Map.entry("mov", "video/quicktime"),
          Map.entry("3gp", "video/3gpp"),
          Map.entry("flv", "video/x-flv"),
          Map.entry("avi", "video/x-msvideo"),
          Map.entry("ogv", "video/ogg"),
          Map.entry("mpeg", "video/mpeg"),
          Map.entry("mpg", "video/mpeg"),
          Map.entry("ts", "video/mp2t"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("png", "image/png"),
          Map.entry("webp", "image/webp"),
          Map.entry("gif", "image/gif"));

  private MediaTypes() {}

  /** MIME type of a file extension (with or without the dot, any case). */
  public static String mimeOfExtension(String extension) {
    if (extension == null) {
      return UNKNOWN;
    }
    String key = extension.startsWith(".") ? extension.substring(1) : extension;
    return BY_EXTENSION.getOrDefault(key.toLowerCase(Locale.ROOT), UNKNOWN);
  }
}
