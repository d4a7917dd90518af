package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A leaving node's pipeline: no new round, and the end of the drain when the last video left. */
class PipelineDrainTest {

  private static final VideoJob LEFT = new VideoJob.Finished("v", "uploaded");

  @Test
  void theDrainEndsWhenTheLastVideoOnItsWayLeaves() throws Exception {
    AtomicInteger inPipeline = new AtomicInteger(2);
    PipelineDrain drain = new PipelineDrain(inPipeline::get);
    assertThat(drain.draining()).isFalse();

    CompletableFuture<Integer> drained = drain.drain(Duration.ofMinutes(5)).toCompletableFuture();
    assertThat(drain.draining()).as("no new video starts").isTrue();
    inPipeline.decrementAndGet();
    drain.left(LEFT);
    assertThat(drained).as("one video is still on its way").isNotDone();
    inPipeline.decrementAndGet();
    assertThat(drain.left(LEFT)).isSameAs(LEFT);

    assertThat(drained.get(1, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void anEmptyPipelineIsDrainedAtOnceAndOneThatDoesNotEmptyWhenTheTimeIsUp() throws Exception {
    assertThat(
            new PipelineDrain(() -> 0)
                .drain(Duration.ofMinutes(5))
                .toCompletableFuture()
                .get(1, TimeUnit.SECONDS))
        .isZero();
    assertThat(
            new PipelineDrain(() -> 3)
                .drain(Duration.ofMillis(100))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS))
        .as("videos still on their way when the time was up")
        .isEqualTo(3);
  }
}
