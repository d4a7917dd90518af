package io.joysync.engine.pipeline;

import io.joysync.engine.metrics.NodeTracing;
import io.joysync.engine.pipeline.PipelineMeters.Stage;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoState;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.japi.function.Function;

/**
 * A video's way through this node's pipeline as OpenTelemetry spans: one span for the round ({@code
 * pipeline.video}, from the work index to the end of its last stage) with a child span for each
 * stage that works on it ({@code pipeline.download}, {@code .hash}, {@code .create}, {@code
 * .upload} with an {@code accepted} event once the storage node took its files, {@code .update}),
 * each ended with what the stage did: passed, put off, or failed with the reason. A new video's
 * first round starts when it was discovered (tracked), with a {@code pipeline.discovered} child for
 * its wait until the pipeline took it up: that round is the video's whole way from YouTube to
 * Joystream. The span a video is in now is what its log lines name ({@link #spanOf}), so Kibana
 * goes from a line to its trace.
 */
final class PipelineTracing {

  static final AttributeKey<String> VIDEO_ID = AttributeKey.stringKey("joysync.video.id");
  static final AttributeKey<String> CHANNEL_ID = AttributeKey.stringKey("joysync.channel.id");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("joysync.outcome");

  private record Entry(String channelId, Instant at) {}

  private final Tracer tracer;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, Span> rounds = new ConcurrentHashMap<>();
  private final Map<String, Span> stages = new ConcurrentHashMap<>();

  /** Spans recorded nowhere (and log lines without trace ids): tracing is off. */
  static PipelineTracing off() {
    return new PipelineTracing(OpenTelemetry.noop().getTracer(NodeTracing.SCOPE));
  }

  PipelineTracing(Tracer tracer) {
    this(tracer, Clock.systemUTC());
  }

  PipelineTracing(Tracer tracer, Clock clock) {
    this.tracer = tracer;
    this.clock = clock;
  }

  /** A video left the work index for the pipeline. */
  WorkItem entered(WorkItem item) {
    entries.put(item.videoId(), new Entry(item.channelId(), clock.instant()));
    return item;
  }

  /**
   * The video's entity was read: its round's span starts, at the time it entered the pipeline, or
   * on a new video's first round at the time it was discovered.
   */
  VideoJob prepared(VideoJob job) {
    Entry entry = entries.remove(job.videoId());
    Instant enteredAt = entry == null ? clock.instant() : entry.at();
    Optional<TrackedVideo> video = tracked(job);
    Optional<Instant> discovered =
        video
            .filter(v -> v.failedAttempts() == 0 && v.state().equals(VideoState.NEW))
            .map(v -> v.record().createdAt())
            .filter(at -> at.isBefore(enteredAt));
    String channelId =
        video.map(TrackedVideo::channelId).orElse(entry == null ? "" : entry.channelId());
    Span round =
        tracer
            .spanBuilder("pipeline.video")
            .setNoParent()
            .setStartTimestamp(discovered.orElse(enteredAt))
            .setAttribute(VIDEO_ID, job.videoId())
            .setAttribute(CHANNEL_ID, channelId)
            .startSpan();
    discovered.ifPresent(
        at ->
            tracer
                .spanBuilder("pipeline.discovered")
                .setParent(Context.root().with(round))
                .setStartTimestamp(at)
                .setAttribute(VIDEO_ID, job.videoId())
                .startSpan()
                .end(enteredAt));
    Span before = rounds.put(job.videoId(), round);
    if (before != null) {
      before.setAttribute(OUTCOME, "superseded").end();
    }
    return job;
  }

  private static Optional<TrackedVideo> tracked(VideoJob job) {
    if (job instanceof VideoJob.Planned p) {
      return Optional.of(p.video());
    }
    if (job instanceof VideoJob.UpdateDue u) {
      return Optional.of(u.video());
    }
    return Optional.empty();
  }

  /** The video left the pipeline for this round: its span ends with the outcome. */
  VideoJob left(VideoJob job) {
    entries.remove(job.videoId());
    Span round = rounds.remove(job.videoId());
    if (round != null) {
      if (job instanceof VideoJob.Finished f) {
        round.setAttribute(OUTCOME, f.outcome());
      }
      round.end();
    }
    return job;
  }

  /** The span the video is in now (its stage's, else its round's), when it is recorded. */
  Optional<SpanContext> spanOf(String videoId) {
    Span span = stages.get(videoId);
    if (span == null) {
      span = rounds.get(videoId);
    }
    return Optional.ofNullable(span).map(Span::getSpanContext).filter(SpanContext::isValid);
  }

  /** The stage as a child span of the video's round, for the jobs the stage works on. */
  Function<VideoJob, CompletionStage<VideoJob>> traced(
      Stage stage, Function<VideoJob, CompletionStage<VideoJob>> work) {
    return job -> {
      if (!PipelineMeters.worksOn(stage, job)) {
        return work.apply(job);
      }
      Span round = rounds.get(job.videoId());
      Context parent = round == null ? Context.root() : Context.root().with(round);
      Span span =
          tracer
              .spanBuilder("pipeline." + stage.tag())
              .setParent(parent)
              .setAttribute(VIDEO_ID, job.videoId())
              .startSpan();
      stages.put(job.videoId(), span);
      CompletionStage<VideoJob> done;
      try {
        done = work.apply(job);
      } catch (Exception e) {
        stages.remove(job.videoId(), span);
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
        span.end();
        throw e;
      }
      return done.whenComplete(
          (out, error) -> {
            stages.remove(job.videoId(), span);
            if (error != null) {
              span.recordException(error);
              span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
            } else if (PipelineMeters.passed(stage, out)) {
              if (stage == Stage.UPLOAD) {
                span.addEvent("accepted");
              }
              span.setAttribute(OUTCOME, "passed");
            } else if (PipelineMeters.deferred(out)) {
              span.setAttribute(OUTCOME, ((VideoJob.Finished) out).outcome());
            } else {
              String outcome =
                  out instanceof VideoJob.Finished f
                      ? f.outcome()
                      : out == null ? "no result" : out.getClass().getName();
              span.setAttribute(OUTCOME, outcome);
              span.setStatus(StatusCode.ERROR, outcome);
            }
            span.end();
          });
    };
  }
}
