package io.joysync.engine.youtube.discovery;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Parses YouTube's Atom documents (channel feeds and WebSub notifications) with the JDK parser,
 * hardened: no DTDs, no external entities, no XInclude. Every entry must carry a well-formed video
 * id, a channel id and a publish date, and every tombstone ({@code at:deleted-entry}) a video
 * reference and its channel; otherwise the whole document is refused, so that a half-read feed
 * never yields half a list.
 */
public final class AtomFeedParser {

  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String YT = "http://www.youtube.com/xml/schemas/2015";
  static final String MEDIA = "http://search.yahoo.com/mrss/";
  static final String TOMBSTONES = "http://purl.org/atompub/tombstones/1.0";
  private static final Pattern CHANNEL_URI = Pattern.compile(".*/channel/(UC[A-Za-z0-9_-]{22})$");
  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern CHANNEL_ID = Pattern.compile("UC[A-Za-z0-9_-]{22}");

  private AtomFeedParser() {}

  /** The entries of a feed or notification (tombstones are not entries). */
  public static List<FeedEntry> parse(byte[] xml) throws FeedException {
    return entries(document(xml));
  }

  /** Entries and tombstones. */
  public static AtomDocument parseDocument(byte[] xml) throws FeedException {
    Document document = document(xml);
    return new AtomDocument(entries(document), deletions(document));
  }

  private static List<FeedEntry> entries(Document document) throws FeedException {
    NodeList entries = document.getElementsByTagNameNS(ATOM, "entry");
    List<FeedEntry> result = new ArrayList<>();
    for (int i = 0; i < entries.getLength(); i++) {
      Element entry = (Element) entries.item(i);
      String videoId = text(entry, YT, "videoId");
      String channelId = text(entry, YT, "channelId");
      String published = text(entry, ATOM, "published");
      if (videoId == null || !VIDEO_ID.matcher(videoId).matches()) {
        throw new FeedException("FEED_MALFORMED", "an entry without a valid yt:videoId");
      }
      if (channelId == null || !CHANNEL_ID.matcher(channelId).matches()) {
        throw new FeedException(
            "FEED_MALFORMED", "entry " + videoId + " without a valid yt:channelId");
      }
      Instant publishedAt =
          instant(published).orElseThrow(() -> malformed(videoId, "a valid published date"));
      String updated = text(entry, ATOM, "updated");
      Instant updatedAt =
          updated == null
              ? publishedAt
              : instant(updated).orElseThrow(() -> malformed(videoId, "a valid updated date"));
      String title = text(entry, ATOM, "title");
      result.add(
          new FeedEntry(
              videoId,
              channelId,
              title == null ? "" : title,
              Optional.ofNullable(text(entry, MEDIA, "description")),
              publishedAt,
              updatedAt));
    }
    return List.copyOf(result);
  }

  private static List<FeedDeletion> deletions(Document document) throws FeedException {
    NodeList tombstones = document.getElementsByTagNameNS(TOMBSTONES, "deleted-entry");
    List<FeedDeletion> result = new ArrayList<>();
    for (int i = 0; i < tombstones.getLength(); i++) {
      Element tombstone = (Element) tombstones.item(i);
      String ref = tombstone.getAttribute("ref");
      String videoId = ref.startsWith("yt:video:") ? ref.substring("yt:video:".length()) : "";
      if (!VIDEO_ID.matcher(videoId).matches()) {
        throw new FeedException("FEED_MALFORMED", "a deleted entry without a valid yt:video ref");
      }
      String uri = text(tombstone, ATOM, "uri");
      Matcher channel = CHANNEL_URI.matcher(uri == null ? "" : uri);
      if (!channel.matches()) {
        throw new FeedException(
            "FEED_MALFORMED", "deleted entry " + videoId + " without its channel's uri");
      }
      Instant when =
          instant(tombstone.getAttribute("when"))
              .orElseThrow(() -> malformed(videoId, "a valid deletion time"));
      result.add(new FeedDeletion(videoId, channel.group(1), when));
    }
    return List.copyOf(result);
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static FeedException malformed(String videoId, String what) {
    return new FeedException("FEED_MALFORMED", "entry " + videoId + " without " + what);
  }

  private static Document document(byte[] xml) throws FeedException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Document document = builder.parse(new ByteArrayInputStream(xml));
      Element root = document.getDocumentElement();
      if (!"feed".equals(root.getLocalName()) || !ATOM.equals(root.getNamespaceURI())) {
        throw new FeedException("FEED_MALFORMED", "the document is not an Atom feed");
      }
      return document;
    } catch (FeedException e) {
      throw e;
    } catch (Exception e) {
      throw new FeedException(
          "FEED_INVALID_XML", "the feed is not well-formed XML: " + e.getMessage());
    }
  }

  private static String text(Element parent, String namespace, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(namespace, name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
