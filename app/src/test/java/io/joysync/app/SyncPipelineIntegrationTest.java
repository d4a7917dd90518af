package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Browser;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.content.ContentIdHasher;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionDataObject;
import io.joysync.joystream.orion.OrionVideo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * joysync's main job on a real node: a creator signs up as Atlas drives it, and the node, by
 * itself, downloads the channel's videos with the real yt-dlp from the YouTube devnet, probes them
 * with ffprobe, creates them on the devnet chain (signed, batched, at finality), and uploads them
 * to the devnet's Colossus, which checks them against the chain: each video once, attributed to the
 * app in Orion, with exactly the bytes the chain registered, and no file left behind.
 */
@Needs({Service.CASSANDRA, Service.ELASTICSEARCH})
class SyncPipelineIntegrationTest {

  /** The signer account of the devnet's member 1, which the node publishes with. */
  static final String SIGNER = "j4VVA8CkMCprCa3wek5CnZkJ1F7cBBMqALczkw4qgTebEoMxa";

  @TempDir static Path downloads;
  @TempDir static Path logSpool;
  private static NodeWithDevnets net;
  private static ShippedLogs logs;

  @BeforeAll
  static void start() throws Exception {
    logs = new ShippedLogs(logSpool);
    net = NodeWithDevnets.syncing("pipeline", downloads, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.inOrder(net, logs);
  }

  @Test
  void aSignedUpChannelsVideosEndOnJoystreamOnceWithTheExactBytes() throws Exception {
    // Bob's young channel meets no requirement: an operator whitelists it, as for youtube-synch.
    net.whitelist("@bobstarts");
    String userId = net.signUp(DevnetSeed.BOB, 2);

    List<JsonNode> videos = UserVideos.awaitAllEnded(net.api, userId, 1, Duration.ofMinutes(3));
    assertThat(videos.get(0).get("state").asText()).isEqualTo("UploadSucceeded");
    assertOnJoystreamOnce(videos);
    assertNoFilesLeft();

    // The node's real log lines, in Elasticsearch: a healthy run wakes no operator.
    logs.stopAndRefresh();
    assertThat(logs.count("Sync pipeline started")).as("the run's lines shipped").isPositive();
    // Each of the video's lines names it, its channel and its stage, so Kibana filters on them.
    String ytId = videos.get(0).get("id").asText();
    List<JsonNode> lines = logs.lines("videoId", ytId);
    assertThat(lines).extracting(l -> l.path("stage").asText()).contains("download", "create");
    assertThat(lines)
        .allSatisfy(
            l -> assertThat(l.path("channelId").asText()).isEqualTo(DevnetSeed.channelId("bob")));
    assertThat(lines)
        .filteredOn(l -> l.path("message").asText().contains("created on Joystream"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.path("joystreamVideoId").asLong())
                    .isEqualTo(videos.get(0).get("joystreamVideo").get("id").asLong()));
    // The signer account's lines name it, and those about one extrinsic its hash.
    assertThat(logs.lines("account", SIGNER))
        .filteredOn(l -> l.path("message").asText().contains("final in block"))
        .isNotEmpty()
        .allSatisfy(
            l -> {
              assertThat(l.path("memberId").asText()).isEqualTo("1");
              assertThat(l.path("extrinsicHash").asText()).matches("0x[0-9a-f]{64}");
            });
    KibanaRules.assertOnlyFire(logs.indices(), m -> {});
  }

  @Test
  void videosThatCanNeverBeSyncedEndInTheirOwnUnavailableStateAndNothingReachesTheChain()
      throws Exception {
    // Alice's five newest uploads are the devnet's troublemakers.
    String userId = net.signUp(DevnetSeed.ALICE, 1);

    List<JsonNode> videos = UserVideos.awaitAllEnded(net.api, userId, 5, Duration.ofMinutes(3));
    Map<String, String> states = new HashMap<>();
    videos.forEach(v -> states.put(v.get("title").asText(), v.get("state").asText()));
    assertThat(states)
        .containsOnly(
            Map.entry("Special NOT_A_VIDEO", "VideoUnavailable::NotAVideo"),
            Map.entry("Special EMPTY_MEDIA", "VideoUnavailable::EmptyDownload"),
            Map.entry("Special UNAVAILABLE", "VideoUnavailable::Unavailable"),
            Map.entry("Special GEO_BLOCKED", "VideoUnavailable::GeoBlocked"),
            Map.entry("Special MEMBERS_ONLY", "VideoUnavailable::MembersOnly"));
    OrionClient orion = OrionClient.create(URI.create(net.devnets.joystream.orionUrl()));
    for (JsonNode v : videos) {
      assertThat(v.has("joystreamVideo")).isFalse();
      assertThat(orion.videosByYtVideoId(v.get("id").asText(), "joysync").get()).isEmpty();
    }
    assertNoFilesLeft();
  }

  @Test
  @Needs(Service.BROWSER)
  void theOperatorPageShowsThePipelineInARealBrowserAndItsPause() throws Exception {
    String page =
        "http://127.0.0.1:"
            + net.node.node().endpoints().toCompletableFuture().get().http().getPort()
            + "/operator#key="
            + TestNodes.OPERATOR_KEY;
    ApiClient.Reply paused =
        net.api.send(
            "PUT", "/sync/pause", "{\"reason\":\"checking the page\"}", TestNodes.OPERATOR_KEY);
    assertThat(paused.status()).isEqualTo(200);
    try {
      String dom = Browser.render(page, Duration.ofSeconds(5));
      assertThat(dom).contains("Paused since").contains("checking the page");
      // The signer account as the publisher reports it, and this node's download disk.
      assertThat(dom).contains(SIGNER);
      assertThat(dom).contains("in use of 21474.8 MB");
    } finally {
      assertThat(net.api.send("PUT", "/sync/resume", "", TestNodes.OPERATOR_KEY).status())
          .isEqualTo(200);
    }
    String refused =
        Browser.render(page.replace(TestNodes.OPERATOR_KEY, "wrong-key"), Duration.ofSeconds(5));
    assertThat(refused).contains("The operator key was refused.").doesNotContain("j4VVA8");
    ApiClient.Reply bad =
        net.api.send("PUT", "/sync/pause", "{\"reason\":42}", TestNodes.OPERATOR_KEY);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").asText()).isEqualTo("INVALID_BODY");
    assertThat(net.api.send("GET", "/sync", null, null).status()).isEqualTo(401);
    JsonNode view = net.api.send("GET", "/sync", null, TestNodes.OPERATOR_KEY).json();
    assertThat(view.get("paused").asBoolean()).isFalse();
    assertThat(view.get("accounts").get(0).get("memberId").asLong()).isEqualTo(1);
  }

  /** Each video once in Orion, attributed to the app, its files accepted with the exact bytes. */
  private static void assertOnJoystreamOnce(List<JsonNode> videos) throws Exception {
    OrionClient orion = OrionClient.create(URI.create(net.devnets.joystream.orionUrl()));
    HttpClient http = HttpClient.newHttpClient();
    for (JsonNode v : videos) {
      String ytId = v.get("id").asText();
      long videoId = v.get("joystreamVideo").get("id").asLong();
      List<OrionVideo> inOrion = orion.videosByYtVideoId(ytId, "joysync").get();
      assertThat(inOrion).as("one video for %s", ytId).hasSize(1);
      assertThat(inOrion.get(0).id()).isEqualTo(videoId);
      assertThat(inOrion.get(0).entryApp().map(OrionVideo.EntryApp::name)).contains("joysync");
      List<Long> assets = new ArrayList<>();
      v.get("joystreamVideo").get("assetIds").forEach(a -> assets.add(a.asLong()));
      assertThat(assets).hasSize(2);
      List<OrionDataObject> objects = orion.dataObjectsByIds(assets).get();
      assertThat(objects).hasSize(2);
      for (OrionDataObject object : objects) {
        assertThat(object.accepted()).isTrue();
        HttpResponse<byte[]> stored =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            net.devnets.joystream.colossusApiUrl() + "/files/" + object.id()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).hasSize((int) object.size());
        assertThat(ContentIdHasher.of(stored.body()).contentId().value())
            .isEqualTo(object.ipfsHash());
      }
    }
  }

  private static void assertNoFilesLeft() throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              try (Stream<Path> left = Files.walk(downloads)) {
                assertThat(left.filter(Files::isRegularFile)).isEmpty();
              }
            });
  }
}
