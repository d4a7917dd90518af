package io.joysync.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.FileSize;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.slf4j.MDC;

/**
 * A logger of its own (outside the test JVM's logging) writing through an {@link
 * ElasticsearchAppender} into indices of a fresh prefix, so tests never see each other's lines.
 */
final class LoggingRig {

  final LoggerContext context = new LoggerContext();
  final Logger logger = context.getLogger("io.joysync.test.Shipping");
  final String prefix = "test-logs-" + Long.toString(System.nanoTime(), 36);
  final Path spoolDir;

  LoggingRig(Path spoolDir) {
    this.spoolDir = spoolDir;
    context.setMDCAdapter(MDC.getMDCAdapter());
    logger.setAdditive(false);
  }

  /** Starts an appender on {@code url} (and the spool folder) and routes the logger to it alone. */
  ElasticsearchAppender start(String url, String spoolSize, int retentionDays) {
    RedactingEcsEncoder encoder = new RedactingEcsEncoder();
    encoder.setContext(context);
    encoder.setServiceName("joysync");
    encoder.setEventDataset("joysync.log");
    encoder.start();
    ElasticsearchAppender appender = new ElasticsearchAppender();
    appender.setContext(context);
    appender.setName("ELASTICSEARCH");
    appender.setUrl(url);
    appender.setIndex(prefix);
    appender.setSpoolDir(spoolDir.toString());
    appender.setSpoolSize(FileSize.valueOf(spoolSize));
    appender.setRetentionDays(retentionDays);
    appender.setFlushMillis(200);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException(
          "the appender did not start: " + context.getStatusManager().getCopyOfStatusList());
    }
    logger.detachAndStopAllAppenders();
    logger.addAppender(appender);
    return appender;
  }

  /** A URL where nothing listens. */
  static String closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
