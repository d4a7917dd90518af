package io.joysync.app;

import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The logging of the joysync process, stopped last when the JVM exits. On SIGTERM the JVM runs
 * every shutdown hook at once: Pekko's, which leaves the cluster through coordinated shutdown (and
 * drains the pipeline, which can take a minute), and any that stops logging. Were logging stopped
 * by a hook of its own, the node's last lines (why it left, what the drain finished, what it left
 * to the other nodes) would go nowhere, and the Elasticsearch appender would spool a log that still
 * grows. So one hook of the process waits for the node to have stopped, then stops the appenders
 * (the Elasticsearch one spools what it holds in memory). Installed by {@link Main} only: a test
 * that runs several nodes in one JVM never stops logging for all of them.
 */
final class ProcessLogging {

  /** Longer than any coordinated shutdown of a node (its drain phase takes at most 90 s). */
  private static final Duration LONGEST_STOP = Duration.ofMinutes(3);

  private static final AtomicReference<CompletionStage<?>> lastWork =
      new AtomicReference<>(CompletableFuture.completedFuture(null));

  private ProcessLogging() {}

  /** Stops logging once the JVM exits, after the work named by {@link #stopsAfter}. */
  static void installShutdownHook() {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ProcessLogging::stopLast, "joysync-stop-logging"));
  }

  /** Logging lasts until {@code work} has completed (a node's termination and its last line). */
  static void stopsAfter(CompletionStage<?> work) {
    lastWork.set(work);
  }

  private static void stopLast() {
    try {
      lastWork.get().toCompletableFuture().get(LONGEST_STOP.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // stop logging anyway: the JVM is leaving
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.stop();
    }
  }
}
