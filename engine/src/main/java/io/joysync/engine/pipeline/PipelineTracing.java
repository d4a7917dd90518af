package io.joysync.engine.pipeline;

import io.joysync.engine.pipeline.PipelineMeters.Stage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.japi.function.Function;

/**
 * A video's way through this node's pipeline as OpenTelemetry spans: one span for the round ({@code
 * pipeline.video}, from the work index to the end of its last stage) with a child span for each
 * stage that works on it ({@code pipeline.download}, {@code .hash}, {@code .create}, {@code
 * .upload} with an {@code accepted} event once the storage node took its files, {@code .update}),
 * each ended with what the stage did: passed, put off, or failed with the reason.
 */
final class PipelineTracing {

  static final AttributeKey<String> VIDEO_ID = AttributeKey.stringKey("joysync.video.id");
  static final AttributeKey<String> CHANNEL_ID = AttributeKey.stringKey("joysync.channel.id");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("joysync.outcome");

  private final Tracer tracer;
  private final Map<String, Span> rounds = new ConcurrentHashMap<>();

  PipelineTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** A video entered the pipeline: its round's span starts. */
  WorkItem entered(WorkItem item) {
    Span round =
        tracer
            .spanBuilder("pipeline.video")
            .setNoParent()
            .setAttribute(VIDEO_ID, item.videoId())
            .setAttribute(CHANNEL_ID, item.channelId())
            .startSpan();
    Span before = rounds.put(item.videoId(), round);
    if (before != null) {
      before.setAttribute(OUTCOME, "superseded").end();
    }
    return item;
  }

  /** The video left the pipeline for this round: its span ends with the outcome. */
  VideoJob left(VideoJob job) {
    Span round = rounds.remove(job.videoId());
    if (round != null) {
      if (job instanceof VideoJob.Finished f) {
        round.setAttribute(OUTCOME, f.outcome());
      }
      round.end();
    }
    return job;
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
      return work.apply(job)
          .whenComplete(
              (out, error) -> {
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
