package io.joysync.engine.pipeline;

import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.video.VideoTransition;
import io.joysync.engine.youtube.YoutubeEndpoints;
import io.joysync.engine.youtube.download.DownloadException;
import io.joysync.engine.youtube.download.DownloadFailure;
import io.joysync.engine.youtube.download.ProxyPool;
import io.joysync.engine.youtube.download.ThumbnailDownloader;
import io.joysync.engine.youtube.download.YtDlpDownloader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a video's media and thumbnail to the local disk. A video not yet created is downloaded
 * afresh (what an earlier run left may be partial); one already created reuses its files, which
 * hold exactly what the chain registered, and is downloaded again only if they are gone. No
 * download starts without room in the disk budget for its expected size: the video goes back to the
 * work index and is taken up again once uploads have made room. A download that can never succeed
 * parks the video in {@code VideoUnavailable::<reason>}; any other failure is counted and retried
 * later, and a proxy that met a rate limit or the bot wall is quarantined.
 */
final class DownloadStage {

  /** The outcome of a video put off because the disk budget has no room for it now. */
  static final String WAITING_FOR_ROOM = "waiting for room on the disk";

  private static final Logger log = LoggerFactory.getLogger(DownloadStage.class);

  private final VideoLog videoLog;
  private static final List<String> THUMBNAIL_SIZES =
      List.of("medium", "high", "standard", "default");

  private final VideoSteps steps;
  private final LocalMediaStore store;
  private final DiskBudget budget;
  private final YtDlpDownloader downloader;
  private final ThumbnailDownloader thumbnails;
  private final ProxyPool proxies;
  private final YoutubeEndpoints endpoints;
  private final PipelineSettings settings;
  private final Duration proxyWait;

  DownloadStage(
      VideoSteps steps,
      LocalMediaStore store,
      DiskBudget budget,
      YtDlpDownloader downloader,
      ThumbnailDownloader thumbnails,
      ProxyPool proxies,
      YoutubeEndpoints endpoints,
      PipelineSettings settings,
      Duration proxyWait,
      PipelineTracing tracing) {
    this.steps = steps;
    this.store = store;
    this.budget = budget;
    this.downloader = downloader;
    this.thumbnails = thumbnails;
    this.proxies = proxies;
    this.endpoints = endpoints;
    this.settings = settings;
    this.proxyWait = proxyWait;
    this.videoLog = new VideoLog(log, PipelineMeters.Stage.DOWNLOAD.tag(), tracing);
  }

  CompletionStage<VideoJob> apply(VideoJob job) {
    if (!(job instanceof VideoJob.Planned planned)) {
      return CompletableFuture.completedFuture(job);
    }
    TrackedVideo video = planned.video();
    boolean created = !notYetCreated(video.state());
    if (created) {
      Optional<VideoJob.LocalFiles> files = store.existing(video.id());
      if (files.isPresent()) {
        return CompletableFuture.completedFuture(new VideoJob.Downloaded(planned, files.get()));
      }
    }
    store.remove(video.id());
    Optional<String> thumbnailUrl = thumbnailUrl(video);
    if (thumbnailUrl.isEmpty()) {
      return steps
          .failed(video, "YouTube listed no thumbnail for the video")
          .thenApply(v -> new VideoJob.Finished(video.id(), "no thumbnail"));
    }
    long expected = settings.expectedBytes(video.record().durationSeconds());
    if (!budget.tryReserve(expected)) {
      return CompletableFuture.completedFuture(new VideoJob.Finished(video.id(), WAITING_FOR_ROOM));
    }
    store.hold(video.id(), expected);
    return download(planned, thumbnailUrl.get())
        .handle(
            (downloaded, error) ->
                error == null
                    ? CompletableFuture.<VideoJob>completedFuture(downloaded)
                    : failed(video, error))
        .thenCompose(next -> next);
  }

  /** States in which the chain has not (for sure) registered the video's files yet. */
  static boolean notYetCreated(VideoState state) {
    return state.equals(VideoState.NEW) || state.equals(VideoState.VIDEO_CREATION_FAILED);
  }

  private CompletionStage<VideoJob> download(VideoJob.Planned planned, String thumbnailUrl) {
    String id = planned.videoId();
    return proxies
        .acquire(id, proxyWait)
        .thenCompose(
            lease ->
                downloader
                    .download(id, endpoints.watchUrl(id), lease.proxyUrl(), progress -> {})
                    .thenCompose(
                        media ->
                            thumbnails
                                .download(
                                    id, thumbnailUrl, store.thumbnailPath(id), lease.proxyUrl())
                                .thenApply(
                                    thumb -> new VideoJob.LocalFiles(media.file(), thumb, 0)))
                    .whenComplete((files, error) -> endLease(lease, error)))
        .thenApply(
            files -> {
              store.settle(id, files);
              videoLog
                  .info(planned.video())
                  .log("Video {} downloaded ({} bytes)", id, files.media().toFile().length());
              return new VideoJob.Downloaded(planned, store.existing(id).orElse(files));
            });
  }

  private static void endLease(ProxyPool.Lease lease, Throwable error) {
    if (cause(error) instanceof DownloadException e
        && e.failure() instanceof DownloadFailure.Retryable r
        && r.blamesProxy()) {
      lease.reportBlocked();
    } else {
      lease.release();
    }
  }

  private CompletionStage<VideoJob> failed(TrackedVideo video, Throwable error) {
    store.remove(video.id());
    Throwable cause = cause(error);
    if (cause instanceof DownloadException e
        && e.failure() instanceof DownloadFailure.VideoUnavailable gone) {
      videoLog.info(video).log("Video {} is unavailable for good: {}", video.id(), gone.state());
      return steps
          .take(video.id(), new VideoTransition.MarkUnavailable(gone.reason(), gone.detail()))
          .thenApply(r -> new VideoJob.Finished(video.id(), gone.state()));
    }
    String detail =
        cause instanceof DownloadException e ? e.failure().detail() : String.valueOf(cause);
    videoLog.warn(video).log("Download of video {} failed, will retry: {}", video.id(), detail);
    return steps
        .failed(video, "download: " + detail)
        .thenApply(v -> new VideoJob.Finished(video.id(), "download failed: " + detail));
  }

  private static Optional<String> thumbnailUrl(TrackedVideo video) {
    return THUMBNAIL_SIZES.stream()
        .map(size -> video.facts().thumbnails().get(size))
        .filter(url -> url != null && !url.isBlank())
        .findFirst();
  }

  static Throwable cause(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
