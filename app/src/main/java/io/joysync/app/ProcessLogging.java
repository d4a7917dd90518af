package io.joysync.app;

import ch.qos.logback.classic.LoggerContext;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;

/**
 * The logging of the joysync process, stopped last when the JVM exits. On SIGTERM the JVM runs
 * every shutdown hook at once: Pekko's, which leaves the cluster through coordinated shutdown (and
 * drains the pipeline, which can take a minute), and any that stops logging. Were logging stopped
 * by a hook of its own, the node's last lines (why it left, what the drain finished, what it left
 * to the other nodes) would go nowhere, and the Elasticsearch appender would spool a log that still
 * grows. So one hook of the process waits for the node's actor system to have terminated, logs
 * that, then stops the appenders (the Elasticsearch one spools what it holds in memory).
 *
 * <p>The wait reads the termination itself, not a callback on it: when coordinated shutdown ends
 * the JVM on its own (a node that left the cluster or was downed), it calls {@code System.exit}
 * from the termination's own callbacks, and a callback queued after that one would never run.
 * Installed by {@link Main} only: a test that runs several nodes in one JVM never stops logging for
 * all.
 */
final class ProcessLogging {

  private static final Logger log = LoggerFactory.getLogger(ProcessLogging.class);

  /** Longer than any coordinated shutdown of a node (its drain phase takes at most 90 s). */
  private static final FiniteDuration LONGEST_STOP = FiniteDuration.create(3, TimeUnit.MINUTES);

  private static final AtomicReference<Optional<ActorSystem<?>>> node =
      new AtomicReference<>(Optional.empty());

  private ProcessLogging() {}

  /** Stops logging once the JVM exits, after the node named by {@link #lastsAsLongAs}. */
  static void installShutdownHook() {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ProcessLogging::stopLast, "joysync-stop-logging"));
  }

  /** Logging lasts until {@code system} has terminated. */
  static void lastsAsLongAs(ActorSystem<?> system) {
    node.set(Optional.of(system));
  }

  private static void stopLast() {
    node.get().ifPresent(ProcessLogging::awaitTermination);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.stop();
    }
  }

  private static void awaitTermination(ActorSystem<?> system) {
    try {
      Await.ready(system.classicSystem().whenTerminated(), LONGEST_STOP);
      log.info(
          "joysync node stopped ({})",
          CoordinatedShutdown.get(system)
              .getShutdownReason()
              .map(Object::toString)
              .orElse("its actor system terminated"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException e) {
      log.warn("The node had not stopped after {}: the process ends anyway", LONGEST_STOP);
    }
  }
}
