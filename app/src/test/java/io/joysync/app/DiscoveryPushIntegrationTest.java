package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovery with WebSub push, end to end on real Cassandra and both devnets: the node subscribes
 * each watched channel to the hub, renews leases before they lapse, and turns signed notifications
 * into tracked videos within seconds (RSS only polls hourly here, so what is found came through the
 * hub), once however often the hub repeats itself; forged, unsigned, oversized and unusable posts
 * change nothing; a spent quota delays resolution without losing the video; a premiere is taken
 * once it becomes syncable; a title edited after tracking is recorded.
 */
@Needs(Service.CASSANDRA)
class DiscoveryPushIntegrationTest {

  static final String ALICE = DevnetSeed.channelId("alice");
  static NodeWithDevnets net;
  static String userId;
  static CqlSession cassandra;

  @BeforeAll
  static void start() throws Exception {
    net =
        NodeWithDevnets.discovering(
            "discopush",
            true,
            YoutubeDevnetSettings.defaults().withPort(0),
            // A short lease, renewed 3 s before it ends: renewals happen during the test.
            Map.of(
                "joysync.youtube.websub.lease-seconds", 6,
                "joysync.youtube.websub.renewal-margin", "3s",
                "joysync.discovery.websub.subscribe-retry", "1s"));
    userId = net.signUp(DevnetSeed.ALICE, 1);
    cassandra = ForkedNode.cassandraSession();
    // The watch starts from the channel's events through the read side and discovery's schedule:
    // seconds on a quiet machine, over 30 s on a loaded one (seen on CI).
    await("the hub holds alice's subscription")
        .atMost(Duration.ofSeconds(90))
        .until(() -> subscriptions(ALICE).size() == 1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cassandra != null) {
      cassandra.close();
    }
    if (net != null) {
      net.close();
    }
  }

  static JsonNode subscriptions(String channelId) {
    return net.youtubeAdmin("GET", "/websub/subscriptions?channel_id=" + channelId).json();
  }

  static List<JsonNode> videos() {
    return net.videos(userId);
  }

  static long tracked(String videoId) {
    return videos().stream().filter(v -> v.get("id").asText().equals(videoId)).count();
  }

  static long quotaUsed() {
    return net.youtubeAdmin("GET", "/quota").json().get("usedToday").asLong();
  }

  static HttpResponse<String> post(String path, String body, String signature) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(callback() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/atom+xml")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      b.header("X-Hub-Signature", signature);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String callback() {
    return net.websubCallback();
  }

  @Test
  void aNewUploadIsTrackedAsNewThroughWebSubWithinSecondsAndOnceHoweverOftenItIsAnnounced() {
    Instant uploaded = Instant.now();
    String videoId = net.upload(ALICE, "PUBLIC", "Fresh from the oven");
    await("the upload is tracked as New")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> net.trackedState(videoId).equals(java.util.Optional.of("New")));
    assertThat(Duration.between(uploaded, Instant.now())).isLessThan(Duration.ofSeconds(10));
    await("the read side lists it")
        .atMost(Duration.ofSeconds(30))
        .until(() -> tracked(videoId) == 1);
    JsonNode video =
        videos().stream().filter(v -> v.get("id").asText().equals(videoId)).findFirst().get();
    assertThat(video.get("state").asText()).isEqualTo("New");
    assertThat(video.get("title").asText()).isEqualTo("Fresh from the oven");

