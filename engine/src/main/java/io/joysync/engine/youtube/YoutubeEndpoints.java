package io.joysync.engine.youtube;

import java.util.Objects;

/**
 * Where joysync reaches YouTube. Production defaults point at Google; the devnet replaces them all
 * with one base URL. Templates use {@code {channelId}} and {@code {videoId}} placeholders.
 */
public record YoutubeEndpoints(
    String dataApiRootUrl,
    String tokenUrl,
    String tokenInfoUrl,
    String feedUrlTemplate,
    String hubUrl,
    String topicUrlTemplate,
    String watchUrlTemplate) {

  public YoutubeEndpoints {
    Objects.requireNonNull(dataApiRootUrl, "dataApiRootUrl");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(tokenInfoUrl, "tokenInfoUrl");
    Objects.requireNonNull(feedUrlTemplate, "feedUrlTemplate");
    Objects.requireNonNull(hubUrl, "hubUrl");
    Objects.requireNonNull(topicUrlTemplate, "topicUrlTemplate");
    Objects.requireNonNull(watchUrlTemplate, "watchUrlTemplate");
    if (!dataApiRootUrl.endsWith("/")) {
      dataApiRootUrl = dataApiRootUrl + "/";
    }
    if (!feedUrlTemplate.contains("{channelId}") || !topicUrlTemplate.contains("{channelId}")) {
      throw new IllegalArgumentException("feed and topic templates need a {channelId} placeholder");
    }
    if (!watchUrlTemplate.contains("{videoId}")) {
      throw new IllegalArgumentException("the watch URL template needs a {videoId} placeholder");
    }
  }

  public static YoutubeEndpoints production() {
    return new YoutubeEndpoints(
        "https://www.googleapis.com/",
        "https://oauth2.googleapis.com/token",
        "https://oauth2.googleapis.com/tokeninfo",
        "https://www.youtube.com/feeds/videos.xml?channel_id={channelId}",
        "https://pubsubhubbub.appspot.com/subscribe",
        "https://www.youtube.com/xml/feeds/videos.xml?channel_id={channelId}",
        "https://www.youtube.com/watch?v={videoId}");
  }

  /** Every endpoint on one devnet base URL such as {@code http://127.0.0.1:8090}. */
  public static YoutubeEndpoints devnet(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return new YoutubeEndpoints(
        base + "/",
        base + "/oauth2/token",
        base + "/oauth2/tokeninfo",
        base + "/feeds/videos.xml?channel_id={channelId}",
        base + "/websub",
        base + "/xml/feeds/videos.xml?channel_id={channelId}",
        base + "/watch?v={videoId}");
  }

  public String feedUrl(String channelId) {
    return feedUrlTemplate.replace("{channelId}", channelId);
  }

  public String topicUrl(String channelId) {
    return topicUrlTemplate.replace("{channelId}", channelId);
  }

  public String watchUrl(String videoId) {
    return watchUrlTemplate.replace("{videoId}", videoId);
  }
}
