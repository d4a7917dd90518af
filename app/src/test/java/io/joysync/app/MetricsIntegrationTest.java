package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Prometheus;
import io.joysync.harness.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator's Prometheus sees of a real node: after a channel's video went through the whole
 * pipeline, {@code GET /metrics} on the management port answers, without a key, the JVM, Cassandra
 * driver, HTTP, pipeline, publishing, quota, discovery and cluster meters; a real Prometheus
 * scraping it answers a pipeline meter through its query API; and the management port's own routes
 * answer as before.
 */
@Needs({Service.CASSANDRA, Service.PROMETHEUS})
class MetricsIntegrationTest {

  @TempDir static Path downloads;
  private static NodeWithDevnets net;
  private static String userId;

  @BeforeAll
  static void start() throws Exception {
    net =
        NodeWithDevnets.syncing(
            "metrics", downloads, Map.of("joysync.metrics.refresh-interval", "500ms"));
    net.whitelist("@bobstarts");
    userId = net.signUp(DevnetSeed.BOB, 2);
    List<JsonNode> videos = UserVideos.awaitAllEnded(net.api, userId, 1, Duration.ofMinutes(3));
    assertThat(videos.get(0).get("state").asText()).isEqualTo("UploadSucceeded");
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void metricsAnswersEveryFamilyInPrometheusTextWithoutAKey() {
    ApiClient.Reply metrics = net.node.management().send("GET", "/metrics", null, null);

    assertThat(metrics.status()).isEqualTo(200);
    String text = metrics.body();
    assertThat(text)
        // The JVM.
        .contains("jvm_memory_used_bytes{", "jvm_gc_pause_seconds", "jvm_threads_live_threads")
        // The Cassandra driver's sessions and nodes.
        .contains(
            "cassandra_session_cql_requests_seconds_count{",
            "cassandra_nodes_pool_open_connections{")
        // HTTP requests by route template and status, never by raw path.
        .contains(
            "joysync_http_server_requests_seconds_count{method=\"POST\",route=\"/channels/whitelist\",status=\"201\"}",
            "route=\"/users/{userId}/videos\",status=\"200\"}")
        .doesNotContain(userId)
        // The pipeline: the video passed every stage; the disk it used; the backlog.
        .contains(
            "joysync_pipeline_stage_passed_total{stage=\"upload\"} 1.0",
            "joysync_pipeline_stage_started_total{stage=\"download\"}",
            "joysync_pipeline_stage_in_flight{stage=\"create\"}",
            "joysync_pipeline_videos_in_flight",
            "joysync_pipeline_disk_used_bytes",
            "joysync_pipeline_disk_high_water_bytes",
            "joysync_pipeline_disk_budget_bytes",
            "joysync_pipeline_backlog")
        // Publishing, per signer account (member 1 signs on the devnet).
        .contains(
            "joysync_signer_created_videos_total{account=\"1\"} 1.0",
            "joysync_signer_extrinsics_in_flight{account=\"1\"}",
            "joysync_signer_free_balance_hapi{account=\"1\"}",
            "joysync_signer_takes_work{account=\"1\"} 1.0")
        // The YouTube quota, discovery and the cluster.
        .contains(
            "joysync_youtube_quota_used_units{budget=\"sync\"}",
            "joysync_youtube_quota_sync_budget_units",
            "joysync_discovery_feed_requests_total",
            "joysync_cluster_members{status=\"up\"} 1.0",
            "joysync_cluster_unreachable_members 0.0");
    assertThat(metrics.body()).startsWith("# HELP");
  }

  @Test
  void theManagementRoutesAnswerAsBeforeAndMetricsIsReadOnly() {
    ApiClient management = net.node.management();
    assertThat(management.send("GET", "/ready", null, null).status()).isEqualTo(200);
    assertThat(management.send("GET", "/alive", null, null).status()).isEqualTo(200);
    assertThat(management.send("GET", "/cluster/members", null, TestNodes.OPERATOR_KEY).status())
        .isEqualTo(200);
    assertThat(management.send("POST", "/metrics", "", null).status()).isEqualTo(405);
  }

  @Test
  void aRealPrometheusScrapesTheNodeAndAnswersAPipelineMeter() throws Exception {
    String target = net.node.management().baseUrl().replaceFirst("^http://", "");
    try (Prometheus prometheus =
        Prometheus.scraping(List.of(target), "/metrics", Duration.ofSeconds(1))) {
      await().atMost(Duration.ofSeconds(60)).until(prometheus::ready);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(prometheus.query("up{job=\"joysync\"}"))
                      .as(prometheus::targets)
                      .contains(1.0));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          prometheus.query(
                              "sum(joysync_pipeline_stage_passed_total{stage=\"upload\"})"))
                      .contains(1.0));
      Optional<Double> budget = prometheus.query("joysync_pipeline_disk_budget_bytes");
      assertThat(budget).hasValueSatisfying(b -> assertThat(b).isGreaterThan(0));
    }
  }
}
