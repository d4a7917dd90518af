package io.joysync.engine.youtube.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.engine.youtube.YoutubeEndpoints;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * YouTube's Atom as discovery reads it: entries with their edit time and description, tombstones of
 * deleted videos, and notifications checked against the channel's secret and callback.
 */
class AtomDocumentTest {

  static final String CHANNEL = "UC" + "a".repeat(22);
  static final String OTHER = "UC" + "b".repeat(22);
  static final String VIDEO = "abcdefghijk";

  final WebSubSubscriber subscriber =
      new WebSubSubscriber(
          YoutubeEndpoints.devnet("http://127.0.0.1:1"),
          HttpClient.newHttpClient(),
          new WebSubSubscriber.Settings(
              "https://joysync.example/websub/callback",
              "a-master-secret-of-length",
              3600,
              Duration.ofMinutes(10),
              10_000),
          Clock.systemUTC());

  static String entry(String channel, String title) {
    return "<feed xmlns:yt=\"http://www.youtube.com/xml/schemas/2015\""
        + " xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns=\"http://www.w3.org/2005/Atom\">"
        + "<entry><yt:videoId>"
        + VIDEO
        + "</yt:videoId><yt:channelId>"
        + channel
        + "</yt:channelId><title>"
        + title
        + "</title><published>2026-01-01T10:00:00+00:00</published>"
        + "<updated>2026-01-02T11:00:00.5+00:00</updated>"
        + "<media:group><media:description>About it</media:description></media:group>"
        + "</entry></feed>";
  }

  static String tombstone(String channel) {
    return "<feed xmlns:at=\"http://purl.org/atompub/tombstones/1.0\""
        + " xmlns=\"http://www.w3.org/2005/Atom\"><at:deleted-entry ref=\"yt:video:"
        + VIDEO
        + "\" when=\"2026-01-03T00:00:00+00:00\"><link href=\"https://www.youtube.com/watch?v="
        + VIDEO
        + "\"/><at:by><name>Someone</name><uri>https://www.youtube.com/channel/"
        + channel
        + "</uri></at:by></at:deleted-entry></feed>";
  }

  String sign(String body, String channel) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(
        new SecretKeySpec(
            subscriber.secretFor(channel).getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return "sha1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void entriesCarryTheirEditTimeAndDescription() throws Exception {
    AtomDocument doc = AtomFeedParser.parseDocument(entry(CHANNEL, "Hello").getBytes());
    assertThat(doc.entries())
        .containsExactly(
            new FeedEntry(
                VIDEO,
                CHANNEL,
                "Hello",
                Optional.of("About it"),
                Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-02T11:00:00.5Z")));
    assertThat(doc.deletions()).isEmpty();
    assertThat(doc.channelId()).contains(CHANNEL);
  }

  @Test
  void tombstonesNameTheDeletedVideoAndItsChannel() throws Exception {
    AtomDocument doc = AtomFeedParser.parseDocument(tombstone(CHANNEL).getBytes());
    assertThat(doc.entries()).isEmpty();
    assertThat(doc.deletions())
        .containsExactly(new FeedDeletion(VIDEO, CHANNEL, Instant.parse("2026-01-03T00:00:00Z")));
    assertThatThrownBy(
            () ->
                AtomFeedParser.parseDocument(
                    tombstone(CHANNEL).replace("/channel/", "/user/").getBytes()))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("without its channel");
  }

  @Test
  void notificationsAreTrustedOnlySignedForTheirOwnCallback() throws Exception {
    String body = tombstone(CHANNEL);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    WebSubSubscriber.Notification signed =
        subscriber.notification(Optional.of(CHANNEL), bytes, Optional.of(sign(body, CHANNEL)));
    assertThat(signed).isInstanceOf(WebSubSubscriber.Notification.Accepted.class);
    assertThat(((WebSubSubscriber.Notification.Accepted) signed).deletions()).hasSize(1);

    assertThat(subscriber.notification(Optional.of(OTHER), bytes, Optional.of(sign(body, CHANNEL))))
        .isEqualTo(
            new WebSubSubscriber.Notification.Rejected(
                "WEBSUB_WRONG_TOPIC",
                "a notification about channel "
                    + CHANNEL
                    + " posted to the callback of channel "
                    + OTHER));
    assertThat(subscriber.notification(Optional.empty(), bytes, Optional.of(sign(body, OTHER))))
        .extracting(n -> ((WebSubSubscriber.Notification.Rejected) n).code())
        .isEqualTo("WEBSUB_BAD_SIGNATURE");
    assertThat(subscriber.notification(Optional.empty(), bytes, Optional.empty()))
        .extracting(n -> ((WebSubSubscriber.Notification.Rejected) n).code())
        .isEqualTo("WEBSUB_UNSIGNED");
    assertThat(
            subscriber.notification(
                Optional.empty(), new byte[10_001], Optional.of(sign(body, CHANNEL))))
        .extracting(n -> ((WebSubSubscriber.Notification.Rejected) n).code())
        .isEqualTo("WEBSUB_TOO_LARGE");
    String tomb = tombstone(OTHER);
    String mixed =
        entry(CHANNEL, "x")
            .replace("<feed ", "<feed xmlns:at=\"http://purl.org/atompub/tombstones/1.0\" ")
            .replace("</feed>", tomb.substring(tomb.indexOf("<at:deleted-entry")));
    assertThat(
            subscriber.notification(
                Optional.empty(), mixed.getBytes(), Optional.of(sign(mixed, CHANNEL))))
        .extracting(n -> ((WebSubSubscriber.Notification.Rejected) n).code())
        .isEqualTo("WEBSUB_MIXED_TOPICS");
  }

  @Test
  void theCallbackChannelIsKnownOnlyWithItsToken() {
    String url = subscriber.callbackUrl(CHANNEL);
    String token = url.substring(url.indexOf("token=") + 6);
    assertThat(subscriber.callbackChannel(Map.of("channel_id", CHANNEL, "token", token)))
        .contains(CHANNEL);
    assertThat(subscriber.callbackChannel(Map.of("channel_id", OTHER, "token", token))).isEmpty();
    assertThat(subscriber.callbackChannel(Map.of("channel_id", CHANNEL))).isEmpty();
  }
}
