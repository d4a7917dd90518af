package io.joysync.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

@Needs(Service.ELASTICSEARCH)
class ElasticsearchAppenderIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path logDir;
  private final TestElasticsearch elasticsearch = new TestElasticsearch();
  private LoggingRig rig;
  private ElasticsearchAppender appender;

  @AfterEach
  void cleanUp() {
    if (appender != null) {
      appender.stop();
    }
    if (rig != null) {
      elasticsearch.deleteAll(rig.prefix);
    }
  }

  @Test
  void linesArriveWithTheEcsFieldsTheirKeysAndNoSecret() {
    rig = new LoggingRig(logDir.resolve("spool"));
    appender = rig.start(elasticsearch.url(), "10MB", 30);

    MDC.put("videoId", "dQw4w9WgXcQ");
    MDC.put("stage", "upload");
    try {
      rig.logger.error(
          "Upload of video dQw4w9WgXcQ failed with token=abc123secret",
          new IllegalStateException("storage node answered 500"));
    } finally {
      MDC.clear();
    }

    JsonNode doc =
        await()
            .atMost(PATIENCE)
            .until(() -> elasticsearch.documents(rig.prefix + "-*"), d -> d.size() == 1)
            .get(0);
    JsonNode source = doc.path("_source");
    assertThat(doc.path("_index").asText()).startsWith(rig.prefix + "-20");
    assertThat(source.path("@timestamp").asText()).isNotEmpty();
    assertThat(source.path("log.level").asText()).isEqualTo("ERROR");
    assertThat(source.path("message").asText())
        .isEqualTo("Upload of video dQw4w9WgXcQ failed with token=<redacted>");
    assertThat(source.path("service.name").asText()).isEqualTo("joysync");
    assertThat(source.path("host.name").asText()).isNotEmpty();
    assertThat(source.path("event.dataset").asText()).isEqualTo("joysync.log");
    assertThat(source.path("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(source.path("error.message").asText()).isEqualTo("storage node answered 500");
    assertThat(source.path("error.stack_trace").asText()).contains("IllegalStateException");
    assertThat(source.path("videoId").asText()).isEqualTo("dQw4w9WgXcQ");
    assertThat(source.path("stage").asText()).isEqualTo("upload");
    assertThat(appender.indexedLines()).isEqualTo(1);

    JsonNode mapping =
        elasticsearch.send("GET", "/" + doc.path("_index").asText() + "/_mapping", null);
    JsonNode properties =
        mapping.path(doc.path("_index").asText()).path("mappings").path("properties");
    assertThat(properties.path("log").path("properties").path("level").path("type").asText())
        .isEqualTo("keyword");
    assertThat(properties.path("videoId").path("type").asText()).isEqualTo("keyword");
    assertThat(properties.path("message").path("type").asText()).isEqualTo("text");
  }

  @Test
  void linesWrittenDuringAnOutageArriveOnceAndInOrderAfterARestart() throws Exception {
    rig = new LoggingRig(logDir.resolve("spool"));
    appender = rig.start(LoggingRig.closedPort(), "10MB", 30);
    IntStream.range(0, 300).forEach(i -> rig.logger.info("outage line {}", i));
    appender.stop();
    assertThat(appender.droppedLines()).isZero();
    assertThat(spoolBytes(logDir)).isPositive();

    appender = rig.start(elasticsearch.url(), "10MB", 30);
    IntStream.range(300, 350).forEach(i -> rig.logger.info("outage line {}", i));

    List<JsonNode> docs =
        await()
            .atMost(PATIENCE)
            .until(() -> elasticsearch.documents(rig.prefix + "-*"), d -> d.size() >= 350);
    List<String> messages =
        docs.stream().map(d -> d.path("_source").path("message").asText()).toList();
    assertThat(messages)
        .containsExactlyElementsOf(
            IntStream.range(0, 350).mapToObj(i -> "outage line " + i).toList());
    await().atMost(PATIENCE).until(() -> appender.spoolBytes() == 0);
    assertThat(appender.droppedLines()).isZero();
  }

  @Test
  void theSpoolStaysWithinItsBoundAndCountsWhatItDrops() throws Exception {
    rig = new LoggingRig(logDir.resolve("spool"));
    appender = rig.start(LoggingRig.closedPort(), "64KB", 30);
    String padding = "x".repeat(300);

    IntStream.range(0, 1000).forEach(i -> rig.logger.info("line {} {}", i, padding));

    await().atMost(PATIENCE).until(() -> appender.droppedLines() > 0);
    appender.stop();
    assertThat(spoolBytes(logDir)).isPositive().isLessThanOrEqualTo(64 * 1024);
    assertThat(appender.droppedLines() + spoolLines(logDir)).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void aLineElasticsearchRefusesArrivesAsAPlainDocument() {
    rig = new LoggingRig(logDir.resolve("spool"));
    appender = rig.start(elasticsearch.url(), "10MB", 30);

    MDC.put("host.name.extra", "clashes with the keyword host.name");
    try {
      rig.logger.warn("Video abc is unavailable for good");
    } finally {
      MDC.clear();
    }

    JsonNode source =
        await()
            .atMost(PATIENCE)
            .until(() -> elasticsearch.documents(rig.prefix + "-*"), d -> d.size() == 1)
            .get(0)
            .path("_source");
    assertThat(source.path("message").asText()).isEqualTo("Video abc is unavailable for good");
    assertThat(source.path("log.level").asText()).isEqualTo("WARN");
    assertThat(source.path("event.original").asText()).contains("host.name.extra");
    assertThat(source.path("labels.elasticsearch_refused").asText()).isNotEmpty();
    assertThat(appender.droppedLines()).isZero();
  }

  @Test
  void aBatchSentAgainIsStoredOnce() throws Exception {
    rig = new LoggingRig(logDir.resolve("spool"));
    List<LogLine> batch =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    new LogLine(
                        "run-" + i,
                        rig.prefix + "-2026.01.01",
                        "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"message\":\"line " + i + "\"}"))
            .toList();
    try (LogIndexer indexer = LogIndexer.connect(elasticsearch.url(), "", "")) {
      new LogIndexSetup(indexer.client(), rig.prefix, 30).install();

      assertThat(indexer.index(batch)).isEqualTo(LogIndexer.Result.INDEXED);
      assertThat(indexer.index(batch)).isEqualTo(LogIndexer.Result.INDEXED);
    }

    assertThat(elasticsearch.documents(rig.prefix + "-*")).hasSize(3);
  }

  @Test
  void dailyIndicesPastTheirRetentionAreDeleted() {
    rig = new LoggingRig(logDir.resolve("spool"));
    elasticsearch.send("PUT", "/" + rig.prefix + "-2001.01.01", null);
    appender = rig.start(elasticsearch.url(), "10MB", 30);

    rig.logger.info("today's line");

    await()
        .atMost(PATIENCE)
        .until(() -> elasticsearch.documents(rig.prefix + "-*"), d -> d.size() == 1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                elasticsearch
                    .send("GET", "/" + rig.prefix + "-*", null)
                    .has(rig.prefix + "-2001.01.01"),
            present -> !present);
  }

  private static long spoolBytes(Path logDir) throws IOException {
    long total = 0;
    for (Path p : spoolFiles(logDir)) {
      total += Files.size(p);
    }
    return total;
  }

  /** Lines in the spool; all unread while Elasticsearch was never reached. */
  private static long spoolLines(Path logDir) throws IOException {
    long lines = 0;
    for (Path p : spoolFiles(logDir)) {
      lines += Files.readAllLines(p).size();
    }
    return lines;
  }

  private static List<Path> spoolFiles(Path logDir) throws IOException {
    try (Stream<Path> files = Files.list(logDir.resolve("spool"))) {
      return files.filter(p -> p.toString().endsWith(".ndjson")).toList();
    }
  }
}
