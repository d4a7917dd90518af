package io.joysync.engine.pipeline;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.apache.pekko.Done;

/**
 * The pipeline of a node that is leaving: no video starts a new round, and those on their way
 * (downloading, waiting for their extrinsic, uploading) finish theirs, so the node that takes over
 * its share starts each of them from a recorded step rather than from a cut-off download or upload.
 * What does not finish within the time allowed is taken up again elsewhere from where its entity
 * stands, as after a crash.
 */
final class PipelineDrain {

  private final IntSupplier inPipeline;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final CompletableFuture<Done> emptied = new CompletableFuture<>();

  PipelineDrain(IntSupplier inPipeline) {
    this.inPipeline = inPipeline;
  }

  /** Whether the node is leaving: its workers take no new video. */
  boolean draining() {
    return draining.get();
  }

  /** Notes a video that left the pipeline (passes it on unchanged). */
  VideoJob left(VideoJob job) {
    if (draining.get() && inPipeline.getAsInt() <= 0) {
      emptied.complete(Done.getInstance());
    }
    return job;
  }

  /**
   * Stops new rounds and completes, with the number of videos still on their way, once none is or
   * once {@code timeout} has passed.
   */
  CompletionStage<Integer> drain(Duration timeout) {
    draining.set(true);
    if (inPipeline.getAsInt() <= 0) {
      emptied.complete(Done.getInstance());
    }
    return emptied
        .completeOnTimeout(Done.getInstance(), timeout.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(d -> Math.max(0, inPipeline.getAsInt()));
  }
}
