package io.joysync.engine.pipeline;

import io.joysync.engine.video.TrackedVideo;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A pipeline stage's log lines about one video, carrying as fields what operators filter on and
 * pivot from: the YouTube video and channel ({@code videoId}, {@code channelId}), the Joystream
 * video once there is one ({@code joystreamVideoId}), the stage, and the trace and span the video
 * is in ({@code trace.id}, {@code span.id}, when traces are recorded). The fields are fields of the
 * log index's template.
 */
final class VideoLog {

  private final Logger log;
  private final String stage;
  private final PipelineTracing tracing;

  VideoLog(Logger log, String stage, PipelineTracing tracing) {
    this.log = log;
    this.stage = stage;
    this.tracing = tracing;
  }

  LoggingEventBuilder info(TrackedVideo video) {
    return at(Level.INFO, video);
  }

  LoggingEventBuilder warn(TrackedVideo video) {
    return at(Level.WARN, video);
  }

  LoggingEventBuilder error(TrackedVideo video) {
    return at(Level.ERROR, video);
  }

  private LoggingEventBuilder at(Level level, TrackedVideo video) {
    LoggingEventBuilder line =
        log.atLevel(level)
            .addKeyValue("videoId", video.id())
            .addKeyValue("channelId", video.channelId())
            .addKeyValue("stage", stage);
    video.record().joystreamVideo().ifPresent(v -> line.addKeyValue("joystreamVideoId", v.id()));
    tracing
        .spanOf(video.id())
        .ifPresent(
            span ->
                line.addKeyValue("trace.id", span.getTraceId())
                    .addKeyValue("span.id", span.getSpanId()));
    return line;
  }
}
