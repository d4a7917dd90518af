package io.joysync.engine.pipeline;

import io.joysync.engine.metrics.NodeMetrics;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log when this node's pipeline has stopped moving while videos wait: no video passed
 * any stage for {@code stallAfter} while the cluster's backlog is not empty and the operators have
 * not paused syncing. The warning starts with {@code PIPELINE_STALLED} (Kibana's rule {@code
 * joysync-pipeline-stalled} searches for it) and is repeated every {@code stallAfter} while the
 * stall lasts; {@code PIPELINE_RESUMED} follows the first progress.
 */
public final class PipelineStallWatch {

  private static final Logger log = LoggerFactory.getLogger(PipelineStallWatch.class);

  private final Duration stallAfter;
  private long lastPassed = -1;
  private Instant lastProgress;
  private Instant lastWarning;

  PipelineStallWatch(Duration stallAfter) {
    this.stallAfter = stallAfter;
  }

  /** Checks every metrics refresh: the stage counters, the backlog and the operators' pause. */
  public static void start(
      ActorSystem<?> system, Duration stallAfter, Supplier<CompletionStage<Long>> backlog) {
    PipelineStallWatch watch = new PipelineStallWatch(stallAfter);
    NodeMetrics metrics = NodeMetrics.get(system);
    Clock clock = Clock.systemUTC();
    metrics.every(
        () ->
            backlog
                .get()
                .thenCombine(
                    paused(system), (waiting, paused) -> new long[] {waiting, paused ? 1 : 0})
                .thenAccept(
                    v -> {
                      long passed = 0;
                      for (Counter c :
                          metrics.registry().find("joysync.pipeline.stage.passed").counters()) {
                        passed += (long) c.count();
                      }
                      synchronized (watch) {
                        watch
                            .observe(clock.instant(), v[0], passed, v[1] == 1)
                            .ifPresent(watch::say);
                      }
                    }));
  }

  private static CompletionStage<Boolean> paused(ActorSystem<?> system) {
    return SyncSwitch.of(system)
        .<SyncSwitch.State>ask(SyncSwitch.Get::new, Duration.ofSeconds(10))
        .thenApply(SyncSwitch.State::paused)
        .exceptionally(e -> false);
  }

  /** The line to log after this observation, if any. */
  Optional<String> observe(Instant now, long backlog, long passed, boolean paused) {
    boolean moving = passed != lastPassed || backlog <= 0 || paused;
    if (lastProgress == null || moving) {
      boolean wasStalled = lastWarning != null;
      lastPassed = passed;
      lastProgress = now;
      lastWarning = null;
      return wasStalled
          ? Optional.of("PIPELINE_RESUMED videos pass the pipeline's stages again on this node")
          : Optional.empty();
    }
    Duration quiet = Duration.between(lastProgress, now);
    if (quiet.compareTo(stallAfter) >= 0
        && (lastWarning == null || Duration.between(lastWarning, now).compareTo(stallAfter) >= 0)) {
      lastWarning = now;
      return Optional.of(
          "PIPELINE_STALLED no video passed a pipeline stage on this node for "
              + quiet.withNanos(0)
              + " while "
              + backlog
              + " videos wait (backlog)");
    }
    return Optional.empty();
  }

  private void say(String line) {
    if (line.startsWith("PIPELINE_STALLED")) {
      log.warn(line);
    } else {
      log.info(line);
    }
  }
}
