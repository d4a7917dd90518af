package io.joysync.engine.pipeline;

import io.joysync.engine.publish.CreationResult;
import io.joysync.engine.publish.VideoUpdate;
import io.joysync.engine.video.TrackedVideo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a Joystream video up to date with the title and description its creator edited on YouTube:
 * asks the publisher to put the latest edit on chain ({@code content.update_video}, signed by an
 * account that may update the channel's videos, answered at finality), then records on the video's
 * entity which edit is on chain. The account never signs the same edit of a video twice, so asking
 * again after a crash (the entity does not know yet) costs no second extrinsic; an edit made while
 * this one was on its way is due next.
 *
 * <p>An update that can never apply ends: a refusal that asking again cannot cure (the video gone
 * from the chain, the chain's permanent error, no account allowed to update the channel) is given
 * up at once, with the chain's reason recorded on the video; a failure that asking again could cure
 * (no answer, a retryable refusal) is retried with exponential backoff, and given up after {@code
 * maxAttempts} attempts. A given-up edit is never asked for again; a later edit is.
 */
final class UpdateStage {
  static final String UPDATED = "updated";
  static final String GIVEN_UP = "update given up";

  private static final Logger log = LoggerFactory.getLogger(UpdateStage.class);

  private final VideoLog videoLog;

  private final VideoSteps steps;
  private final Function<VideoUpdate, CompletionStage<CreationResult>> publisher;
  private final int maxAttempts;
  private final Consumer<Boolean> givenUp;

  /**
   * @param givenUp told of each update given up: {@code true} when the chain refused it for good,
   *     {@code false} when it failed {@code maxAttempts} times
   */
  UpdateStage(
      VideoSteps steps,
      Function<VideoUpdate, CompletionStage<CreationResult>> publisher,
      int maxAttempts,
      Consumer<Boolean> givenUp,
      PipelineTracing tracing) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be positive, was " + maxAttempts);
    }
    this.steps = steps;
    this.publisher = publisher;
    this.maxAttempts = maxAttempts;
    this.givenUp = givenUp;
    this.videoLog = new VideoLog(log, PipelineMeters.Stage.UPDATE.tag(), tracing);
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
            error ->
                transientFailure(
                    video, update, "update not confirmed: " + DownloadStage.cause(error)));
  }

  private CompletionStage<VideoJob> answered(
      TrackedVideo video, VideoUpdate update, CreationResult result) {
    if (result instanceof CreationResult.Updated updated) {
      videoLog
          .info(video)
          .log(
              "Video {} updated on Joystream (video {}, edit {}, block {})",
              video.id(),
              updated.videoId(),
              updated.revision(),
              updated.blockNumber());
      return steps
          .metadataUpdated(video.id(), update.revision(), updated.blockNumber())
          .thenApply(v -> new VideoJob.Finished(video.id(), UPDATED));
    }
    if (result instanceof CreationResult.Refused r && r.retryable()) {
      return transientFailure(video, update, r.code() + ": " + r.reason());
    }
    String reason =
        result instanceof CreationResult.Refused r
            ? r.code() + ": " + r.reason()
            : "unexpected answer " + result;
    videoLog
        .warn(video)
        .log(
            "Metadata update given up: video {} (Joystream video {}, edit {}) refused for good: {}",
            video.id(),
            update.joystreamVideoId(),
            update.revision(),
            reason);
    return giveUp(video, update, reason, true, video.failedAttempts() + 1);
  }

  /** A failure that asking again could cure: retried with backoff, up to {@code maxAttempts}. */
  private CompletionStage<VideoJob> transientFailure(
      TrackedVideo video, VideoUpdate update, String detail) {
    int attempt = video.failedAttempts() + 1;
    if (attempt >= maxAttempts) {
      videoLog
          .error(video)
          .log(
              "Metadata update given up: video {} (Joystream video {}, edit {}) failed {} times: {}",
              video.id(),
              update.joystreamVideoId(),
              update.revision(),
              attempt,
              detail);
      return giveUp(video, update, detail, false, attempt);
    }
    videoLog
        .warn(video)
        .log(
            "Update of video {} (edit {}) failed (attempt {} of {}), will retry: {}",
            video.id(),
            update.revision(),
            attempt,
            maxAttempts,
            detail);
    return steps
        .failed(video, detail)
        .thenApply(v -> new VideoJob.Finished(video.id(), "update pending: " + detail));
  }

  private CompletionStage<VideoJob> giveUp(
      TrackedVideo video, VideoUpdate update, String reason, boolean permanent, int attempts) {
    givenUp.accept(permanent);
    return steps
        .metadataUpdateGivenUp(video.id(), update.revision(), reason, permanent, attempts)
        .thenApply(v -> new VideoJob.Finished(video.id(), GIVEN_UP + ": " + reason));
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
