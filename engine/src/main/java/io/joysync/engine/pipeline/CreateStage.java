package io.joysync.engine.pipeline;

import io.joysync.engine.publish.CreationResult;
import io.joysync.engine.publish.VideoToCreate;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import io.joysync.engine.youtube.media.MediaFacts;
import io.joysync.joystream.content.YoutubeLicense;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a hashed video on Joystream through the publisher (a signer account that batches it
 * with others and answers at finality). Before that, a historical video reserves its bytes against
 * its channel's tier cap, and the video records {@code CreatingVideo}: from then on only the
 * publisher's answer moves it, and a repeat after a crash asks the publisher again, which knows the
 * video and never creates it twice. A publisher that does not answer in time leaves the video in
 * {@code CreatingVideo}; a refusal that asking again could cure is retried later, one that it could
 * not parks the video for good.
 */
final class CreateStage {

  /** The outcome of a historical video parked by its channel's size cap. */
  static final String HISTORICAL_CAP_REACHED = "historical cap reached";

  /** The outcome of a historical video whose channel did not answer its reservation. */
  static final String RESERVATION_FAILED = "reservation not answered";

  private static final Logger log = LoggerFactory.getLogger(CreateStage.class);

  private final VideoLog videoLog;

  /** Refusals about the video itself: asking again can never succeed. */
  private static final Set<String> VIDEO_AT_FAULT =
      Set.of(
          CreationResult.Refused.INVALID_METADATA,
          CreationResult.Refused.ASSET_SIZE,
          CreationResult.Refused.INVALID_CONTENT_ID);

  private final VideoSteps steps;
  private final LocalMediaStore store;
  private final Function<VideoToCreate, CompletionStage<CreationResult>> publisher;

  CreateStage(
      VideoSteps steps,
      LocalMediaStore store,
      Function<VideoToCreate, CompletionStage<CreationResult>> publisher,
      PipelineTracing tracing) {
    this.steps = steps;
    this.store = store;
    this.publisher = publisher;
    this.videoLog = new VideoLog(log, PipelineMeters.Stage.CREATE.tag(), tracing);
  }

  CompletionStage<VideoJob> apply(VideoJob job) {
    if (!(job instanceof VideoJob.Hashed hashed)) {
      return CompletableFuture.completedFuture(job);
    }
    TrackedVideo video = hashed.downloaded().planned().video();
    long bytes = hashed.mediaAsset().sizeBytes() + hashed.thumbnail().sizeBytes();
    if (!video.record().historical()) {
      return create(hashed, video, bytes);
    }
    return steps
        .reserveHistoricalBytes(video.channelId(), video.id(), bytes)
        .handle((channel, error) -> Optional.ofNullable(error))
        .thenCompose(
            error ->
                error.isEmpty() ? create(hashed, video, bytes) : notReserved(video, error.get()));
  }

  /**
   * The channel refused the reservation (its tier's historical size cap is reached, or it is not a
   * channel that syncs): the video is parked for the longest wait. Any other failure (the channel's
   * entity did not answer in time, as while its shard moves to another node) is transient: the
   * video is retried after the usual wait, never parked for hours.
   */
  private CompletionStage<VideoJob> notReserved(TrackedVideo video, Throwable error) {
    Throwable cause = DownloadStage.cause(error);
    if (cause instanceof StatusReply.ErrorMessage refusal) {
      return steps
          .parked(video, refusal.getMessage())
          .thenApply(v -> new VideoJob.Finished(video.id(), HISTORICAL_CAP_REACHED));
    }
    videoLog
        .warn(video)
        .log(
            "Could not reserve the bytes of historical video {} with its channel, will retry: {}",
            video.id(),
            cause.toString());
    return steps
        .failed(video, "historical bytes not reserved: " + cause)
        .thenApply(v -> new VideoJob.Finished(video.id(), RESERVATION_FAILED));
  }

