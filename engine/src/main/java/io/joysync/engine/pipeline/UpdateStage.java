package io.joysync.engine.pipeline;

import io.joysync.engine.publish.CreationResult;
import io.joysync.engine.publish.VideoUpdate;
import io.joysync.engine.video.TrackedVideo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a Joystream video up to date with the title and description its creator edited on YouTube:
 * asks the publisher to put the latest edit on chain ({@code content.update_video}, signed by an
 * account that may update the channel's videos, answered at finality), then records on the video's
 * entity which edit is on chain. The account never signs the same edit of a video twice, so asking
 * again after a crash (the entity does not know yet) costs no second extrinsic; an edit made while
 * this one was on its way is due next. A refusal that asking again could cure is retried later, one
 * that it could not waits the longest retry time.
 */
final class UpdateStage {
  static final String UPDATED = "updated";

  private static final Logger log = LoggerFactory.getLogger(UpdateStage.class);

  private final VideoSteps steps;
  private final Function<VideoUpdate, CompletionStage<CreationResult>> publisher;

  UpdateStage(VideoSteps steps, Function<VideoUpdate, CompletionStage<CreationResult>> publisher) {
    this.steps = steps;
    this.publisher = publisher;
  }

  CompletionStage<VideoJob> apply(VideoJob job) {
    if (!(job instanceof VideoJob.UpdateDue due)) {
      return CompletableFuture.completedFuture(job);
    }
    TrackedVideo video = due.video();
    VideoUpdate update = request(due);
    return publisher
        .apply(update)
        .thenCompose(result -> answered(video, update, result))
        .exceptionallyCompose(
            error -> {
              String detail = "update not confirmed: " + DownloadStage.cause(error);
              log.warn(
                  "Update of video {} not confirmed yet, will ask again: {}", video.id(), detail);
              return steps
                  .failed(video, detail)
                  .thenApply(v -> new VideoJob.Finished(video.id(), "update pending"));
            });
  }

  private CompletionStage<VideoJob> answered(
      TrackedVideo video, VideoUpdate update, CreationResult result) {
    if (result instanceof CreationResult.Updated updated) {
      log.info(
          "Video {} updated on Joystream (video {}, edit {}, block {})",
          video.id(),
          updated.videoId(),
          updated.revision(),
          updated.blockNumber());
      return steps
          .metadataUpdated(video.id(), update.revision(), updated.blockNumber())
          .thenApply(v -> new VideoJob.Finished(video.id(), UPDATED));
    }
    String detail =
        result instanceof CreationResult.Refused r
            ? r.code() + ": " + r.reason()
            : "unexpected answer " + result;
    boolean retryable = result instanceof CreationResult.Refused r && r.retryable();
    log.warn(
        "Update of video {} refused, will {}: {}",
        video.id(),
        retryable ? "retry" : "try again after the longest wait",
        detail);
    return (retryable ? steps.failed(video, detail) : steps.parked(video, detail))
        .thenApply(v -> new VideoJob.Finished(video.id(), "update refused: " + detail));
  }

  /** The latest edit as the entity holds it, for the Joystream video joysync created. */
  static VideoUpdate request(VideoJob.UpdateDue due) {
    TrackedVideo video = due.video();
    return new VideoUpdate(
        video.id(),
        due.joystreamChannelId(),
        video.record().joystreamVideo().orElseThrow().id(),
        video.metadataRevision(),
        video.facts().title(),
        video.facts().description());
  }
}
