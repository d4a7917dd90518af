package io.joysync.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.joysync.engine.Leaving;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a downed node is gone within a bound. When the Split Brain Resolver (or an operator)
 * downs this node, Pekko runs the coordinated shutdown and, with {@code exit-jvm} on, exits; but a
 * shutdown task may wait (a shard hand-off to an unreachable coordinator, a slow unbind) while the
 * node's signer accounts keep running. Once a downing shutdown begins, this halts the process at
 * the latest {@code joysync.cluster.downed-exit-deadline} later, which is shorter than {@code
 * stable-after}: the majority starts the downed side's signer accounts only after that margin, so
 * no account ever has two live signers.
 */
final class DownedNodeExit {

  private static final Logger log = LoggerFactory.getLogger(DownedNodeExit.class);

  /** Pekko's own exit status for a downed node (its reason-overrides for ClusterDowningReason). */
  static final int DOWNED_EXIT_STATUS = -1;

  private DownedNodeExit() {}

  /**
   * Checks the deadline against {@code stable-after} (a node with a deadline that is not shorter
   * does not start) and, when the node exits its JVM on shutdown, arms the halt.
   */
  static void install(ActorSystem<?> system) {
    Config config = system.settings().config();
    Duration deadline = deadline(config);
    if (config.getBoolean("pekko.coordinated-shutdown.exit-jvm")) {
      install(system, deadline, status -> Runtime.getRuntime().halt(status));
    }
  }

  static Duration deadline(Config config) {
    Duration deadline = config.getDuration("joysync.cluster.downed-exit-deadline");
    Duration stableAfter = config.getDuration("pekko.cluster.split-brain-resolver.stable-after");
    if (deadline.isNegative() || deadline.compareTo(stableAfter) >= 0) {
      throw new ConfigException.BadValue(
          "joysync.cluster.downed-exit-deadline",
          "must be shorter than pekko.cluster.split-brain-resolver.stable-after ("
              + stableAfter.toSeconds()
              + " s), or a downed node could still sign when the majority restarts its accounts");
    }
    return deadline;
  }

  /** Arms {@code halt} to run {@code deadline} after a shutdown caused by downing begins. */
  static void install(ActorSystem<?> system, Duration deadline, IntConsumer halt) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "halt-when-downed",
        () -> {
          if (Leaving.downed(shutdown)) {
            log.error(
                "This node was downed (split brain resolver or an operator): it shuts down and"
                    + " exits, halting in {} s at the latest",
                deadline.toSeconds());
            ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                    r -> {
                      Thread t = new Thread(r, "joysync-downed-exit");
                      t.setDaemon(true);
                      return t;
                    });
            timer.schedule(
                () -> {
                  log.error(
                      "Shutdown of the downed node outlasted {} ms: halting", deadline.toMillis());
                  halt.accept(DOWNED_EXIT_STATUS);
                },
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
          }
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }
}
