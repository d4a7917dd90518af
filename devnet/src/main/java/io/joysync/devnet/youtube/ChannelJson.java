package io.joysync.devnet.youtube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.youtube.DevnetWorld.Channel;
import java.util.List;
import java.util.Set;

/** Renders a devnet channel as a {@code youtube#channel} resource with the requested parts. */
final class ChannelJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChannelJson() {}

  static ObjectNode render(Channel c, Set<String> parts, long videoCount, MediaCatalog media) {
    ObjectNode item = JSON.createObjectNode();
    item.put("kind", "youtube#channel");
    item.put("etag", DataApi.etag(c.id() + c.feedVersion()));
    item.put("id", c.id());
    if (parts.contains("snippet")) {
      ObjectNode s = item.putObject("snippet");
      s.put("title", c.title());
      s.put("description", c.description());
      s.put("customUrl", c.handle());
      s.put("publishedAt", c.publishedAt().toString());
      s.put("defaultLanguage", "en");
      ObjectNode thumbs = s.putObject("thumbnails");
      for (String size : List.of("default", "medium", "high")) {
        thumbs.putObject(size).put("url", media.channelThumbnailUrl(c.id(), size));
      }
      s.putObject("localized").put("title", c.title()).put("description", c.description());
      s.put("country", "US");
    }
    if (parts.contains("contentDetails")) {
      item.putObject("contentDetails")
          .putObject("relatedPlaylists")
          .put("likes", "")
          .put("uploads", c.uploadsPlaylistId());
    }
    if (parts.contains("statistics")) {
      ObjectNode st = item.putObject("statistics");
      st.put("viewCount", Long.toString(c.views()));
      st.put("subscriberCount", Long.toString(c.subscribers()));
      st.put("hiddenSubscriberCount", false);
      st.put("videoCount", Long.toString(videoCount));
    }
    if (parts.contains("brandingSettings")) {
      ObjectNode b = item.putObject("brandingSettings");
      b.putObject("channel").put("title", c.title()).put("description", c.description());
      b.putObject("image").put("bannerExternalUrl", media.bannerUrl(c.id()));
    }
    return item;
  }
}
