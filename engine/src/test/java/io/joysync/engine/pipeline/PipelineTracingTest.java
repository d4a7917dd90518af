package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.japi.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * A video's way through the pipeline as spans: one round span with a child per stage, in order, the
 * upload marked accepted, and a stage that fails marked as an error with its reason. A new video's
 * first round starts when it was discovered, with its wait for the pipeline as a span of its own;
 * the span a video is in is what its log lines name.
 */
class PipelineTracingTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  /** The pipeline takes the videos up 30 s after they were discovered (at {@link #T0}). */
  static final Instant ENTERED = T0.plusSeconds(30);

  final PipelineTracing tracing =
      new PipelineTracing(provider.get("test"), Clock.fixed(ENTERED, ZoneOffset.UTC));

  @AfterEach
  void close() {
    provider.close();
  }

  static TrackedVideo video(String id) {
    return video(id, 0);
  }

  static TrackedVideo video(String id, int failedAttempts) {
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
        failedAttempts,
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
    VideoJob job = tracing.prepared(first);
    Stage[] order = {Stage.DOWNLOAD, Stage.HASH, Stage.CREATE, Stage.UPLOAD, Stage.UPDATE};
    for (int i = 0; i < order.length; i++) {
      job = tracing.traced(order[i], stages.get(i)).apply(job).toCompletableFuture().get();
    }
    return tracing.left(job);
  }

  /** Runs the video through a round whose download fails. */
  void failsInItsDownload(String id, VideoJob.Planned planned) throws Exception {
    run(
        item(id),
        planned,
        List.of(
            gives(j -> new VideoJob.Finished(id, "download failed: HTTP 403")),
            gives(j -> j),
            gives(j -> j),
            gives(j -> j),
            gives(j -> j)));
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
            "pipeline.discovered",
            "pipeline.download",
            "pipeline.hash",
            "pipeline.create",
            "pipeline.upload");
    assertThat(stages)
        .allSatisfy(
            s -> {
              assertThat(s.getParentSpanId()).isEqualTo(round.getSpanId());
              assertThat(s.getTraceId()).isEqualTo(round.getTraceId());
              assertThat(s.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
            });
    assertThat(stages.get(4).getEvents()).extracting(e -> e.getName()).containsExactly("accepted");
    // The round is the video's whole way: it starts when the video was discovered, and the wait
    // until the pipeline took it up is the discovered span.
    assertThat(round.getStartEpochNanos()).isEqualTo(nanos(T0));
    assertThat(stages.get(0).getStartEpochNanos()).isEqualTo(nanos(T0));
    assertThat(stages.get(0).getEndEpochNanos()).isEqualTo(nanos(ENTERED));
    assertThat(round.getAttributes().get(PipelineTracing.VIDEO_ID)).isEqualTo("vid-1");
    assertThat(round.getAttributes().get(PipelineTracing.OUTCOME)).isEqualTo(UploadStage.UPLOADED);
  }

  @Test
  void aFailingStageIsAnErrorWithItsReasonAndTheRoundStillEnds() throws Exception {
    VideoJob.Planned planned = new VideoJob.Planned(video("vid-2"), 7);
    failsInItsDownload("vid-2", planned);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly("pipeline.discovered", "pipeline.download", "pipeline.video");
    SpanData download = spans.get(1);
    assertThat(download.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(download.getStatus().getDescription()).isEqualTo("download failed: HTTP 403");
  }

  @Test
  void aRetriedVideosRoundStartsWhenThePipelineTookItUpWithoutADiscoveredSpan() throws Exception {
    VideoJob.Planned planned = new VideoJob.Planned(video("vid-3", 1), 7);
    failsInItsDownload("vid-3", planned);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly("pipeline.download", "pipeline.video");
    assertThat(spans.get(1).getStartEpochNanos()).isEqualTo(nanos(ENTERED));
  }

  @Test
  void aVideosLogLinesNameTheSpanItIsIn() throws Exception {
    TrackedVideo video = video("vid-4");
    VideoJob.Planned planned = new VideoJob.Planned(video, 7);
    Logger logger = (Logger) LoggerFactory.getLogger("io.joysync.test.videolog");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    VideoLog log = new VideoLog(logger, Stage.DOWNLOAD.tag(), tracing);
    try {
      run(
          item("vid-4"),
          planned,
          List.of(
              job -> {
                log.info(video).log("Video {} downloaded", video.id());
                return CompletableFuture.completedFuture(new VideoJob.Finished("vid-4", "done"));
              },
              gives(j -> j),
              gives(j -> j),
              gives(j -> j),
              gives(j -> j)));
      log.warn(video).log("after the round");
    } finally {
      logger.detachAppender(lines);
    }

    SpanData download =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals("pipeline.download"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> during = pairs(lines.list.get(0));
    assertThat(during)
        .containsEntry("videoId", "vid-4")
        .containsEntry("channelId", "UCa")
        .containsEntry("stage", "download")
        .containsEntry("trace.id", download.getTraceId())
        .containsEntry("span.id", download.getSpanId());
    // Once the round is over there is no span to name, only the video.
    assertThat(pairs(lines.list.get(1)))
        .containsEntry("videoId", "vid-4")
        .doesNotContainKey("trace.id");
  }

  @Test
  void withTracingOffTheLinesCarryTheVideoButNoTrace() {
    Logger logger = (Logger) LoggerFactory.getLogger("io.joysync.test.videolog.off");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    PipelineTracing off = PipelineTracing.off();
    off.entered(item("vid-5"));
    off.prepared(new VideoJob.Planned(video("vid-5"), 7));
    new VideoLog(logger, "prepare", off).info(video("vid-5")).log("skipped");
    logger.detachAppender(lines);

    assertThat(pairs(lines.list.get(0)))
        .containsEntry("videoId", "vid-5")
        .containsEntry("stage", "prepare")
        .doesNotContainKey("trace.id");
  }

  private static Map<String, Object> pairs(ILoggingEvent event) {
    Map<String, Object> pairs = new java.util.HashMap<>();
    for (KeyValuePair pair : event.getKeyValuePairs()) {
      pairs.put(pair.key, pair.value);
    }
    return pairs;
  }

  private static long nanos(Instant at) {
    return TimeUnit.SECONDS.toNanos(at.getEpochSecond()) + at.getNano();
  }
}
