package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.joysync.engine.youtube.discovery.AtomFeedParser;
import io.joysync.engine.youtube.discovery.FeedException;
import io.joysync.engine.youtube.discovery.FeedResult;
import io.joysync.engine.youtube.discovery.FeedValidators;
import io.joysync.engine.youtube.discovery.RssFeedReader;
import io.joysync.engine.youtube.discovery.WebSubSubscriber;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RSS conditional GET and WebSub against the devnet's feeds and hub. */
class DiscoveryTest {

  static YoutubeDevnetFixture devnet;
  static String channel;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  HttpServer callback;
  WebSubSubscriber subscriber;
  final List<WebSubSubscriber.Notification> received = new CopyOnWriteArrayList<>();
  final Map<String, java.time.Instant> leases = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    devnet = YoutubeDevnetFixture.start();
    channel = YtDlpDownloaderTest.aliceChannel();
  }

  @AfterAll
  static void stop() throws Exception {
    if (devnet != null) {
      devnet.close();
    }
  }

  @BeforeEach
  void startCallback() throws IOException {
    callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    String url = "http://127.0.0.1:" + callback.getAddress().getPort() + "/websub/callback";
    subscriber =
        new WebSubSubscriber(
            devnet.endpoints(),
            http,
            new WebSubSubscriber.Settings(
                url, "a-master-secret-of-length", 60, Duration.ofSeconds(120), 1_000_000),
            Clock.systemUTC());
    callback.createContext("/websub/callback", this::handle);
    callback.start();
  }

  @AfterEach
  void stopCallback() {
    callback.stop(0);
    devnet.resetFaults();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestMethod().equals("GET")) {
      Map<String, String> query = new HashMap<>();
      for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
      }
      WebSubSubscriber.Verification answer = subscriber.verify(query);
      if (answer instanceof WebSubSubscriber.Verification.Confirm c) {
        c.leaseEnd().ifPresent(end -> leases.put(c.channelId(), end));
      }
      byte[] body =
          answer instanceof WebSubSubscriber.Verification.Confirm c
              ? c.challenge().getBytes(StandardCharsets.UTF_8)
              : new byte[0];
      exchange.sendResponseHeaders(
          answer instanceof WebSubSubscriber.Verification.Confirm ? 200 : 404,
          body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    } else {
      byte[] body = exchange.getRequestBody().readNBytes(2_000_000);
      received.add(
          subscriber.notification(
              body, Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Hub-Signature"))));
      exchange.sendResponseHeaders(204, -1);
    }
    exchange.close();
  }

  RssFeedReader rss() {
    return new RssFeedReader(devnet.endpoints(), http, Duration.ofSeconds(5), 1_000_000);
  }

  static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return YoutubeDataClientTest.await(stage);
  }

  static void eventually(String what, java.util.function.BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }

  @Test
  void rssIsFetchedConditionallyAndShowsNewUploadsFirst() throws Exception {
    FeedResult.Updated first =
        (FeedResult.Updated) await(rss().fetch(channel, FeedValidators.NONE));
    assertThat(first.entries())
        .hasSize(15)
        .allSatisfy(e -> assertThat(e.channelId()).isEqualTo(channel));
    assertThat(first.validators().etag()).isPresent();
    assertThat(await(rss().fetch(channel, first.validators())))
        .isInstanceOf(FeedResult.NotModified.class);
    assertThat(
            await(
                rss()
                    .fetch(
                        channel,
                        new FeedValidators(Optional.empty(), first.validators().lastModified()))))
        .isInstanceOf(FeedResult.NotModified.class);

    String fresh = devnet.publish(channel, "PUBLIC");
    FeedResult.Updated after = (FeedResult.Updated) await(rss().fetch(channel, first.validators()));
    assertThat(after.entries().get(0).videoId()).isEqualTo(fresh);
  }

  @Test
  void truncatedAndHostileFeedsAreRefused() throws Exception {
    devnet.faults("{\"truncatedFeeds\":true}");
    assertThatThrownBy(() -> await(rss().fetch(channel, FeedValidators.NONE)))
        .isInstanceOf(FeedException.class)
        .satisfies(e -> assertThat(((FeedException) e).code()).isEqualTo("FEED_INVALID_XML"));
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE f [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&x;</title></feed>";
    assertThatThrownBy(() -> AtomFeedParser.parse(xxe.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FeedException.class)
        .hasMessageNotContaining("root:");
    assertThatThrownBy(
            () ->
                AtomFeedParser.parse(
                    "<html><body>consent</body></html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FeedException.class)
        .satisfies(e -> assertThat(((FeedException) e).code()).isEqualTo("FEED_MALFORMED"));
    assertThatThrownBy(() -> await(rss().fetch("UCnosuchchannel00000000000", FeedValidators.NONE)))
        .isInstanceOf(FeedException.class)
        .satisfies(e -> assertThat(((FeedException) e).code()).isEqualTo("FEED_NOT_FOUND"));
  }

  @Test
  void websubSubscribesVerifiesAndAcceptsOnlySignedNotifications() throws Exception {
    await(subscriber.subscribe(channel));
    eventually("the hub verified the subscription", () -> leases.containsKey(channel));
    // The hub records the subscription once our answer to its verification reached it.
    String callbackUrl = "http://127.0.0.1:" + callback.getAddress().getPort() + "/websub/callback";
    eventually(
        "the hub holds the subscription",
        () -> devnet.get("/admin/websub/subscriptions").contains(callbackUrl));

    String fresh = devnet.publish(channel, "PUBLIC");
    eventually("a notification arrived", () -> !received.isEmpty());
    WebSubSubscriber.Notification.Accepted accepted =
        (WebSubSubscriber.Notification.Accepted) received.get(0);
    assertThat(accepted.entries()).extracting(e -> e.videoId()).containsExactly(fresh);

    String forgedBody =
        new String(
            devnet.get("/feeds/videos.xml?channel_id=" + channel).getBytes(StandardCharsets.UTF_8),
            StandardCharsets.UTF_8);
    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + callback.getAddress().getPort() + "/websub/callback"))
                .header("X-Hub-Signature", "sha1=" + "0".repeat(40))
                .POST(HttpRequest.BodyPublishers.ofString(forgedBody))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(204);
    eventually("the forged post was seen", () -> received.size() >= 2);
    assertThat(received.get(received.size() - 1))
        .isEqualTo(
            new WebSubSubscriber.Notification.Rejected(
                "WEBSUB_BAD_SIGNATURE", "the X-Hub-Signature does not match"));
    assertThat(
            subscriber.notification(forgedBody.getBytes(StandardCharsets.UTF_8), Optional.empty()))
        .isInstanceOf(WebSubSubscriber.Notification.Rejected.class);
  }

  @Test
  void unrequestedVerificationsAreRefusedAndLeasesAreRenewed() throws Exception {
    String topic = devnet.endpoints().topicUrl(channel);
    assertThat(
            subscriber.verify(
                Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.challenge", "x")))
        .isInstanceOf(WebSubSubscriber.Verification.Refuse.class);
    assertThat(
            subscriber.verify(
                Map.of(
                    "hub.mode",
                    "subscribe",
                    "hub.topic",
                    topic,
                    "hub.challenge",
                    "x",
                    "channel_id",
                    channel,
                    "token",
                    "00")))
        .isInstanceOf(WebSubSubscriber.Verification.Refuse.class);
    WebSubSubscriber badTopic =
        new WebSubSubscriber(
            new YoutubeEndpoints(
                devnet.baseUrl() + "/",
                devnet.baseUrl() + "/oauth2/token",
                devnet.baseUrl() + "/oauth2/tokeninfo",
                devnet.baseUrl() + "/feeds/videos.xml?channel_id={channelId}",
                devnet.baseUrl() + "/websub",
                devnet.baseUrl() + "/not-a-topic?c={channelId}",
                devnet.baseUrl() + "/watch?v={videoId}"),
            http,
            new WebSubSubscriber.Settings(
                "http://127.0.0.1:1/cb",
                "a-master-secret-of-length",
                60,
                Duration.ofSeconds(1),
                1000),
            Clock.systemUTC());
    assertThatThrownBy(() -> await(badTopic.subscribe(channel)))
        .isInstanceOf(FeedException.class)
        .satisfies(e -> assertThat(((FeedException) e).code()).isEqualTo("WEBSUB_REFUSED"));
    assertThat(subscriber.callbackUrl(channel))
        .contains("channel_id=" + channel, "token=")
        .doesNotContain("a-master-secret");

    await(subscriber.subscribe(channel));
    eventually("verified", () -> leases.containsKey(channel));
    java.time.Instant firstLease = leases.get(channel);
    assertThat(subscriber.renewalDue(firstLease)).isTrue();
    assertThat(await(subscriber.renew(List.of(channel)))).containsExactly(channel);
    eventually("renewed", () -> leases.get(channel).isAfter(firstLease));
  }
}
