package io.joysync.devnet.youtube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.youtube.DevnetWorld.Channel;
import io.joysync.devnet.youtube.DevnetWorld.Video;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Renders a devnet video as a {@code youtube#video} resource with the requested parts. */
final class VideoJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VideoJson() {}

  static ObjectNode render(
      Video v, Set<String> parts, boolean owner, Channel channel, MediaCatalog media) {
    ObjectNode item = JSON.createObjectNode();
    item.put("kind", "youtube#video");
    item.put("etag", DataApi.etag(v.id() + v.kind()));
    item.put("id", v.id());
    if (parts.contains("snippet")) {
      ObjectNode s = item.putObject("snippet");
      s.put("publishedAt", v.publishedAt().toString());
      s.put("channelId", v.channelId());
      s.put("title", v.title());
      s.put("description", v.description());
      ObjectNode thumbs = s.putObject("thumbnails");
      for (String size : List.of("default", "medium", "high", "standard")) {
        thumbs
            .putObject(size)
            .put("url", media.thumbnailUrl(v.id(), size))
            .put("width", 320)
            .put("height", 180);
      }
      s.put("channelTitle", channel.title());
      s.put("categoryId", "22");
      s.put("liveBroadcastContent", v.kind().liveBroadcastContent());
      s.put("defaultLanguage", "en");
      s.put("defaultAudioLanguage", "en");
    }
    if (parts.contains("contentDetails")) {
      ObjectNode c = item.putObject("contentDetails");
      c.put("duration", Duration.ofSeconds(v.durationSeconds()).toString());
      c.put("dimension", "2d");
      c.put("definition", "hd");
      c.put("caption", "false");
      c.put("licensedContent", false);
      ObjectNode rating = c.putObject("contentRating");
      if (v.kind().ageRestricted()) {
        rating.put("ytRating", "ytAgeRestricted");
      }
      c.put("projection", "rectangular");
      if (v.kind() == VideoKind.GEO_BLOCKED) {
        c.putObject("regionRestriction").putArray("blocked").add("DE").add("US");
      }
    }
    if (parts.contains("status")) {
      ObjectNode st = item.putObject("status");
      st.put("uploadStatus", v.kind().uploadStatus());
      st.put("privacyStatus", v.kind().privacyStatus());
      st.put("license", v.views() % 5 == 0 ? "creativeCommon" : "youtube");
      st.put("embeddable", true);
      st.put("publicStatsViewable", true);
      st.put("madeForKids", false);
    }
    if (parts.contains("statistics")) {
      ObjectNode st = item.putObject("statistics");
      st.put("viewCount", Long.toString(v.views()));
      st.put("likeCount", Long.toString(v.views() / 10));
      st.put("favoriteCount", "0");
      st.put("commentCount", Long.toString(v.views() / 100));
    }
    if (parts.contains("fileDetails") && owner) {
      ObjectNode f = item.putObject("fileDetails");
      f.put("fileName", v.id() + ".mp4");
      f.put("fileSize", Long.toString(media.clipSize(v.clipIndex())));
      f.put("fileType", "video");
      f.put("container", "mov");
    }
    if (parts.contains("liveStreamingDetails") && !v.kind().liveBroadcastContent().equals("none")) {
      ObjectNode l = item.putObject("liveStreamingDetails");
      l.put("scheduledStartTime", v.publishedAt().plus(Duration.ofHours(5)).toString());
      if (v.kind().liveBroadcastContent().equals("live")) {
        l.put("actualStartTime", v.publishedAt().toString());
        l.put("concurrentViewers", "42");
      }
    }
    return item;
  }
}
