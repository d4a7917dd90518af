package io.joysync.app;

import static org.awaitility.Awaitility.await;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing done twice: a node syncing two channels (66 videos, five of which can never
 * be synced) is killed with SIGKILL at random moments of the sync, twice, and started again on the
 * same keyspaces and download folder. Afterwards every video has ended once: on chain exactly as
 * many videos per channel as uploaded ones, each attributed in Orion once, the others in their
 * unavailable state, and no file left behind.
 */
@Needs(Service.CASSANDRA)
class PipelineCrashIntegrationTest {

  @TempDir static Path downloads;
  private static Devnets devnets;
  private static ForkedNode.Launch launch;

  @BeforeAll
  static void start() throws Exception {
    devnets = Devnets.start();
    Map<String, String> config = new HashMap<>(devnets.nodeSettings());
    config.putAll(Devnets.syncSettings(downloads));
    launch =
        ForkedNode.Launch.fresh("pipelinecrash")
            .withConfig(config)
            .withEnvironment(devnets.secrets());
  }

  @AfterAll
  static void stop() {
    if (launch != null) {
      launch.dropKeyspaces();
    }
    if (devnets != null) {
      devnets.close();
    }
  }

  @Test
  void killedAtRandomMomentsDuringASyncEveryVideoEndsOnceAndNoFileIsLeft() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    ForkedNode node = launch.start();
    try {
      ApiClient api = node.api();
      Devnets.whitelist(api, "@bobstarts");
      String bob = devnets.signUp(api, DevnetSeed.BOB, 2);
      String alice = devnets.signUp(api, DevnetSeed.ALICE, 1);
      // Silver: alice's 100 newest uploads are to be synced (her 60 public videos and 5 others).
      Devnets.verify(api, 1, "Silver");

      int uploaded = 0;
      for (int kill = 1; kill <= 2; kill++) {
        int threshold = uploaded + 3 + random.nextInt(10);
        ApiClient current = node.api();
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    UserVideos.inState(current, alice, "UploadSucceeded")
                            + UserVideos.inState(current, bob, "UploadSucceeded")
                        >= threshold);
        uploaded = threshold;
        node.kill();
        node = launch.start();
      }

      SyncedOnce.assertAliceAndBob(devnets, node.api(), alice, bob, "seed " + seed, downloads);
    } finally {
      node.close();
    }
  }
}
