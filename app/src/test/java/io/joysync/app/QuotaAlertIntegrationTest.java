package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YouTube quota alert over what a real node logged: YouTube answers {@code quotaExceeded} (the
 * devnet's switch) when the node resolves a freshly pushed upload; the node's lines, shipped to the
 * test Elasticsearch by joysync's own appender, make the quota rule of {@code kibana/rules} fire,
 * and no other rule. The node's quota governor then waits for the next Pacific-time day, so this
 * test has a node of its own.
 */
@Needs({Service.CASSANDRA, Service.ELASTICSEARCH})
class QuotaAlertIntegrationTest {

  static final String ALICE = DevnetSeed.channelId("alice");

  @TempDir static Path logSpool;
  static ShippedLogs logs;
  static NodeWithDevnets net;

  @BeforeAll
  static void start() throws Exception {
    logs = new ShippedLogs(logSpool);
    net =
        NodeWithDevnets.discovering(
            "quotaalert", true, YoutubeDevnetSettings.defaults().withPort(0), Map.of());
    net.signUp(DevnetSeed.ALICE, 1);
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.inOrder(net, logs);
  }

  @Test
  void quotaExceededFromYoutubeFiresTheQuotaRuleAndNoOther() {
    assertThat(net.youtubeAdmin("POST", "/faults", "{\"quotaExhausted\":true}").status())
        .isEqualTo(200);
    net.upload(ALICE, "PUBLIC", "Uploaded while the quota is spent");
    await("the node logs YouTube's answer")
        .atMost(Duration.ofSeconds(60))
        .until(() -> logs.count("YouTube reports the daily quota exhausted") > 0);

    logs.stopAndRefresh();
    KibanaRules.assertOnlyFire(
        logs.indices(),
        m ->
            assertThat(m)
                .containsAnyOf(
                    "YouTube reports the daily quota exhausted", "YouTube quota exhausted"),
        "joysync-youtube-quota");
  }
}
