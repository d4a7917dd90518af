package io.joysync.engine.youtube.api;

import com.google.api.client.util.DateTime;
import com.google.api.services.youtube.model.Channel;
import com.google.api.services.youtube.model.Thumbnail;
import com.google.api.services.youtube.model.ThumbnailDetails;
import com.google.api.services.youtube.model.Video;
import io.joysync.engine.youtube.ChannelStatistics;
import io.joysync.engine.youtube.YoutubeApiException;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.YoutubeVideo;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps the Google client's model objects to joysync's records. A resource missing a field joysync
 * cannot do without (an id, a publish date, a parseable duration) is a {@link
 * YoutubeApiException.MalformedResponse}, never a record with made-up values.
 */
final class ApiMapping {

  private ApiMapping() {}

  static YoutubeChannel channel(Channel c) throws YoutubeApiException.MalformedResponse {
    if (c.getId() == null || c.getSnippet() == null || c.getSnippet().getPublishedAt() == null) {
      throw new YoutubeApiException.MalformedResponse(
          "a channel without id or snippet.publishedAt", null);
    }
    var snippet = c.getSnippet();
    String uploads =
        c.getContentDetails() == null || c.getContentDetails().getRelatedPlaylists() == null
            ? null
            : c.getContentDetails().getRelatedPlaylists().getUploads();
    String banner =
        c.getBrandingSettings() == null || c.getBrandingSettings().getImage() == null
            ? null
            : c.getBrandingSettings().getImage().getBannerExternalUrl();
    return new YoutubeChannel(
        c.getId(),
        snippet.getTitle(),
        snippet.getDescription(),
        snippet.getCustomUrl(),
        thumbnails(snippet.getThumbnails()),
        banner,
        uploads,
        snippet.getDefaultLanguage(),
        instant(snippet.getPublishedAt()),
        statistics(c.getStatistics()));
  }

  static ChannelStatistics statistics(com.google.api.services.youtube.model.ChannelStatistics s) {
    if (s == null) {
      return ChannelStatistics.NONE;
    }
    return new ChannelStatistics(
        count(s.getViewCount()),
        count(s.getSubscriberCount()),
        count(s.getVideoCount()),
        count(s.getCommentCount()));
  }

  static YoutubeVideo video(Video v, Function<String, String> watchUrl)
      throws YoutubeApiException.MalformedResponse {
    if (v.getId() == null || v.getSnippet() == null || v.getSnippet().getPublishedAt() == null) {
      throw new YoutubeApiException.MalformedResponse(
          "a video without id or snippet.publishedAt", null);
    }
    var snippet = v.getSnippet();
    var details = v.getContentDetails();
    var status = v.getStatus();
    ThumbnailDetails t = snippet.getThumbnails();
    return new YoutubeVideo(
        v.getId(),
        snippet.getChannelId(),
        watchUrl.apply(v.getId()),
        snippet.getTitle(),
        snippet.getDescription() == null ? "" : snippet.getDescription(),
        v.getStatistics() == null ? 0 : count(v.getStatistics().getViewCount()),
        new YoutubeVideo.VideoThumbnails(
            url(t == null ? null : t.getDefault()),
            url(t == null ? null : t.getMedium()),
            url(t == null ? null : t.getHigh()),
            url(t == null ? null : t.getStandard())),
        details == null ? 0 : durationSeconds(details.getDuration()),
        status == null ? null : status.getUploadStatus(),
        status == null ? null : status.getPrivacyStatus(),
        status == null ? null : status.getLicense(),
        v.getFileDetails() == null ? null : v.getFileDetails().getContainer(),
        snippet.getLiveBroadcastContent(),
        details != null
            && details.getContentRating() != null
            && details.getContentRating().getYtRating() != null,
        instant(snippet.getPublishedAt()),
        details != null && regionRestricted(details.getRegionRestriction()));
  }

  private static boolean regionRestricted(
      com.google.api.services.youtube.model.VideoContentDetailsRegionRestriction r) {
    return r != null
        && (r.getAllowed() != null || (r.getBlocked() != null && !r.getBlocked().isEmpty()));
  }

  /** Parses a 2xx body; anything that is not the expected JSON is a malformed response. */
  static <T> T parse(com.google.api.client.http.HttpResponse response, Class<T> type)
      throws YoutubeApiException.MalformedResponse {
    try {
      return response.parseAs(type);
    } catch (java.io.IOException
        | IllegalArgumentException
        | com.google.gson.JsonParseException e) {
      throw new YoutubeApiException.MalformedResponse(
          "YouTube answered with a body that is not a valid " + type.getSimpleName(), e);
    }
  }

  static Instant instant(DateTime dateTime) {
    return Instant.ofEpochMilli(dateTime.getValue());
  }

  static long durationSeconds(String iso) throws YoutubeApiException.MalformedResponse {
    if (iso == null) {
      return 0;
    }
    try {
      return Duration.parse(iso).toSeconds();
    } catch (DateTimeParseException e) {
      throw new YoutubeApiException.MalformedResponse(
          "unparseable video duration '" + iso + "'", e);
    }
  }

  private static Map<String, String> thumbnails(ThumbnailDetails t) {
    Map<String, String> urls = new LinkedHashMap<>();
    if (t != null) {
      put(urls, "default", t.getDefault());
      put(urls, "medium", t.getMedium());
      put(urls, "high", t.getHigh());
      put(urls, "standard", t.getStandard());
      put(urls, "maxRes", t.getMaxres());
    }
    return urls;
  }

  private static void put(Map<String, String> urls, String size, Thumbnail thumbnail) {
    if (thumbnail != null && thumbnail.getUrl() != null) {
      urls.put(size, thumbnail.getUrl());
    }
  }

  private static String url(Thumbnail thumbnail) {
    return thumbnail == null ? null : thumbnail.getUrl();
  }

  private static long count(BigInteger value) {
    return value == null ? 0 : value.longValue();
  }
}
