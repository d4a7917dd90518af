package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelineStallWatchTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private final PipelineStallWatch watch = new PipelineStallWatch(Duration.ofMinutes(15));

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void aPipelineWithoutProgressWhileVideosWaitIsReportedOnceEachStallPeriodThenResumed() {
    assertThat(watch.observe(at(0), 40, 7, false)).isEmpty();
    assertThat(watch.observe(at(14), 40, 7, false)).isEmpty();
    assertThat(watch.observe(at(15), 40, 7, false))
        .hasValue(
            "PIPELINE_STALLED no video passed a pipeline stage on this node for PT15M while 40"
                + " videos wait (backlog)");
    assertThat(watch.observe(at(20), 40, 7, false)).isEmpty();
    assertThat(watch.observe(at(30), 41, 7, false)).get().asString().startsWith("PIPELINE_STALLED");
    assertThat(watch.observe(at(31), 41, 8, false))
        .hasValue("PIPELINE_RESUMED videos pass the pipeline's stages again on this node");
    assertThat(watch.observe(at(32), 40, 9, false)).isEmpty();
  }

  @Test
  void anEmptyBacklogOrAPauseIsNoStall() {
    watch.observe(at(0), 0, 3, false);
    assertThat(watch.observe(at(60), 0, 3, false)).isEmpty();
    assertThat(watch.observe(at(120), 5, 3, true)).isEmpty();
    assertThat(watch.observe(at(130), 5, 3, false)).isEmpty();
    assertThat(watch.observe(at(145), 5, 3, false)).get().asString().startsWith("PIPELINE_STALLED");
  }
}
