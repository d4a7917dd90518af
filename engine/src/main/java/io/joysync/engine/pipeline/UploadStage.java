package io.joysync.engine.pipeline;

import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoTransition;
import io.joysync.joystream.colossus.StorageBagId;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionDataObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a created video's files on a storage node of its channel's bag and waits until the objects
 * are accepted, then records {@code UploadSucceeded} and removes the local files. A video deleted
 * on Joystream meanwhile becomes {@code VideoUnavailable::Deleted}; a file the node rejects for
 * good (hash, size, not in the bag) {@code VideoUnavailable::Other}; anything else is {@code
 * UploadFailed}, retried later with the files kept.
 */
final class UploadStage {

  /** The outcome of a video whose files the storage node accepted: the end of its sync. */
  static final String UPLOADED = "uploaded";

  private static final Logger log = LoggerFactory.getLogger(UploadStage.class);

  private final VideoLog videoLog;

  private final VideoSteps steps;
  private final LocalMediaStore store;
  private final ChainConnection chain;
  private final OrionClient orion;
  private final StorageUpload storage;
  private final PipelineSettings settings;

  UploadStage(
      VideoSteps steps,
      LocalMediaStore store,
      ChainConnection chain,
      OrionClient orion,
      StorageUpload storage,
      PipelineSettings settings,
      PipelineTracing tracing) {
    this.steps = steps;
    this.store = store;
    this.chain = chain;
    this.orion = orion;
    this.storage = storage;
    this.settings = settings;
    this.videoLog = new VideoLog(log, PipelineMeters.Stage.UPLOAD.tag(), tracing);
  }

  CompletionStage<VideoJob> apply(VideoJob job) {
    if (!(job instanceof VideoJob.OnChain onChain)) {
      return CompletableFuture.completedFuture(job);
    }
    TrackedVideo video = onChain.downloaded().planned().video();
    JoystreamVideo joystream = onChain.video();
    return chain
        .chainState()
        .thenCompose(state -> state.videoExists(joystream.id(), null))
        .thenCompose(
            exists ->
                exists
                    ? upload(onChain, video, joystream)
                    : finish(
                        video,
                        new VideoTransition.MarkUnavailable(
                            UnavailableReason.DELETED,
                            "video " + joystream.id() + " was deleted on Joystream"),
                        "deleted on Joystream"));
  }

  private CompletionStage<VideoJob> upload(
      VideoJob.OnChain onChain, TrackedVideo video, JoystreamVideo joystream) {
    StorageBagId bag = StorageBagId.channel(onChain.downloaded().planned().joystreamChannelId());
    VideoJob.LocalFiles files = onChain.downloaded().files();
    List<Long> assets = joystream.assetIds();
    return steps
        .take(video.id(), new VideoTransition.StartUpload())
        .thenCompose(started -> storage.store(bag, assets.get(0), files.media()))
        .thenCompose(
            media ->
                media.ok() ? storage.store(bag, assets.get(1), files.thumbnail()) : done(media))
        .thenCompose(
            stored -> {
              if (stored.ok()) {
                return accepted(assets, settings.uploadRounds() * 5)
                    .thenCompose(
                        accepted ->
                            accepted
                                ? finish(video, new VideoTransition.Uploaded(), UPLOADED)
                                : retryLater(video, "the storage node has not accepted it yet"));
              }
              if (stored.permanent()) {
                return finish(
                    video,
                    new VideoTransition.MarkUnavailable(UnavailableReason.OTHER, stored.detail()),
                    "rejected by the storage node: " + stored.detail());
              }
              return retryLater(video, stored.detail());
            });
  }

  private static CompletionStage<StorageUpload.Result> done(StorageUpload.Result r) {
    return CompletableFuture.completedFuture(r);
  }

  /** Whether both data objects are accepted, asking Orion up to {@code checks} times. */
  private CompletionStage<Boolean> accepted(List<Long> assets, int checks) {
    return orion
        .dataObjectsByIds(assets)
        .handle(
            (objects, error) ->
                error == null
                    && objects.size() == assets.size()
                    && objects.stream().allMatch(OrionDataObject::accepted))
        .thenCompose(
            yes ->
                yes || checks <= 1
                    ? CompletableFuture.completedFuture(yes)
                    : CompletableFuture.supplyAsync(
                            () -> null,
                            CompletableFuture.delayedExecutor(
                                settings.uploadRoundPause().toMillis() / 3 + 1,
                                TimeUnit.MILLISECONDS))
                        .thenCompose(x -> accepted(assets, checks - 1)));
  }

  private CompletionStage<VideoJob> finish(
      TrackedVideo video, VideoTransition step, String outcome) {
    return steps
        .take(video.id(), step)
        .thenApply(
            r -> {
              store.remove(video.id());
              videoLog.info(video).log("Video {}: {}", video.id(), outcome);
              return new VideoJob.Finished(video.id(), outcome);
            });
  }

  private CompletionStage<VideoJob> retryLater(TrackedVideo video, String detail) {
    videoLog.warn(video).log("Upload of video {} failed, will retry: {}", video.id(), detail);
    return steps
        .take(video.id(), new VideoTransition.UploadFailed(detail))
        .thenCompose(r -> steps.failed(video, "upload: " + detail))
        .thenApply(v -> new VideoJob.Finished(video.id(), "upload failed: " + detail));
  }
}
