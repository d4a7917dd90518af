package io.joysync.engine.pipeline;

import io.joysync.engine.metrics.NodeTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.japi.function.Function;

/**
 * What the pipeline of this node does, as meters: per stage, the videos that started it, passed it
 * (went on to the next stage, or for the upload were accepted by the storage node), failed in it (a
 * failure, a retry for later, an unavailable video, an unexpected error) or were put off (no room
 * on the disk, a channel's historical cap); the videos in each stage and in the whole pipeline now;
 * and the disk budget of the downloads. Each video's round and stages are also recorded as spans
 * ({@link PipelineTracing}).
 */
final class PipelineMeters {

  /** The stages a video passes, in order. */
  enum Stage {
    DOWNLOAD,
    HASH,
    CREATE,
    UPLOAD,
    UPDATE;

    String tag() {
      return name().toLowerCase();
    }
  }

  private record StageMeters(
      Counter started, Counter passed, Counter failed, Counter deferred, AtomicInteger inStage) {}

  private final Map<Stage, StageMeters> stages = new EnumMap<>(Stage.class);
  private final AtomicInteger inPipeline = new AtomicInteger();
  private final Counter updatesRefused;
  private final Counter updatesExhausted;

  private final PipelineTracing tracing;

  PipelineMeters(MeterRegistry registry, DiskBudget budget) {
    this(registry, budget, OpenTelemetry.noop().getTracer(NodeTracing.SCOPE));
  }

  /** The meters, and each video's way through the stages as spans of {@code tracer}. */
  PipelineMeters(MeterRegistry registry, DiskBudget budget, Tracer tracer) {
    this.tracing = new PipelineTracing(tracer);
    for (Stage stage : Stage.values()) {
      AtomicInteger inStage = new AtomicInteger();
      Gauge.builder("joysync.pipeline.stage.in.flight", inStage, AtomicInteger::get)
          .description("Videos in the stage now")
          .tag("stage", stage.tag())
          .register(registry);
      stages.put(
          stage,
          new StageMeters(
              counter(registry, "started", "Videos that started the stage", stage),
              counter(registry, "passed", "Videos that passed the stage", stage),
              counter(
                  registry,
                  "failed",
                  "Videos that failed in the stage (retried later or given up)",
                  stage),
              counter(
                  registry,
                  "deferred",
                  "Videos put off by the stage (no room on the disk, a channel's cap)",
                  stage),
              inStage));
    }
    updatesRefused = givenUpCounter(registry, "refused");
    updatesExhausted = givenUpCounter(registry, "attempts");
    Gauge.builder("joysync.pipeline.videos.in.flight", inPipeline, AtomicInteger::get)
        .description("Videos somewhere in this node's pipeline now")
        .register(registry);
    Gauge.builder("joysync.pipeline.disk.used", budget, DiskBudget::reserved)
        .description("Bytes the downloads hold on the local disk now")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("joysync.pipeline.disk.high.water", budget, DiskBudget::highWater)
        .description("The most bytes the downloads held since the node started")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("joysync.pipeline.disk.budget", budget, DiskBudget::capacity)
        .description("Bytes the downloads may hold on the local disk")
        .baseUnit("bytes")
        .register(registry);
  }

  private static Counter counter(
      MeterRegistry registry, String what, String description, Stage stage) {
    return Counter.builder("joysync.pipeline.stage." + what)
        .description(description)
        .tag("stage", stage.tag())
        .register(registry);
  }

  private static Counter givenUpCounter(MeterRegistry registry, String cause) {
    return Counter.builder("joysync.pipeline.metadata.updates.given.up")
        .description(
            "Title or description edits never put on chain: refused for good by the chain, or"
                + " failed too many times")
        .tag("cause", cause)
        .register(registry);
  }

  /** A metadata update was given up: refused for good ({@code permanent}) or out of attempts. */
  void updateGivenUp(boolean permanent) {
    (permanent ? updatesRefused : updatesExhausted).increment();
  }

  /** A video entered the pipeline. */
  WorkItem entered(WorkItem item) {
    inPipeline.incrementAndGet();
    return tracing.entered(item);
  }

  /** The video's entity was read, its round planned: its round's span starts. */
  VideoJob prepared(VideoJob job) {
    return tracing.prepared(job);
  }

  /** The spans of the videos' rounds and stages, which their log lines name. */
  PipelineTracing tracing() {
    return tracing;
  }

  /** The videos somewhere in this node's pipeline now. */
  int inPipeline() {
    return inPipeline.get();
  }

  /** A video left the pipeline (for this round). */
  VideoJob left(VideoJob job) {
    inPipeline.decrementAndGet();
    return tracing.left(job);
  }

  /**
   * The stage, counted: a job of the kind it works on starts it; what comes out says whether it
   * passed, was put off or failed. Other jobs pass through uncounted.
   */
  Function<VideoJob, CompletionStage<VideoJob>> measured(
      Stage stage, Function<VideoJob, CompletionStage<VideoJob>> untraced) {
    StageMeters m = stages.get(stage);
    Function<VideoJob, CompletionStage<VideoJob>> work = tracing.traced(stage, untraced);
    return job -> {
      if (!worksOn(stage, job)) {
        return work.apply(job);
      }
      m.started().increment();
      m.inStage().incrementAndGet();
      return work.apply(job)
          .whenComplete(
              (out, error) -> {
                m.inStage().decrementAndGet();
                Counter result =
                    error != null
                        ? m.failed()
                        : passed(stage, out)
                            ? m.passed()
                            : deferred(out) ? m.deferred() : m.failed();
                result.increment();
              });
    };
  }

  static boolean worksOn(Stage stage, VideoJob job) {
    return switch (stage) {
      case DOWNLOAD -> job instanceof VideoJob.Planned;
      case HASH -> job instanceof VideoJob.Downloaded;
      case CREATE -> job instanceof VideoJob.Hashed;
      case UPLOAD -> job instanceof VideoJob.OnChain;
      case UPDATE -> job instanceof VideoJob.UpdateDue;
    };
  }

  static boolean passed(Stage stage, VideoJob out) {
    return switch (stage) {
      case DOWNLOAD -> out instanceof VideoJob.Downloaded;
      case HASH -> out instanceof VideoJob.Hashed;
      case CREATE -> out instanceof VideoJob.OnChain;
      case UPLOAD -> out instanceof VideoJob.Finished f && f.outcome().equals(UploadStage.UPLOADED);
      case UPDATE -> out instanceof VideoJob.Finished f && f.outcome().equals(UpdateStage.UPDATED);
    };
  }

  static boolean deferred(VideoJob out) {
    return out instanceof VideoJob.Finished f
        && (f.outcome().equals(DownloadStage.WAITING_FOR_ROOM)
            || f.outcome().equals(CreateStage.HISTORICAL_CAP_REACHED));
  }
}