  /**
   * The request is built from the video as its entity holds it once {@code CreatingVideo} is
   * recorded, so a title or description edited until then goes on chain with the creation, and one
   * edited later is due as an update.
   */
  private CompletionStage<VideoJob> create(VideoJob.Hashed hashed, TrackedVideo video, long bytes) {
    return steps
        .take(video.id(), new VideoTransition.StartCreating())
        .thenCompose(creating -> steps.video(video.id()))
        .thenCompose(now -> publisher.apply(request(hashed, now.orElse(video))))
        .thenCompose(result -> answered(hashed, video, bytes, result))
        .exceptionallyCompose(
            error -> {
              videoLog
                  .warn(video)
                  .log(
                      "Creation of video {} not confirmed yet, will ask again: {}",
                      video.id(),
                      DownloadStage.cause(error).toString());
              return steps
                  .failed(video, "creation not confirmed: " + DownloadStage.cause(error))
                  .thenApply(v -> new VideoJob.Finished(video.id(), "creation pending"));
            });
  }

  private CompletionStage<VideoJob> answered(
      VideoJob.Hashed hashed, TrackedVideo video, long bytes, CreationResult result) {
    if (result instanceof CreationResult.Created created) {
      JoystreamVideo onChain = new JoystreamVideo(created.videoId(), created.assetIds());
      videoLog
          .info(video)
          .addKeyValue("joystreamVideoId", created.videoId())
          .log(
              "Video {} created on Joystream as video {} (assets {})",
              video.id(),
              created.videoId(),
              created.assetIds());
      return steps
          .take(video.id(), new VideoTransition.Created(onChain, bytes))
          .thenApply(r -> new VideoJob.OnChain(hashed.downloaded(), onChain));
    }
    CreationResult.Refused refused = (CreationResult.Refused) result;
    String detail = refused.code() + ": " + refused.reason();
    CompletionStage<?> released =
        video.record().historical()
            ? steps.releaseHistoricalBytes(video.channelId(), video.id(), bytes)
            : CompletableFuture.completedFuture(null);
    if (VIDEO_AT_FAULT.contains(refused.code())) {
      videoLog.warn(video).log("Video {} cannot be created: {}", video.id(), detail);
      store.remove(video.id());
      return released
          .thenCompose(
              r ->
                  steps.take(
                      video.id(),
                      new VideoTransition.MarkUnavailable(UnavailableReason.SKIPPED, detail)))
          .thenApply(r -> new VideoJob.Finished(video.id(), "refused: " + detail));
    }
    videoLog.warn(video).log("Creation of video {} refused, will retry: {}", video.id(), detail);
    return released
        .thenCompose(r -> steps.take(video.id(), new VideoTransition.CreationFailed(detail)))
        .thenCompose(
            r -> refused.retryable() ? steps.failed(video, detail) : steps.parked(video, detail))
        .thenApply(v -> new VideoJob.Finished(video.id(), "creation refused: " + detail));
  }

  /** The chain's view of the video: youtube-synch's metadata, media first and thumbnail second. */
  static VideoToCreate request(VideoJob.Hashed hashed) {
    return request(hashed, hashed.downloaded().planned().video());
  }

  static VideoToCreate request(VideoJob.Hashed hashed, TrackedVideo video) {
    VideoFacts facts = video.facts();
    VideoRecord record = video.record();
    MediaFacts media = hashed.media();
    String path = hashed.downloaded().files().media().getFileName().toString();
    String extension = path.substring(path.lastIndexOf('.') + 1);
    io.joysync.joystream.content.VideoFacts metadata =
        new io.joysync.joystream.content.VideoFacts(
            video.id(),
            facts.title(),
            facts.description(),
            (int) Math.min(Integer.MAX_VALUE, record.durationSeconds()),
            media.width(),
            media.height(),
            media.videoCodec(),
            extension,
            record.languageIso().filter(l -> l.matches("[a-z]{2}")).orElse(null),
            record.category().isBlank() ? null : record.category(),
            YoutubeLicense.fromApi(facts.license().orElse(null)),
            facts.publishedAt(),
            facts.isShort().orElse(null),
            0,
            1);
    return new VideoToCreate(
        video.id(),
        hashed.downloaded().planned().joystreamChannelId(),
        metadata,
        hashed.mediaAsset(),
        hashed.thumbnail());
  }
}