    long quota = quotaUsed();
    int before = videos().size();
    ApiClient.Reply again =
        net.youtubeAdmin("POST", "/channels/" + ALICE + "/videos/" + videoId + "/notify?times=10");
    assertThat(again.status()).isEqualTo(200);
    await("the ten deliveries reached the node")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              int delivered = 0;
              for (JsonNode d : net.youtubeAdmin("GET", "/websub/deliveries").json()) {
                if (d.get("videoId").asText().equals(videoId) && d.get("status").asInt() == 204) {
                  delivered++;
                }
              }
              return delivered >= 11;
            });
    await("nothing more is tracked or looked up")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> tracked(videoId) == 1 && videos().size() == before);
    assertThat(quotaUsed()).as("repeats cost no Data API call").isEqualTo(quota);
  }

  @Test
  void forgedUnsignedOversizedAndUnusableNotificationsChangeNothing() throws Exception {
    String token = subscriptions(ALICE).get(0).get("callback").asText();
    String query = token.substring(token.indexOf('?'));
    String forgedId = "forgedVid01";
    String body =
        "<feed xmlns:yt=\"http://www.youtube.com/xml/schemas/2015\""
            + " xmlns=\"http://www.w3.org/2005/Atom\"><entry><yt:videoId>"
            + forgedId
            + "</yt:videoId><yt:channelId>"
            + ALICE
            + "</yt:channelId><title>Forged</title>"
            + "<published>2030-01-01T00:00:00+00:00</published></entry></feed>";
    assertThat(post(query, body, "sha1=" + "0".repeat(40)).statusCode()).isEqualTo(202);
    assertThat(post(query, body, null).statusCode()).isEqualTo(202);
    assertThat(post("?channel_id=" + ALICE + "&token=nope", body, "sha1=00").statusCode())
        .isEqualTo(202);
    assertThat(post(query, "<feed><entry>truncated", "sha1=00").statusCode()).isEqualTo(202);
    assertThat(post(query, "<x/>".repeat(75_000), "sha1=00").statusCode()).isEqualTo(413);
    HttpResponse<String> verification =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            callback()
                                + "?hub.mode=subscribe&hub.challenge=abc&hub.topic="
                                + "https%3A%2F%2Fevil.example%2Ffeed%3Fchannel_id%3D"
                                + ALICE))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(verification.statusCode()).isEqualTo(404);
    await("the forged video is never tracked")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> net.trackedState(forgedId).isEmpty());
  }

  @Test
  void aLeaseAboutToLapseIsRenewedBeforeItEnds() {
    Instant first = Instant.parse(subscriptions(ALICE).get(0).get("expiresAt").asText());
    await("the lease was renewed twice, never lapsing")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode subs = subscriptions(ALICE);
              assertThat(subs).as("a live subscription at every look").hasSize(1);
              Instant now = Instant.parse(subs.get(0).get("expiresAt").asText());
              assertThat(now).isAfter(Instant.now());
              return now.isAfter(first.plusSeconds(5));
            });
  }

  @Test
  void whenTheQuotaIsSpentCandidatesWaitAndAreResolvedAfterTheReset() {
    String day = LocalDate.now(QuotaGovernor.PACIFIC).toString();
    String ledger = net.readKeyspace() + ".youtube_quota_usage";
    cassandra.execute(
        "UPDATE "
            + ledger
            + " SET units = units + 10000 WHERE day = '"
            + day
            + "' AND purpose = 'sync'");
    String videoId;
    try {
      videoId = net.upload(ALICE, "PUBLIC", "Made while the quota is spent");
      await("the notification is recorded as a candidate")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  cassandra
                      .execute(
                          "SELECT video_id FROM " + net.readKeyspace() + ".discovery_candidates")
                      .all()
                      .stream()
                      .anyMatch(r -> r.getString("video_id").equals(videoId)));
      await("the video waits for quota")
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> net.trackedState(videoId).isEmpty());
    } finally {
      cassandra.execute(
          "UPDATE "
              + ledger
              + " SET units = units - 10000 WHERE day = '"
              + day
              + "' AND purpose = 'sync'");
    }
    await("after the reset the video is tracked")
        .atMost(Duration.ofSeconds(15))
        .until(() -> net.trackedState(videoId).isPresent());
  }

  @Test
  void aPremiereIsRememberedUntilItBecomesSyncableThenTracked() {
    long quota = quotaUsed();
    String videoId = net.upload(ALICE, "UPCOMING", "Premiere tonight");
    await("the premiere was looked up once")
        .atMost(Duration.ofSeconds(10))
        .until(() -> quotaUsed() > quota);
    net.youtubeAdmin("POST", "/channels/" + ALICE + "/videos/" + videoId + "/notify?times=3");
    long afterLookup = quotaUsed();
    await("not tracked, and repeats cost nothing")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> net.trackedState(videoId).isEmpty() && quotaUsed() == afterLookup);
    assertThat(
            net.youtubeAdmin("POST", "/channels/" + ALICE + "/videos/" + videoId + "?kind=PUBLIC")
                .status())
        .isEqualTo(200);
    await("the finished premiere is tracked")
        .atMost(Duration.ofSeconds(10))
        .until(() -> net.trackedState(videoId).isPresent());
  }

  @Test
  void aTitleEditedAfterTrackingIsRecordedForThePipeline() {
    String videoId = net.upload(ALICE, "PUBLIC", "First title");
    await().atMost(Duration.ofSeconds(10)).until(() -> net.trackedState(videoId).isPresent());
    net.youtubeAdmin("POST", "/channels/" + ALICE + "/videos/" + videoId + "?title=Second%20title");
    await("the change is recorded")
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                cassandra
                    .execute(
                        "SELECT title FROM "
                            + net.readKeyspace()
                            + ".video_metadata_changes WHERE channel_id = ? AND video_id = ?",
                        ALICE,
                        videoId)
                    .all()
                    .stream()
                    .anyMatch(r -> r.getString("title").equals("Second title")));
  }
}
