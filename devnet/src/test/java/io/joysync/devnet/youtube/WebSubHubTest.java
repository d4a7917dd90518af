package io.joysync.devnet.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The devnet's hub and feeds as discovery meets them: notifications for uploads, edits and
 * deletions, signed; deliveries retried until the subscriber answers 2xx; a terminated channel's
 * feed answers 404 and a feed fault 503.
 */
class WebSubHubTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BOB = DevnetSeed.channelId("bob");

  YoutubeDevnet.Running devnet;
  HttpServer callback;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> signatures = new CopyOnWriteArrayList<>();
  final AtomicInteger refusalsLeft = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    devnet =
        YoutubeDevnet.start(
            YoutubeDevnetSettings.defaults()
                .withPort(0)
                .withSeed(DevnetSeed.standard().withGeneratedChannels(3)));
    callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    callback.createContext("/cb", this::handle);
    callback.start();
  }

  @AfterEach
  void stop() {
    callback.stop(0);
    devnet.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestMethod().equals("GET")) {
      String challenge = "";
      for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
        if (pair.startsWith("hub.challenge=")) {
          challenge = URLDecoder.decode(pair.substring(14), StandardCharsets.UTF_8);
        }
      }
      byte[] body = challenge.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } else {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (refusalsLeft.getAndDecrement() > 0) {
        exchange.sendResponseHeaders(503, -1);
      } else {
        bodies.add(body);
        signatures.add(exchange.getRequestHeaders().getFirst("X-Hub-Signature"));
        exchange.sendResponseHeaders(204, -1);
      }
    }
    exchange.close();
  }

  String callbackUrl() {
    return "http://127.0.0.1:" + callback.getAddress().getPort() + "/cb";
  }

  HttpResponse<String> send(String method, String path, String form) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(devnet.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded");
    b.method(
        method,
        form == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(form));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  void subscribe(String channelId) throws Exception {
    String topic = devnet.baseUrl() + "/xml/feeds/videos.xml?channel_id=" + channelId;
    HttpResponse<String> r =
        send(
            "POST",
            "/websub",
            "hub.mode=subscribe&hub.verify=sync&hub.secret=s3cret&hub.callback="
                + URLEncoder.encode(callbackUrl(), StandardCharsets.UTF_8)
                + "&hub.topic="
                + URLEncoder.encode(topic, StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(204);
  }

  @Test
  void uploadsEditsAndDeletionsAreNotifiedSigned() throws Exception {
    subscribe(BOB);
    JsonNode stats = JSON.readTree(send("GET", "/admin/websub/stats", null).body());
    assertThat(stats.get("subscriptions").asInt()).isEqualTo(1);
    assertThat(
            JSON.readTree(
                send("GET", "/admin/websub/subscriptions?channel_id=" + BOB, null).body()))
        .hasSize(1);

    String videoId =
        JSON.readTree(send("POST", "/admin/channels/" + BOB + "/videos?title=Fresh", null).body())
            .get("videoId")
            .asText();
    await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 1);
    assertThat(bodies.get(0)).contains("<yt:videoId>" + videoId).contains("<title>Fresh");
    assertThat(signatures.get(0)).isEqualTo("sha1=" + WebSubHub.hmacSha1("s3cret", bodies.get(0)));

    HttpResponse<String> edit =
        send("POST", "/admin/channels/" + BOB + "/videos/" + videoId + "?title=Renamed", null);
    assertThat(edit.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 2);
    assertThat(bodies.get(1)).contains("<title>Renamed");
    String feed = send("GET", "/feeds/videos.xml?channel_id=" + BOB, null).body();
    assertThat(feed).contains("Renamed").contains("<media:description>");

    assertThat(send("DELETE", "/admin/channels/" + BOB + "/videos/" + videoId, null).statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 3);
    assertThat(bodies.get(2)).contains("at:deleted-entry ref=\"yt:video:" + videoId + "\"");
    assertThat(send("GET", "/feeds/videos.xml?channel_id=" + BOB, null).body())
        .doesNotContain(videoId);
    assertThat(send("DELETE", "/admin/channels/" + BOB + "/videos/" + videoId, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aDeliveryNotAnswered2xxIsRetried() throws Exception {
    subscribe(BOB);
    refusalsLeft.set(2);
    send("POST", "/admin/channels/" + BOB + "/videos?title=Retried", null);
    await().atMost(Duration.ofSeconds(15)).until(() -> bodies.size() == 1);
    JsonNode deliveries = JSON.readTree(send("GET", "/admin/websub/deliveries", null).body());
    assertThat(deliveries).hasSize(3);
    assertThat(deliveries.get(2).get("attempt").asInt()).isEqualTo(3);
  }

  @Test
  void aTerminatedChannelsFeedAnswers404AndFeedFaults503() throws Exception {
    String generated = DevnetSeed.generatedChannelId(2);
    assertThat(send("GET", "/feeds/videos.xml?channel_id=" + generated, null).statusCode())
        .isEqualTo(200);
    send("POST", "/admin/faults", "{\"feedErrors\":true}");
    assertThat(send("GET", "/feeds/videos.xml?channel_id=" + generated, null).statusCode())
        .isEqualTo(503);
    send("POST", "/admin/faults/reset", "");
    assertThat(send("POST", "/admin/channels/" + generated + "/terminate", null).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/feeds/videos.xml?channel_id=" + generated, null).statusCode())
        .isEqualTo(404);
    String channels =
        send("GET", "/youtube/v3/channels?part=id&key=devnet-api-key&id=" + generated, null).body();
    assertThat(JSON.readTree(channels).get("items")).isEmpty();
  }
}
