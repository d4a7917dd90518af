package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that leaves (a rolling restart, SIGTERM) drains its pipeline first: with uploads slowed by
 * the storage node, the videos it was uploading when asked to stop finish their upload before it
 * goes, so none is left cut off in {@code UploadStarted} and each is on Joystream once.
 */
@Needs(Service.CASSANDRA)
class PipelineDrainIntegrationTest {

  @TempDir static Path downloads;
  private static NodeWithDevnets net;

  @BeforeAll
  static void start() throws Exception {
    net =
        NodeWithDevnets.syncing(
            "drain",
            downloads,
            Map.of(
                "joysync.pipeline.drain-timeout", "40s",
                "joysync.pipeline.max-videos-in-flight", "4"),
            YoutubeDevnetSettings.defaults()
                .withPort(0)
                .withMedia(new YoutubeDevnetSettings.MediaSettings(2, 20, 1280, 720, 25)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void videosBeingUploadedWhenTheNodeIsAskedToStopFinishTheirUploadBeforeItGoes() throws Exception {
    String alice = net.signUp(DevnetSeed.ALICE, 1);
    Devnets.verify(net.api, 1, "Silver");
    net.devnets.joystream.faults().setStorageDelay(Duration.ofSeconds(2));
    List<String> uploading =
        await()
            .atMost(Duration.ofMinutes(3))
            .until(() -> idsInState(alice, "UploadStarted"), ids -> !ids.isEmpty());

    net.stopNode();
    net.devnets.joystream.faults().setStorageDelay(Duration.ZERO);
    net.startNode(Map.of("joysync.sync.enable", false));

    // The restarted node does not sync: what its read side shows, once it has read every event,
    // is what the stopped one left. A round cut off would stay in UploadStarted or CreatingVideo.
    await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () -> {
              assertThat(idsInState(alice, "UploadSucceeded"))
                  .as("the videos being uploaded when the node was asked to stop")
                  .containsAll(uploading);
              assertThat(idsInState(alice, "UploadStarted")).as("a round cut off").isEmpty();
              assertThat(idsInState(alice, "CreatingVideo")).as("a round cut off").isEmpty();
            });
    OrionClient orion = OrionClient.create(URI.create(net.devnets.joystream.orionUrl()));
    for (String id : uploading) {
      assertThat(orion.videosByYtVideoId(id, "joysync").get()).as(id).hasSize(1);
    }
  }

  private static List<String> idsInState(String user, String state) {
    return UserVideos.of(net.api, user).stream()
        .filter(v -> v.get("state").asText().equals(state))
        .map(v -> v.get("id").asText())
        .toList();
  }
}
