package io.joysync.app.cli;

import com.typesafe.config.Config;
import io.joysync.app.NodeConfig;
import io.joysync.engine.youtube.YoutubeSettings;
import io.joysync.engine.youtube.download.DownloadException;
import io.joysync.engine.youtube.download.DownloadSettings;
import io.joysync.engine.youtube.download.DownloadedVideo;
import io.joysync.engine.youtube.download.YtDlpDownloader;
import io.joysync.engine.youtube.media.MediaFacts;
import io.joysync.engine.youtube.media.MediaProbe;
import io.joysync.joystream.content.ContentIdHasher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code joysync videos test-download <id or URL>}: what the pipeline would download for a video,
 * on this machine (youtube-synch's {@code downloadVideo}): the real yt-dlp with the node's download
 * settings, then ffprobe and the content id the chain would register. The files go to a temporary
 * folder and are removed unless {@code --keep} is given. Exit codes: 0 downloaded, 1 error, 20 the
 * video cannot be downloaded (its {@code VideoUnavailable} reason or the retryable failure is
 * printed), 40 invalid input.
 */
@Command(
    name = "test-download",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    description = "Download one video as the pipeline would, probe and hash it, and report.")
final class VideosTestDownload implements java.util.concurrent.Callable<Integer> {

  static final int DOWNLOAD_FAILED = 20;
  private static final Pattern ID =
      Pattern.compile("(?:^|[?&]v=|youtu\\.be/|/shorts/)([A-Za-z0-9_-]{11})(?:$|[&?#/])");

  @Parameters(paramLabel = "VIDEO", description = "A YouTube video id or watch URL.")
  String video;

  @Option(names = "--keep", description = "Keep the downloaded file and print where it is.")
  boolean keep;

  @Option(
      names = "--config",
      description = "Node configuration file or resource (default: application.conf).")
  String configName;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<String> id = videoId(video);
    if (id.isEmpty()) {
      err.println("Not a YouTube video id or watch URL: " + video);
      return ChannelsCommand.INVALID_INPUT;
    }
    Config config = NodeConfig.load(configName, Map.of());
    YoutubeSettings youtube = YoutubeSettings.fromConfig(config);
    Path dir = Files.createTempDirectory("joysync-test-download-");
    DownloadSettings d = youtube.download();
    DownloadSettings here =
        new DownloadSettings(
            d.ytDlpPath(),
            dir,
            d.maxHeight(),
            d.maxFileSizeBytes(),
            d.maxDuration(),
            d.timeout(),
            java.time.Duration.ZERO,
            java.time.Duration.ZERO);
    ExecutorService blocking = Executors.newFixedThreadPool(2);
    try {
      String url = youtube.api().endpoints().watchUrl(id.get());
      out.println("Downloading " + url);
      out.println(
          "  "
              + String.join(
                  " ",
                  new YtDlpDownloader(here, blocking).command(id.get(), url, Optional.empty())));
      out.flush();
      DownloadedVideo file =
          new YtDlpDownloader(here, blocking)
              .download(id.get(), url, Optional.empty(), progress -> {})
              .toCompletableFuture()
              .join();
      MediaFacts media = probe(youtube, blocking, file.file());
      ContentIdHasher.HashedContent hashed = ContentIdHasher.of(file.file());
      out.printf("Downloaded %s: %d bytes (%s)%n", id.get(), file.sizeBytes(), file.extension());
      out.printf(
          "  %dx%d %s, %.1f s, audio %s%n",
          media.width(),
          media.height(),
          media.videoCodec(),
          media.durationSeconds(),
          media.hasAudio() ? media.audioCodec() : "none");
      out.println("  content id " + hashed.contentId().value());
      if (keep) {
        out.println("  kept at " + file.file());
      }
      return ChannelsCommand.OK;
    } catch (CompletionException e) {
      if (e.getCause() instanceof DownloadException failure) {
        err.println(
            "Cannot download "
                + id.get()
                + ": "
                + failure.failure().state()
                + " ("
                + failure.failure().detail()
                + ")");
        return DOWNLOAD_FAILED;
      }
      err.println("Download of " + id.get() + " failed: " + e.getCause());
      return ChannelsCommand.ERROR;
    } finally {
      blocking.shutdownNow();
      if (!keep) {
        deleteAll(dir);
      }
    }
  }

  private static MediaFacts probe(YoutubeSettings youtube, Executor blocking, Path file) {
    return new MediaProbe(youtube.ffprobePath(), youtube.probeTimeout(), blocking)
        .probe(file)
        .toCompletableFuture()
        .join();
  }

  /** The 11-character id of a bare id or a watch, short or youtu.be URL. */
  static Optional<String> videoId(String text) {
    String t = text.strip();
    if (t.matches("[A-Za-z0-9_-]{11}")) {
      return Optional.of(t);
    }
    Matcher m = ID.matcher(t + "#");
    return t.contains("youtu") && m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static void deleteAll(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
