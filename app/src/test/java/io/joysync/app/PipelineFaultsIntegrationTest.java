package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.orion.OrionClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline under the faults of the networks it talks to, switched on the devnet while a
 * channel's 60 videos sync: a storage node that errors, then one that is down, then Orion lagging
 * and extrinsics dropped. Downloads wait within the disk budget while uploads cannot proceed, and
 * once the faults end every video reaches Joystream once.
 */
@Needs({Service.CASSANDRA, Service.ELASTICSEARCH})
class PipelineFaultsIntegrationTest {

  /** Room for about four of the devnet's clips below (about 0.8 MB each). */
  private static final long DISK_BUDGET = 4_000_000;

  @TempDir static Path downloads;
  @TempDir static Path logSpool;
  private static NodeWithDevnets net;
  private static ShippedLogs logs;

  @BeforeAll
  static void start() throws Exception {
    logs = new ShippedLogs(logSpool);
    net =
        NodeWithDevnets.syncing(
            "faults",
            downloads,
            Map.of(
                "joysync.pipeline.disk-budget", Long.toString(DISK_BUDGET),
                "joysync.pipeline.min-expected-bytes", "1000000",
                "joysync.pipeline.expected-bytes-per-second", "1",
                "joysync.pipeline.upload-rounds", "2",
                "joysync.pipeline.upload-round-pause", "500ms",
                "joysync.publishing.finality-stall-warning", "5s",
                // The finality stall below lasts well under this era (256 one-second blocks) on
                // a loaded machine too: an era that ends while finality stalls makes the chain
                // refuse the account's resent extrinsics, which the signer rule rightly reports.
                "joysync.publishing.era-period", "256"),
            YoutubeDevnetSettings.defaults()
                .withPort(0)
                .withMedia(new YoutubeDevnetSettings.MediaSettings(2, 20, 1280, 720, 25)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  @Test
  void everyVideoReachesJoystreamOnceAfterStorageAndChainFaultsAndTheDiskStaysInBudget()
      throws Exception {
    String alice = net.signUp(DevnetSeed.ALICE, 1);
    Devnets.verify(net.api, 1, "Silver");
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> UserVideos.inState(net.api, alice, "UploadSucceeded") >= 2);

    FaultSwitches faults = net.devnets.joystream.faults();
    faults.setStorageErrors(true);
    // While nothing can be uploaded, downloads fill the disk up to its budget, and stop there.
    await().atMost(Duration.ofMinutes(1)).until(() -> bytesOnDisk() > DISK_BUDGET / 2);
    await()
        .during(Duration.ofSeconds(15))
        .atMost(Duration.ofSeconds(20))
        .until(() -> bytesOnDisk() <= DISK_BUDGET);
    faults.setStorageErrors(false);
    faults.setStorageDown(true);
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .until(() -> bytesOnDisk() <= DISK_BUDGET);
    faults.setStorageDown(false);
    faults.setOrionExtraLag(10);
    faults.setStallFinality(true);
    faults.setDropExtrinsics(true, false);
    long before = UserVideos.inState(net.api, alice, "UploadSucceeded");
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .until(() -> bytesOnDisk() <= DISK_BUDGET);
    // The stall is logged (finality-stall-warning, 5 s here) and searchable in Elasticsearch.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> logs.count("FINALITY_STALLED") > 0);
    faults.setDropExtrinsics(false, true);
    faults.setOrionExtraLag(0);
    faults.setStallFinality(false);

    await()
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> assertThat(UserVideos.inState(net.api, alice, "UploadSucceeded")).isEqualTo(60));
    assertThat(before).isLessThan(60);

    try (ChainConnection chain =
        new ChainConnection(URI.create(net.devnets.joystream.chainUrl()))) {
      assertThat(
              chain
                  .chainState()
                  .toCompletableFuture()
                  .get()
                  .channel(1, null)
                  .get()
                  .orElseThrow()
                  .numVideos())
          .isEqualTo(60);
    }
    OrionClient orion = OrionClient.create(URI.create(net.devnets.joystream.orionUrl()));
    for (JsonNode v : net.api.send("GET", "/users/" + alice + "/videos", null, null).json()) {
      if (v.get("state").asText().equals("UploadSucceeded")) {
        assertThat(orion.videosByYtVideoId(v.get("id").asText(), "joysync").get()).hasSize(1);
      }
    }
    assertAlerts();
  }

  /**
   * The operators' alert rules, run over the run's real log lines in Elasticsearch: the stalled
   * finality is what an operator must hear of; the storage node's errors and the dropped
   * extrinsics, retried until they passed, page nobody.
   */
  private static void assertAlerts() {
    logs.stopAndRefresh();
    KibanaRules.assertOnlyFire(
        logs.indices(),
        m -> assertThat(m).startsWith("FINALITY_STALLED member 1: "),
        "joysync-chain-lag");
  }

  private static long bytesOnDisk() {
    try (Stream<Path> files = Files.walk(downloads)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException gone) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
