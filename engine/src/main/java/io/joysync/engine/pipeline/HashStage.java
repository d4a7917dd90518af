package io.joysync.engine.pipeline;

import io.joysync.engine.publish.AssetFacts;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.video.VideoTransition;
import io.joysync.engine.youtube.media.MediaProbe;
import io.joysync.engine.youtube.media.MediaProbeException;
import io.joysync.joystream.content.ContentIdHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes a downloaded video with ffprobe and hashes both files (BLAKE3 content ids, one pass each,
 * constant memory) for the chain to register. A file ffprobe does not see as a video is parked
 * ({@code VideoUnavailable::NotAVideo}) and removed. A video the chain already has skips this
 * stage: its record names its Joystream video.
 */
final class HashStage {

  private static final Logger log = LoggerFactory.getLogger(HashStage.class);

  private final VideoLog videoLog;

  private final VideoSteps steps;
  private final LocalMediaStore store;
  private final MediaProbe probe;
  private final Executor blocking;

  HashStage(
      VideoSteps steps,
      LocalMediaStore store,
      MediaProbe probe,
      Executor blocking,
      PipelineTracing tracing) {
    this.steps = steps;
    this.store = store;
    this.probe = probe;
    this.blocking = blocking;
    this.videoLog = new VideoLog(log, PipelineMeters.Stage.HASH.tag(), tracing);
  }

  CompletionStage<VideoJob> apply(VideoJob job) {
    if (!(job instanceof VideoJob.Downloaded downloaded)) {
      return CompletableFuture.completedFuture(job);
    }
    TrackedVideo video = downloaded.planned().video();
    Optional<JoystreamVideo> onChain = video.record().joystreamVideo();
    if (!video.state().equals(VideoState.CREATING_VIDEO)
        && !DownloadStage.notYetCreated(video.state())
        && onChain.isPresent()) {
      return CompletableFuture.completedFuture(new VideoJob.OnChain(downloaded, onChain.get()));
    }
    VideoJob.LocalFiles files = downloaded.files();
    return probe
        .probe(files.media())
        .thenCompose(
            media ->
                hash(files.media())
                    .thenCombine(
                        hash(files.thumbnail()),
                        (m, t) -> (VideoJob) new VideoJob.Hashed(downloaded, media, m, t)))
        .exceptionallyCompose(error -> failed(video, error));
  }

  private CompletionStage<AssetFacts> hash(Path file) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            ContentIdHasher.HashedContent h = ContentIdHasher.of(file);
            return new AssetFacts(h.size(), h.contentId().value());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        blocking);
  }

  private CompletionStage<VideoJob> failed(TrackedVideo video, Throwable error) {
    Throwable cause = DownloadStage.cause(error);
    if (cause instanceof MediaProbeException e && e.code().equals("MEDIA_NOT_A_VIDEO")) {
      store.remove(video.id());
      return steps
          .take(
              video.id(),
              new VideoTransition.MarkUnavailable(UnavailableReason.NOT_A_VIDEO, e.getMessage()))
          .thenApply(r -> new VideoJob.Finished(video.id(), "not a video"));
    }
    videoLog
        .warn(video)
        .log("Probing or hashing video {} failed, will retry: {}", video.id(), cause.toString());
    return steps
        .failed(video, "probe: " + cause.getMessage())
        .thenApply(v -> new VideoJob.Finished(video.id(), "probe failed"));
  }
}
