package io.joysync.devnet.youtube;

import io.joysync.devnet.youtube.DevnetWorld.Channel;
import io.joysync.devnet.youtube.DevnetWorld.Video;
import java.util.List;

/**
 * YouTube's Atom documents: the per-channel uploads feed ({@code /feeds/videos.xml?channel_id=},
 * the 15 newest public uploads) and the body of a WebSub notification for one video, both with the
 * {@code yt:} namespace elements joysync reads.
 */
final class AtomFeeds {

  static final int FEED_SIZE = 15;

  private AtomFeeds() {}

  static String channelFeed(Channel channel, List<Video> uploads, String baseUrl) {
    StringBuilder xml = new StringBuilder(4096);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<feed xmlns:yt=\"http://www.youtube.com/xml/schemas/2015\"")
        .append(
            " xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns=\"http://www.w3.org/2005/Atom\">\n")
        .append(" <link rel=\"self\" href=\"")
        .append(baseUrl)
        .append("/feeds/videos.xml?channel_id=")
        .append(channel.id())
        .append("\"/>\n")
        .append(" <id>yt:channel:")
        .append(channel.id())
        .append("</id>\n")
        .append(" <yt:channelId>")
        .append(channel.id())
        .append("</yt:channelId>\n")
        .append(" <title>")
        .append(escape(channel.title()))
        .append("</title>\n")
        .append(" <link rel=\"alternate\" href=\"")
        .append(baseUrl)
        .append("/channel/")
        .append(channel.id())
        .append("\"/>\n")
        .append(" <author><name>")
        .append(escape(channel.title()))
        .append("</name><uri>")
        .append(baseUrl)
        .append("/channel/")
        .append(channel.id())
        .append("</uri></author>\n")
        .append(" <published>")
        .append(channel.publishedAt())
        .append("</published>\n");
    uploads.stream()
        .filter(v -> v.kind().privacyStatus().equals("public"))
        .limit(FEED_SIZE)
        .forEach(v -> entry(xml, v, channel, baseUrl, true));
    xml.append("</feed>\n");
    return xml.toString();
  }

  static String notification(Channel channel, Video video, String baseUrl, String hubUrl) {
    StringBuilder xml = new StringBuilder(1024);
    xml.append("<?xml version='1.0' encoding='UTF-8'?>\n")
        .append(
            "<feed xmlns:yt=\"http://www.youtube.com/xml/schemas/2015\" xmlns=\"http://www.w3.org/2005/Atom\">")
        .append("<link rel=\"hub\" href=\"")
        .append(hubUrl)
        .append("\"/>")
        .append("<link rel=\"self\" href=\"")
        .append(baseUrl)
        .append("/xml/feeds/videos.xml?channel_id=")
        .append(channel.id())
        .append("\"/>")
        .append("<title>YouTube video feed</title><updated>")
        .append(video.updatedAt())
        .append("</updated>");
    entry(xml, video, channel, baseUrl, false);
    xml.append("</feed>\n");
    return xml.toString();
  }

  /**
   * The notification YouTube's hub sends when a video is deleted: an Atom tombstone naming the
   * video and, as its author, the channel.
   */
  static String deletion(
      Channel channel, String videoId, java.time.Instant when, String baseUrl, String hubUrl) {
    return "<?xml version='1.0' encoding='UTF-8'?>\n"
        + "<feed xmlns:at=\"http://purl.org/atompub/tombstones/1.0\""
        + " xmlns=\"http://www.w3.org/2005/Atom\">"
        + "<link rel=\"hub\" href=\""
        + hubUrl
        + "\"/><link rel=\"self\" href=\""
        + baseUrl
        + "/xml/feeds/videos.xml?channel_id="
        + channel.id()
        + "\"/><at:deleted-entry ref=\"yt:video:"
        + videoId
        + "\" when=\""
        + when
        + "\"><link href=\""
        + baseUrl
        + "/watch?v="
        + videoId
        + "\"/><at:by><name>"
        + escape(channel.title())
        + "</name><uri>"
        + baseUrl
        + "/channel/"
        + channel.id()
        + "</uri></at:by></at:deleted-entry></feed>\n";
  }

  private static void entry(
      StringBuilder xml, Video v, Channel channel, String baseUrl, boolean mediaGroup) {
    xml.append(" <entry>\n")
        .append("  <id>yt:video:")
        .append(v.id())
        .append("</id>\n")
        .append("  <yt:videoId>")
        .append(v.id())
        .append("</yt:videoId>\n")
        .append("  <yt:channelId>")
        .append(channel.id())
        .append("</yt:channelId>\n")
        .append("  <title>")
        .append(escape(v.title()))
        .append("</title>\n")
        .append("  <link rel=\"alternate\" href=\"")
        .append(baseUrl)
        .append("/watch?v=")
        .append(v.id())
        .append("\"/>\n")
        .append("  <author><name>")
        .append(escape(channel.title()))
        .append("</name></author>\n")
        .append("  <published>")
        .append(v.publishedAt())
        .append("</published>\n")
        .append("  <updated>")
        .append(v.updatedAt())
        .append("</updated>\n");
    if (mediaGroup) {
      xml.append("  <media:group><media:title>")
          .append(escape(v.title()))
          .append("</media:title><media:description>")
          .append(escape(v.description()))
          .append("</media:description></media:group>\n");
    }
    xml.append(" </entry>\n");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
