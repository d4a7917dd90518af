package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.pipeline.PipelineMeters.Stage;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.japi.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A video's way through the pipeline as spans: one round span with a child per stage, in order, the
 * upload marked accepted, and a stage that fails marked as an error with its reason.
 */
class PipelineTracingTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  final PipelineTracing tracing = new PipelineTracing(provider.get("test"));

  @AfterEach
  void close() {
    provider.close();
  }

  static TrackedVideo video(String id) {
    VideoRecord record =
        new VideoRecord(
            id,
            VideoState.NEW,
            "cat-1",
            Optional.empty(),
            T0,
            60,
            false,
            Optional.empty(),
            0,
            T0,
            T0);
    return new TrackedVideo(
        "UCa",
        new VideoFacts(
            id,
            "Title " + id,
            "Description",
            10,
            Map.of(),
            60,
            Optional.of("processed"),
            Optional.of("public"),
            Optional.of("youtube"),
            Optional.of("mp4"),
            Optional.empty(),
            T0),
        record,
        0,
        Optional.empty());
  }

  static WorkItem item(String id) {
    return new WorkItem(id, "UCa", VideoState.NEW, false, T0, 0, 60, 0, Optional.empty());
  }

  /** Runs the job through the traced stages the way the pipeline's flow does. */
  VideoJob run(
      WorkItem item, VideoJob first, List<Function<VideoJob, CompletionStage<VideoJob>>> stages)
      throws Exception {
    tracing.entered(item);
    VideoJob job = first;
    Stage[] order = {Stage.DOWNLOAD, Stage.HASH, Stage.CREATE, Stage.UPLOAD, Stage.UPDATE};
    for (int i = 0; i < order.length; i++) {
      job = tracing.traced(order[i], stages.get(i)).apply(job).toCompletableFuture().get();
    }
    return tracing.left(job);
  }

  static Function<VideoJob, CompletionStage<VideoJob>> gives(
      java.util.function.Function<VideoJob, VideoJob> f) {
    return job -> CompletableFuture.completedFuture(f.apply(job));
  }

  @Test
  void aSyncedVideoIsOneRoundWithAChildSpanPerStageInOrder() throws Exception {
    VideoJob.Planned planned = new VideoJob.Planned(video("vid-1"), 7);
    VideoJob.Downloaded downloaded = new VideoJob.Downloaded(planned, null);
    run(
        item("vid-1"),
        planned,
        List.of(
            gives(j -> downloaded),
            gives(j -> new VideoJob.Hashed(downloaded, null, null, null)),
            gives(j -> new VideoJob.OnChain(downloaded, new JoystreamVideo(12, List.of(1L, 2L)))),
            gives(j -> new VideoJob.Finished("vid-1", UploadStage.UPLOADED)),
            gives(j -> j)));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData round =
        spans.stream().filter(s -> s.getName().equals("pipeline.video")).findFirst().orElseThrow();
    List<SpanData> stages =
        spans.stream().filter(s -> !s.getName().equals("pipeline.video")).toList();
    assertThat(stages)
        .extracting(SpanData::getName)
        .containsExactly(
            "pipeline.download", "pipeline.hash", "pipeline.create", "pipeline.upload");
    assertThat(stages)
        .allSatisfy(
            s -> {
              assertThat(s.getParentSpanId()).isEqualTo(round.getSpanId());
              assertThat(s.getTraceId()).isEqualTo(round.getTraceId());
              assertThat(s.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
            });
    assertThat(stages.get(3).getEvents()).extracting(e -> e.getName()).containsExactly("accepted");
    assertThat(round.getAttributes().get(PipelineTracing.VIDEO_ID)).isEqualTo("vid-1");
    assertThat(round.getAttributes().get(PipelineTracing.OUTCOME)).isEqualTo(UploadStage.UPLOADED);
  }

  @Test
  void aFailingStageIsAnErrorWithItsReasonAndTheRoundStillEnds() throws Exception {
    VideoJob.Planned planned = new VideoJob.Planned(video("vid-2"), 7);
    run(
        item("vid-2"),
        planned,
        List.of(
            gives(j -> new VideoJob.Finished("vid-2", "download failed: HTTP 403")),
            gives(j -> j),
            gives(j -> j),
            gives(j -> j),
            gives(j -> j)));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly("pipeline.download", "pipeline.video");
    SpanData download = spans.get(0);
    assertThat(download.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(download.getStatus().getDescription()).isEqualTo("download failed: HTTP 403");
  }
}
