package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@code kibana/rules}, run as Kibana's Elasticsearch-query rule runs it (its query
 * within the rule's time window, the count compared with its threshold) against the real
 * Elasticsearch, over ECS documents shaped as joysync's log lines, with the engine's own wording:
 * it fires on the failure lines meant for it and only on them, and stays quiet over a healthy run.
 */
@Needs(Service.ELASTICSEARCH)
class KibanaRulesElasticsearchTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX =
      "joysync-logs-kibanatest-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String FAILING = PREFIX + "-failing";
  private static final String HEALTHY = PREFIX + "-healthy";

  /** A log line and the rules that must match it. */
  record Line(String level, String logger, String message, Set<String> rules) {}

  private static final List<Line> HEALTHY_RUN =
      List.of(
          new Line(
              "INFO",
              "io.joysync.engine.pipeline.DownloadStage",
              "Video dQw4w9WgXcQ downloaded (7340032 bytes)",
              Set.of()),
          new Line(
              "INFO",
              "io.joysync.engine.pipeline.CreateStage",
              "Video dQw4w9WgXcQ created on Joystream as video 12 (assets [31, 32])",
              Set.of()),
          new Line(
              "INFO",
              "io.joysync.engine.publish.SignerAccount",
              "member 1: extrinsic 42 final in block 1000: 3 created, 0 refused, 0 again",
              Set.of()),
          new Line(
              "INFO",
              "io.joysync.engine.publish.Publisher",
              "signer account member 1 (5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY): TakesWork, free balance 1000000000 HAPI, next nonce 43, 0 extrinsics in flight, 12 videos created in the last hour",
              Set.of()),
          new Line(
              "INFO",
              "io.joysync.engine.publish.SignerAccount",
              "FINALITY_RESUMED member 1: block 1001 is final",
              Set.of()),
          new Line(
              "INFO",
              "io.joysync.engine.pipeline.PipelineStallWatch",
              "PIPELINE_RESUMED videos pass the pipeline's stages again on this node",
              Set.of()),
          new Line(
              "WARN",
              "io.joysync.engine.pipeline.DownloadStage",
              "Download of video Xy1 failed, will retry: yt-dlp exited with 1: HTTP Error 503",
              Set.of()),
          new Line(
              "WARN",
              "io.joysync.engine.pipeline.CreateStage",
              "Creation of video Xy2 refused, will retry: CHAIN_REJECTED:Content.VideoStateBloatBondChanged: the chain refused the video: Content.VideoStateBloatBondChanged",
              Set.of()),
          new Line(
              "INFO",
              "io.joysync.joystream.colossus.StorageNodeDiscovery",
              "Storage node http://127.0.0.1:3333 (bucket 0) is down: connection refused",
              Set.of()),
          // The accounts' periodic status repeats the last error long after it passed.
          new Line(
              "INFO",
              "io.joysync.engine.publish.Publisher",
              "signer account member 1 (5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY): ACTIVE,"
                  + " free balance 99999959435062552 HAPI, next nonce 24, 0 extrinsics in flight"
                  + " (0 held), 44 videos created in the last hour; last error: FINALITY_STALLED:"
                  + " no block was finalized for PT6.1S",
              Set.of()),
          new Line(
              "INFO",
              "io.joysync.engine.youtube.quota.QuotaGovernor",
              "YouTube quota for 2026-12-06: 1200 of 10000 units used",
              Set.of()));

  private static final List<Line> FAILURES =
      List.of(
          new Line(
              "WARN",
              "io.joysync.engine.pipeline.PipelineStallWatch",
              "PIPELINE_STALLED no video passed a pipeline stage on this node for PT15M while 40"
                  + " videos wait (backlog)",
              Set.of("joysync-pipeline-stalled")),
          new Line(
              "ERROR",
              "io.joysync.engine.publish.SignerAccount",
              "ACCOUNT_LOW_FUNDS member 1 (5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY): Balances.InsufficientBalance; publishing on this account stops for PT10M",
              Set.of("joysync-signer-account", "joysync-errors")),
          new Line(
              "ERROR",
              "io.joysync.engine.publish.SignerAccount",
              "ACCOUNT_FENCED member 2 (5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty): Content.MemberAuthFailed; publishing on this account stops for PT10M",
              Set.of("joysync-signer-account", "joysync-errors")),
          new Line(
              "WARN",
              "io.joysync.engine.publish.SignerAccount",
              "member 1: the node refused extrinsic 44 (Invalid): 1010: Invalid Transaction: Inability to pay some fees",
              Set.of("joysync-signer-account")),
          new Line(
              "WARN",
              "io.joysync.engine.publish.SignerAccount",
              "member 1: could not check its extrinsics on chain: java.net.ConnectException: Connection refused",
              Set.of("joysync-signer-account")),
          new Line(
              "WARN",
              "io.joysync.engine.pipeline.CreateStage",
              "Creation of video Ab3 refused, will retry: CHAIN_REJECTED:Storage.StorageBucketObjectSizeLimitReached: the chain refused the video: Storage.StorageBucketObjectSizeLimitReached",
              Set.of("joysync-storage-bucket")),
          new Line(
              "WARN",
              "io.joysync.engine.pipeline.CreateStage",
              "Creation of video Ab4 refused, will retry: CHAIN_REJECTED:Content.ChannelFeaturePaused: the chain refused the video: Content.ChannelFeaturePaused",
              Set.of("joysync-storage-bucket")),
          new Line(
              "WARN",
              "io.joysync.engine.youtube.quota.QuotaGovernor",
              "YouTube reports the daily quota exhausted for 2026-12-06; sync waits until 2026-12-07T08:00:00Z",
              Set.of("joysync-youtube-quota")),
          new Line(
              "INFO",
              "io.joysync.engine.youtube.api.GoogleApiCalls",
              "videos.list: YouTube quota exhausted, waiting for the next Pacific-time day",
              Set.of("joysync-youtube-quota")),
          new Line(
              "WARN",
              "io.joysync.engine.publish.SignerAccount",
              "FINALITY_STALLED member 1: no block was finalized for PT2M (last 1234); its videos stay provisional until finality resumes",
              Set.of("joysync-chain-lag")),
          new Line(
              "WARN",
              "io.joysync.engine.publish.SignerAccount",
              "member 1: signing waits PT30S: Orion has processed block 100, 60 behind the best block 160 (at most 20)",
              Set.of("joysync-chain-lag")),
          new Line(
              "WARN",
              "io.joysync.logging.LogShipper",
              "Log shipping to Elasticsearch dropped 120 log lines (120 since start): the spool is full",
              Set.of("joysync-log-spool")));

  private static final Map<String, JsonNode> RULES = new TreeMap<>();

  @BeforeAll
  static void index() throws IOException {
    RULES.putAll(KibanaRules.load());
    assertThat(RULES).hasSize(7);
    createIndex(FAILING);
    createIndex(HEALTHY);
    List<Line> failing = new ArrayList<>(HEALTHY_RUN);
    failing.addAll(FAILURES);
    failing.addAll(feedErrors());
    bulk(FAILING, failing, Instant.now().minusSeconds(30));
    bulk(HEALTHY, HEALTHY_RUN, Instant.now().minusSeconds(30));
    List<Line> old =
        List.of(
            new Line(
                "ERROR",
                "io.joysync.logging.LogShipper",
                "Log shipping to Elasticsearch dropped 5 log lines (5 since start): old",
                Set.of()));
    bulk(HEALTHY, old, Instant.now().minus(Duration.ofHours(3)));
    KibanaRules.send("POST", "/" + PREFIX + "-*/_refresh", null);
  }

  @AfterAll
  static void delete() {
    KibanaRules.send("DELETE", "/" + FAILING + "," + HEALTHY + "?ignore_unavailable=true", null);
  }

  @Test
  void eachRuleFiresOnItsFailureLinesAndOnlyOnThem() {
    for (Map.Entry<String, JsonNode> rule : RULES.entrySet()) {
      Set<String> expected = new TreeSet<>();
      for (Line l : allFailing()) {
        if (l.rules().contains(rule.getKey())) {
          expected.add(l.message());
        }
      }
      KibanaRules.Evaluation e = KibanaRules.evaluate(rule.getValue(), FAILING);
      assertThat(e.messages()).as(rule.getKey() + " matches").isEqualTo(expected);
      assertThat(e.fires()).as(rule.getKey() + " fires over the failures").isTrue();
    }
  }

  @Test
  void noRuleFiresOverAHealthyRunNorOnLinesOlderThanItsWindow() {
    for (Map.Entry<String, JsonNode> rule : RULES.entrySet()) {
      KibanaRules.Evaluation e = KibanaRules.evaluate(rule.getValue(), HEALTHY);
      assertThat(e.messages()).as(rule.getKey() + " matches nothing healthy").isEmpty();
      assertThat(e.fires()).as(rule.getKey()).isFalse();
    }
  }

  @Test
  void theErrorsRuleFiresAboveItsThresholdOnly() {
    JsonNode rule = RULES.get("joysync-errors");
    int threshold = rule.path("params").path("threshold").get(0).asInt();
    for (int errors : new int[] {threshold, threshold + 1}) {
      String index = PREFIX + "-errors-" + errors;
      List<Line> lines = new ArrayList<>(HEALTHY_RUN);
      for (int i = 0; i < errors; i++) {
        lines.add(
            new Line(
                "ERROR",
                "io.joysync.engine.discovery.FeedCheck",
                "Feed check " + i + " failed",
                Set.of()));
      }
      try {
        createIndex(index);
        bulk(index, lines, Instant.now().minusSeconds(30));
        assertThat(KibanaRules.evaluate(rule, index).fires())
            .as(errors + " errors")
            .isEqualTo(errors > threshold);
      } finally {
        KibanaRules.send("DELETE", "/" + index, null);
      }
    }
  }

  private static List<Line> allFailing() {
    List<Line> all = new ArrayList<>(FAILURES);
    all.addAll(feedErrors());
    return all;
  }

  /** More error lines than the errors rule's threshold (10), none of another rule's kind. */
  private static List<Line> feedErrors() {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      lines.add(
          new Line(
              "ERROR",
              "io.joysync.engine.discovery.FeedCheck",
              "Feed check of channel UC" + i + " failed: java.io.IOException: stream closed",
              Set.of("joysync-errors")));
    }
    return lines;
  }

  /** An index with the mappings of the template each node installs ({@code joysync-logs}). */
  private static void createIndex(String index) {
    try (InputStream template =
        KibanaRulesElasticsearchTest.class.getResourceAsStream(
            "/io/joysync/logging/log-index-template.json")) {
      ObjectNode create = JSON.createObjectNode();
      create.set("mappings", JSON.readTree(template).path("template").path("mappings"));
      JsonNode answer = KibanaRules.send("PUT", "/" + index, create.toString());
      assertThat(answer.path("acknowledged").asBoolean()).as(answer.toString()).isTrue();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void bulk(String index, List<Line> lines, Instant at) {
    StringBuilder body = new StringBuilder();
    for (Line l : lines) {
      ObjectNode doc = JSON.createObjectNode();
      doc.put("@timestamp", at.toString());
      doc.put("log.level", l.level());
      doc.put("message", l.message());
      doc.put("service.name", "joysync");
      doc.put("host.name", "kibana-test");
      doc.put("event.dataset", "joysync");
      doc.put("log.logger", l.logger());
      doc.put("process.thread.name", "joysync-pekko.actor.default-dispatcher-5");
      body.append("{\"create\":{\"_index\":\"")
          .append(index)
          .append("\"}}\n")
          .append(doc)
          .append('\n');
    }
    JsonNode answer = KibanaRules.send("POST", "/_bulk?refresh=true", body.toString());
    assertThat(answer.path("errors").asBoolean(true)).as(answer.toString()).isFalse();
  }
}
