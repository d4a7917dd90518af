package io.joysync.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.util.FileSize;
import io.joysync.harness.TestEnvironment;
import io.joysync.logging.ElasticsearchAppender;
import io.joysync.logging.RedactingEcsEncoder;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * The test JVM's log lines shipped to the test Elasticsearch by joysync's own appender and encoder,
 * into indices of a fresh prefix, while a test runs: joysync's loggers at INFO as in production
 * (the console still shows WARN and above only), everything else at WARN. So the alert rules can be
 * run over what a real run logged.
 */
final class ShippedLogs implements AutoCloseable {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger joysync = context.getLogger("io.joysync");
  private final Level joysyncLevel = joysync.getLevel();
  private final Appender<ILoggingEvent> console = root.getAppender("CONSOLE");
  private final ElasticsearchAppender appender = new ElasticsearchAppender();
  private final String prefix = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
  private boolean shipping;

  /** Starts shipping; {@code spoolDir} holds the appender's spool. */
  ShippedLogs(Path spoolDir) {
    RedactingEcsEncoder encoder = new RedactingEcsEncoder();
    encoder.setContext(context);
    encoder.setServiceName("joysync");
    encoder.start();
    appender.setContext(context);
    appender.setName("ELASTICSEARCH-" + prefix);
    appender.setUrl(TestEnvironment.elasticsearchUrl());
    appender.setIndex(prefix);
    appender.setSpoolDir(spoolDir.toString());
    appender.setSpoolSize(FileSize.valueOf("64MB"));
    appender.setFlushMillis(200);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException(
          "the appender did not start: " + context.getStatusManager().getCopyOfStatusList());
    }
    ThresholdFilter warnAndAbove = new ThresholdFilter();
    warnAndAbove.setLevel("WARN");
    warnAndAbove.start();
    console.addFilter(warnAndAbove);
    joysync.setLevel(Level.INFO);
    root.addAppender(appender);
    shipping = true;
  }

  /** The indices the lines went to, as a pattern. */
  String indices() {
    return prefix + "-*";
  }

  /** Stops shipping: every line logged so far is indexed (the appender's stop), then searchable. */
  void stopAndRefresh() {
    if (shipping) {
      shipping = false;
      root.detachAppender(appender);
      appender.stop();
      joysync.setLevel(joysyncLevel);
      console.clearAllFilters();
    }
    KibanaRules.send("POST", "/" + indices() + "/_refresh", null);
  }

  /** How many shipped lines hold {@code phrase} in their message. */
  long count(String phrase) {
    return KibanaRules.send(
            "POST",
            "/" + indices() + "/_count",
            "{\"query\":{\"match_phrase\":{\"message\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(phrase)
                + "}}}")
        .path("count")
        .asLong();
  }

  /** The shipped lines whose field {@code field} is {@code value}, oldest first. */
  java.util.List<com.fasterxml.jackson.databind.JsonNode> lines(String field, String value) {
    com.fasterxml.jackson.databind.node.ObjectNode query =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    query.put("size", 500);
    query.putArray("sort").addObject().put("@timestamp", "asc");
    query.putObject("query").putObject("term").put(field, value);
    java.util.List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
    KibanaRules.send("POST", "/" + indices() + "/_search", query.toString())
        .path("hits")
        .path("hits")
        .forEach(hit -> lines.add(hit.path("_source")));
    return lines;
  }

  @Override
  public void close() {
    stopAndRefresh();
    KibanaRules.deleteIndices(indices());
    KibanaRules.send("DELETE", "/_index_template/" + prefix, null);
    KibanaRules.send("DELETE", "/_ilm/policy/" + prefix + "-retention", null);
  }
}
