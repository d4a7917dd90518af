package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainEvent;
import io.joysync.devnet.chain.EventLog;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A title edit that the chain can never apply, on a real node against the devnet: the channel's
 * owner removes joysync's collaborator after the video is on Joystream, so the update of the edit
 * is refused for good. The refusal is recorded on the video with its reason and the edit is not
 * asked for again; a later edit gets its own chance (and is refused the same way); nothing is
 * updated on chain and the operators' recent failures show it.
 */
@Needs(Service.CASSANDRA)
class VideoUpdateGiveUpIntegrationTest {

  private static final String ALICE = DevnetSeed.channelId("alice");

  @TempDir static Path downloads;
  private static NodeWithDevnets net;
  private static String userId;

  @BeforeAll
  static void start() throws Exception {
    net = NodeWithDevnets.syncingAndDiscovering("update-giveup", downloads);
    userId = net.signUp(DevnetSeed.ALICE, 1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void anEditTheChainRefusesForGoodIsGivenUpWithItsReasonAndALaterEditGetsItsOwnChance() {
    String videoId = net.upload(ALICE, "PUBLIC", "Before the edit");
    JsonNode synced =
        await("the new upload is synced")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> listed(videoId), v -> v.isPresent() && uploaded(v.get()))
            .orElseThrow();
    long joystreamId = synced.get("joystreamVideo").get("id").asLong();

    ApiClient.Reply removed =
        net.joystreamAdmin(
            "POST", "/actions/remove-collaborator", "{\"channelId\":1,\"memberId\":1}");
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    edit(videoId, "Never on chain");

    TrackedVideo givenUp =
        await("the update of the edit is given up")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> video(videoId), v -> v.metadataGivenUp() == 1);
    assertThat(givenUp.metadataRevision()).isEqualTo(1);
    assertThat(givenUp.metadataUpdateDue()).isFalse();
    assertThat(givenUp.failedAttempts()).as("refused for good: not retried").isZero();
    assertThat(givenUp.state().wireName()).isEqualTo("UploadSucceeded");
    await("the refusal and its reason reach the operators' recent failures")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> recentFailure(videoId).orElse(""), f -> f.contains("refused for good"));

    edit(videoId, "Also never on chain");
    TrackedVideo later =
        await("the later edit gets its own chance, and is refused too")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> video(videoId), v -> v.metadataGivenUp() == 2);
    assertThat(later.metadataUpdateDue()).isFalse();
    await("nothing is retried and nothing reaches the chain")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                video(videoId).metadataGivenUp() == 2
                    && !video(videoId).metadataUpdateDue()
                    && video(videoId).failedAttempts() == 0
                    && updatesOnChain(joystreamId) == 0);
  }

  private static void edit(String videoId, String title) {
    ApiClient.Reply edit =
        net.youtubeAdmin(
            "POST",
            "/channels/"
                + ALICE
                + "/videos/"
                + videoId
                + "?title="
                + URLEncoder.encode(title, StandardCharsets.UTF_8));
    assertThat(edit.status()).as(edit.body()).isEqualTo(200);
  }

  private static Optional<String> recentFailure(String videoId) {
    ApiClient.Reply r = net.api.send("GET", "/sync", null, TestNodes.OPERATOR_KEY);
    if (r.status() != 200) {
      return Optional.empty();
    }
    for (JsonNode f : r.json().path("recentFailures")) {
      if (f.path("videoId").asText().equals(videoId)) {
        return Optional.of(f.path("detail").asText());
      }
    }
    return Optional.empty();
  }

  private static boolean uploaded(JsonNode v) {
    return v.get("state").asText().equals("UploadSucceeded") && v.has("joystreamVideo");
  }

  private static Optional<JsonNode> listed(String videoId) {
    return UserVideos.of(net.api, userId).stream()
        .filter(v -> v.get("id").asText().equals(videoId))
        .findFirst();
  }

  private static TrackedVideo video(String videoId) {
    return ClusterSharding.get(net.node.node().system())
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<Optional<TrackedVideo>>ask(VideoEntity.Get::new, Duration.ofSeconds(20))
        .toCompletableFuture()
        .join()
        .orElseThrow();
  }

  /** How many VideoUpdated events of the video the devnet chain's blocks hold. */
  private static int updatesOnChain(long joystreamVideoId) {
    int found = 0;
    long best = net.joystream.chain().best().number();
    for (long n = 1; n <= best; n++) {
      Optional<Block> block = net.joystream.chain().block(n);
      for (EventLog.Record r : block.map(Block::events).orElse(java.util.List.of())) {
        if (r.domain().orElse(null) instanceof ChainEvent.VideoUpdated u
            && u.videoId() == joystreamVideoId) {
          found++;
        }
      }
    }
    return found;
  }
}
