package io.joysync.engine.pipeline;

import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoTransition;
import io.joysync.engine.youtube.VideoFilter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage: reads a listed video's own record and its channel, and lets it on only when
 * there is work to do and its channel may sync (youtube-synch's "can be processed": the creator's
 * and the operators' switches on, not opted out). A video longer than allowed is parked for good
 * ({@code VideoUnavailable::Skipped}) before anything is downloaded. An uploaded video whose title
 * or description was edited since goes on as {@link VideoJob.UpdateDue}.
 */
final class Preparation {

  private static final Logger log = LoggerFactory.getLogger(Preparation.class);

  private final VideoLog videoLog;

  private final VideoSteps steps;
  private final Duration maxDuration;

  Preparation(VideoSteps steps, Duration maxDuration, PipelineTracing tracing) {
    this.steps = steps;
    this.maxDuration = maxDuration;
    this.videoLog = new VideoLog(log, "prepare", tracing);
  }

  CompletionStage<VideoJob> apply(WorkItem item) {
    return steps
        .video(item.videoId())
        .thenCompose(
            video -> {
              if (video.isEmpty()
                  || video.get().state().isFinal() && !video.get().metadataUpdateDue()) {
                return done(item.videoId(), "nothing to do");
              }
              return steps
                  .channel(video.get().channelId())
                  .thenCompose(channel -> plan(video.get(), channel));
            });
  }

  private CompletionStage<VideoJob> plan(TrackedVideo video, Optional<ChannelState> channel) {
    Optional<Long> joystreamChannel =
        channel
            .filter(ChannelState::isSyncEnabled)
            .flatMap(ChannelState::registration)
            .map(Registration::joystreamChannelId);
    if (joystreamChannel.isEmpty()) {
      return CompletableFuture.completedFuture(
          new VideoJob.ChannelNotSyncing(video.id(), video.channelId()));
    }
    if (video.state().isFinal()) {
      return CompletableFuture.completedFuture(
          new VideoJob.UpdateDue(video, joystreamChannel.get()));
    }
    Optional<VideoFilter.Rejection> tooLong =
        VideoFilter.tooLong(video.record().durationSeconds(), maxDuration);
    if (tooLong.isPresent()) {
      String detail = tooLong.get().reason();
      videoLog.info(video).log("Video {} skipped: {}", video.id(), detail);
      return steps
          .take(video.id(), new VideoTransition.MarkUnavailable(UnavailableReason.SKIPPED, detail))
          .thenApply(r -> new VideoJob.Finished(video.id(), "skipped: " + detail));
    }
    return CompletableFuture.completedFuture(new VideoJob.Planned(video, joystreamChannel.get()));
  }

  private static CompletionStage<VideoJob> done(String videoId, String outcome) {
    return CompletableFuture.completedFuture(new VideoJob.Finished(videoId, outcome));
  }
}
