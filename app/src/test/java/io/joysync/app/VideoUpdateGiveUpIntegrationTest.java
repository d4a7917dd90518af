package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainEvent;
import io.joysync.devnet.chain.EventLog;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.VideoKind;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A title edit that can never be applied, on a real node against the devnet: after the video is on
 * Joystream the channel's owner takes joysync's collaborator off the channel, so no member of
 * joysync may update its videos any more and the update of the edit is refused for good. The
 * refusal is recorded on the video with its reason and the edit is not asked for again; a later
 * edit gets its own chance (and is refused the same way); nothing is updated on chain and the
 * operators' recent failures show it. The edits are handed to the video's entity as discovery hands
 * them; discovery and its chain watch are off, since the chain watch would opt the channel out on
 * the collaborator's removal and the pipeline would then leave its videos alone.
 */
@Needs(Service.CASSANDRA)
class VideoUpdateGiveUpIntegrationTest {

  private static final String DORA = DevnetSeed.channelId("giveup-dora");
  private static final String VIDEO = "dora-video1";

  @TempDir static Path downloads;
  private static NodeWithDevnets net;

  @BeforeAll
  static void start() throws Exception {
    List<DevnetSeed.CreatorSeed> creators = new ArrayList<>(DevnetSeed.standard().creators());
    creators.add(
        new DevnetSeed.CreatorSeed(
            "110000000000000000041",
            "dora@example.com",
            new DevnetSeed.ChannelSeed(
                DORA,
                "Dora Edits",
                "@doraedits",
                300,
                200,
                List.of(
                    new DevnetSeed.VideoSeed(VIDEO, "Before the edit", 5, 90, VideoKind.PUBLIC))),
            false));
    Map<String, Object> settings = new HashMap<>(Devnets.syncSettings(downloads));
    settings.put("joysync.publishing.single-account.key-uri", "//Joysync//1");
    settings.put("joysync.publishing.app.auth-key-seed", "joysync-devnet-app");
    settings.put("joysync.discovery.enabled", "false");
    net =
        NodeWithDevnets.start(
            "updategiveup",
            YoutubeDevnetSettings.defaults().withSeed(new DevnetSeed(creators)),
            DevnetSettings.forTests(),
            settings);
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void anEditTheChainRefusesForGoodIsGivenUpWithItsReasonAndALaterEditGetsItsOwnChance() {
    String videoId = VIDEO;
    ApiClient.Reply added =
        ApiClient.awaitReply(
            "the channel is added",
            () ->
                net.api.send(
                    "POST",
                    "/channels/unauthorized",
                    "{\"ytChannelId\":\"" + DORA + "\",\"joystreamChannelId\":1,\"videosLimit\":1}",
                    TestNodes.OPERATOR_KEY),
            r -> r.status() != 503,
            Duration.ofSeconds(90));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    TrackedVideo synced =
        await("the video is synced")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> video(videoId), v -> v.state().wireName().equals("UploadSucceeded"));
    long joystreamId = synced.record().joystreamVideo().orElseThrow().id();

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

  /** The creator's edit, handed to the video's entity as discovery hands it. */
  private static void edit(String videoId, String title) {
    ClusterSharding.get(net.node.node().system())
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<VideoEntity.Edit>askWithStatus(
            r -> new VideoEntity.EditMetadata(title, "Edited", Instant.now(), r),
            Duration.ofSeconds(20))
        .toCompletableFuture()
        .join();
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
      for (EventLog.Record r : block.map(Block::events).orElse(List.of())) {
        if (r.domain().orElse(null) instanceof ChainEvent.VideoUpdated u
            && u.videoId() == joystreamVideoId) {
          found++;
        }
      }
    }
    return found;
  }
}
