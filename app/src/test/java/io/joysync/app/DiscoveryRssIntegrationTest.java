package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovery with push switched off (no callback URL): RSS polling from the schedule finds new
 * uploads; a feed that answers 404 opts its channel out (YouTube account terminated) only once the
 * Data API confirms the channel is gone; feed errors, Data API errors and revoked grants never opt
 * a channel out, and never stop discovery for the others.
 */
@Needs(Service.CASSANDRA)
class DiscoveryRssIntegrationTest {

  static final String ALICE = DevnetSeed.channelId("alice");
  static final String DOOMED = DevnetSeed.generatedChannelId(0);
  static final String STEADY = DevnetSeed.generatedChannelId(1);
  static NodeWithDevnets net;
  static String aliceUser;

  @BeforeAll
  static void start() throws Exception {
    net =
        NodeWithDevnets.discovering(
            "discorss",
            false,
            YoutubeDevnetSettings.defaults()
                .withPort(0)
                .withSeed(DevnetSeed.standard().withGeneratedChannels(2)),
            Map.of(
                "joysync.discovery.statistics.interval", "2s",
                "joysync.discovery.statistics.max-batch-wait", "200ms"));
    aliceUser = net.signUp(DevnetSeed.ALICE, 1);
    addUnauthorized(DOOMED, 2);
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @AfterEach
  void resetFaults() {
    net.youtubeAdmin("POST", "/faults/reset");
  }

  static void addUnauthorized(String channelId, long joystreamChannelId) {
    ApiClient.Reply added =
        net.api.send(
            "POST",
            "/channels/unauthorized",
            "{\"ytChannelId\":\""
                + channelId
                + "\",\"joystreamChannelId\":"
                + joystreamChannelId
                + "}",
            TestNodes.OPERATOR_KEY);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
  }

  static boolean tracked(String userId, String videoId) {
    return net.videos(userId).stream().anyMatch(v -> v.get("id").asText().equals(videoId));
  }

  static String status(long joystreamChannelId) {
    return net.api
        .send("GET", "/channels/" + joystreamChannelId, null, null)
        .json()
        .get("yppStatus")
        .asText();
  }

  static void faults(String json) {
    ApiClient.Reply r =
        new ApiClient(net.youtube.baseUrl()).send("POST", "/admin/faults", json, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void withPushOffTheRssPollFindsANewUpload() {
    String videoId = net.upload(ALICE, "PUBLIC", "Found by polling");
    await("the poll finds the upload")
        .atMost(Duration.ofSeconds(45))
        .until(() -> net.trackedState(videoId).equals(java.util.Optional.of("New")));
    await("the read side lists it")
        .atMost(Duration.ofSeconds(30))
        .until(() -> tracked(aliceUser, videoId));
    assertThat(net.youtubeAdmin("GET", "/websub/subscriptions?channel_id=" + ALICE).json().size())
        .as("no hub subscription without a callback URL")
        .isZero();
  }

  @Test
  void aChannelsNewSubscriberCountReachesTheApiThroughTheStatisticsRefresh() {
    assertThat(
            net.youtubeAdmin("POST", "/channels/" + ALICE + "/subscribers?count=123457").status())
        .isEqualTo(200);
    await("the refresh brings YouTube's new count to the channel")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                net.api
                        .send("GET", "/channels/1", null, null)
                        .json()
                        .get("subscribersCount")
                        .asLong()
                    == 123457);
  }

  @Test
  void aTerminatedChannelIsOptedOutButTransientErrorsAndRevokedGrantsNeverOptOut() {
    faults("{\"truncatedFeeds\":true,\"tokensRevoked\":true}");
    await("truncated feeds and revoked grants opt nobody out")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> status(1).equals("Unverified") && status(2).equals("Unverified"));
    faults("{\"truncatedFeeds\":false,\"feedErrors\":true,\"serverErrors\":true}");
    await("failing feeds and a failing Data API opt nobody out")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(() -> status(1).equals("Unverified") && status(2).equals("Unverified"));

    faults("{\"feedErrors\":false}");
    assertThat(net.youtubeAdmin("POST", "/channels/" + DOOMED + "/terminate").status())
        .isEqualTo(200);
    await("a 404 feed the Data API cannot confirm opts nobody out")
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(8))
        .until(() -> status(2).equals("Unverified"));

    faults("{\"serverErrors\":false}");
    await("confirmed gone, the channel is opted out")
        .atMost(Duration.ofSeconds(20))
        .until(() -> status(2).equals("OptedOut"));
    assertThat(status(1)).isEqualTo("Unverified");

    String videoId = net.upload(ALICE, "PUBLIC", "Still discovered");
    await("discovery goes on for the others")
        .atMost(Duration.ofSeconds(15))
        .until(() -> net.trackedState(videoId).isPresent());
  }
}
