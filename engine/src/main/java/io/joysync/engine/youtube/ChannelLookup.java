package io.joysync.engine.youtube;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an operator names a public YouTube channel: by its {@code UC...} id or by its
 * {@code @handle}. Parsing accepts the channel page URLs people paste ({@code
 * youtube.com/channel/UC...}, {@code youtube.com/@handle}, with or without scheme, {@code www.} or
 * {@code m.}) and nothing else, so a lookup never reaches YouTube with a malformed name.
 */
public sealed interface ChannelLookup {

  /** YouTube channel ids: {@code UC} and 22 characters of URL-safe base64. */
  Pattern CHANNEL_ID = Pattern.compile("UC[A-Za-z0-9_-]{22}");

  /** Handles: 3 to 30 letters, digits, underscores, hyphens and periods (YouTube's rules). */
  Pattern HANDLE = Pattern.compile("@[\\p{L}\\p{N}_.-]{3,30}");

  record ById(String channelId) implements ChannelLookup {
    public ById {
      if (channelId == null || !CHANNEL_ID.matcher(channelId).matches()) {
        throw new IllegalArgumentException("not a YouTube channel id: " + channelId);
      }
    }
  }

  /** A handle with its leading {@code @}. */
  record ByHandle(String handle) implements ChannelLookup {
    public ByHandle {
      if (handle == null || !HANDLE.matcher(handle).matches()) {
        throw new IllegalArgumentException("not a YouTube handle: " + handle);
      }
    }
  }

  static boolean isChannelId(String text) {
    return text != null && CHANNEL_ID.matcher(text).matches();
  }

  /** The channel a channel-page URL names; empty when the text is no such URL. */
  static Optional<ChannelLookup> fromUrl(String text) {
    if (text == null || text.isBlank() || text.length() > 2048) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    if (!trimmed.contains("://")) {
      trimmed = "https://" + trimmed;
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.empty();
    }
    if (!host.equals("youtube.com")
        && !host.equals("www.youtube.com")
        && !host.equals("m.youtube.com")) {
      return Optional.empty();
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String[] segments = path.replaceAll("/+$", "").split("/");
    // segments[0] is the empty text before the first slash
    if (segments.length == 3 && segments[1].equals("channel") && isChannelId(segments[2])) {
      return Optional.of(new ById(segments[2]));
    }
    if (segments.length >= 2 && segments.length <= 3 && HANDLE.matcher(segments[1]).matches()) {
      // youtube.com/@handle and its tabs such as youtube.com/@handle/videos
      return Optional.of(new ByHandle(segments[1]));
    }
    return Optional.empty();
  }
}
