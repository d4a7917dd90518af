package io.joysync.engine.youtube.download;

import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.youtube.download.DownloadFailure.VideoUnavailable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one video with the real yt-dlp: format selection capped at the configured height with
 * audio guaranteed, {@code --max-filesize} and a duration filter, one attempt ({@code --retries 0};
 * retries are the pipeline's decision), through the proxy bound to this download if any.
 *
 * <p>Guarantees: the yt-dlp process and all of its children are killed when the timeout expires;
 * progress is parsed from yt-dlp's own output and handed to the caller; every failure becomes a
 * {@link DownloadException} with a classified {@link DownloadFailure}, and leaves no file of that
 * video behind. A random pause within the pacing bounds precedes each download.
 */
public final class YtDlpDownloader {

  private static final Logger log = LoggerFactory.getLogger(YtDlpDownloader.class);
  private static final String PROGRESS = "joysync-progress ";
  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_ERROR_CHARS = 16 * 1024;

  private final DownloadSettings settings;
  private final Executor blocking;

  public YtDlpDownloader(DownloadSettings settings, Executor blocking) {
    this.settings = settings;
    this.blocking = blocking;
  }

  /** The yt-dlp command line for one download (exposed so operators can reproduce it by hand). */
  public List<String> command(String videoId, String url, Optional<String> proxyUrl) {
    List<String> cmd = new ArrayList<>();
    cmd.add(settings.ytDlpPath());
    cmd.add(url);
    cmd.addAll(
        List.of("--no-warnings", "--abort-on-error", "--no-playlist", "--no-part", "--print-json"));
    cmd.addAll(
        List.of(
            "--newline",
            "--progress",
            "--progress-template",
            "download:"
                + PROGRESS
                + "%(progress.downloaded_bytes)s %(progress.total_bytes)s %(progress.total_bytes_estimate)s"));
    cmd.addAll(List.of("--format", settings.formatSelector(), "--merge-output-format", "mp4"));
    cmd.addAll(
        List.of("--output", settings.downloadsDir().resolve(videoId + ".%(ext)s").toString()));
    cmd.addAll(List.of("--retries", "0", "--force-ipv4", "--buffer-size", "64K", "--no-cache-dir"));
    cmd.addAll(List.of("--match-filter", "duration <=? " + settings.maxDuration().toSeconds()));
    settings
        .maxFileSizeBytes()
        .ifPresent(max -> cmd.addAll(List.of("--max-filesize", Long.toString(max))));
    proxyUrl.ifPresent(proxy -> cmd.addAll(List.of("--proxy", proxy)));
    return cmd;
  }

  public CompletionStage<DownloadedVideo> download(
      String videoId, String url, Optional<String> proxyUrl, Consumer<DownloadProgress> progress) {
    if (!VIDEO_ID.matcher(videoId).matches()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("not a video id: " + videoId));
    }
    long pacing = randomPacingMillis();
    Executor paced =
        pacing == 0
            ? blocking
            : CompletableFuture.delayedExecutor(pacing, TimeUnit.MILLISECONDS, blocking);
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return run(videoId, url, proxyUrl, progress);
          } catch (DownloadException e) {
            deleteFilesOf(videoId);
            log.info("download of video {} failed: {}", videoId, e.getMessage());
            throw new CompletionException(e);
          }
        },
        paced);
  }

  private long randomPacingMillis() {
    long min = settings.pacingMin().toMillis();
    long max = settings.pacingMax().toMillis();
    return max <= min ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
  }

  private DownloadedVideo run(
      String videoId, String url, Optional<String> proxyUrl, Consumer<DownloadProgress> progress)
      throws DownloadException {
    Process process;
    try {
      Files.createDirectories(settings.downloadsDir());
      process = new ProcessBuilder(command(videoId, url, proxyUrl)).start();
    } catch (IOException e) {
      throw new DownloadException(
          videoId,
          new DownloadFailure.Retryable(
              DownloadFailure.RetryReason.UNKNOWN,
              "yt-dlp could not be started: " + e.getMessage()));
    }
    StringBuilder errors = new StringBuilder();
    Thread stderr = drain(process, errors);
    Thread stdout = readProgress(process, videoId, progress);
    try {
      if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
        throw new DownloadException(
            videoId,
            new VideoUnavailable(
                UnavailableReason.DOWNLOAD_TIMED_OUT,
                "Download timed-out after "
                    + settings.timeout().toSeconds()
                    + " s; yt-dlp was killed"));
      }
      stdout.join(5_000);
      stderr.join(5_000);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new DownloadException(
          videoId,
          new DownloadFailure.Retryable(DownloadFailure.RetryReason.UNKNOWN, "interrupted"));
    }
    String errorText;
    synchronized (errors) {
      errorText = errors.toString();
    }
    if (process.exitValue() != 0) {
      throw new DownloadException(videoId, DownloadErrorClassifier.classify(errorText));
    }
    return finishedFile(videoId, errorText);
  }

  private DownloadedVideo finishedFile(String videoId, String errorText) throws DownloadException {
    Optional<Path> file = filesOf(videoId).stream().findFirst();
    if (file.isEmpty()) {
      DownloadFailure failure = DownloadErrorClassifier.classify(errorText);
      if (failure instanceof DownloadFailure.Retryable) {
        failure =
            new VideoUnavailable(
                UnavailableReason.SKIPPED, "yt-dlp produced no file (duration or size filter)");
      }
      throw new DownloadException(videoId, failure);
    }
    try {
      long size = Files.size(file.get());
      if (size == 0) {
        throw new DownloadException(
            videoId,
            new VideoUnavailable(UnavailableReason.EMPTY_DOWNLOAD, "The downloaded file is empty"));
      }
      if (settings.maxFileSizeBytes().isPresent()
          && size > settings.maxFileSizeBytes().getAsLong()) {
        throw new DownloadException(
            videoId,
            new VideoUnavailable(
                UnavailableReason.SKIPPED, "file of " + size + " bytes is over the size limit"));
      }
      String name = file.get().getFileName().toString();
      return new DownloadedVideo(
          videoId, file.get(), size, name.substring(name.lastIndexOf('.') + 1));
    } catch (IOException e) {
      throw new DownloadException(
          videoId,
          new DownloadFailure.Retryable(
              DownloadFailure.RetryReason.UNKNOWN,
              "cannot read the downloaded file: " + e.getMessage()));
    }
  }

  /** Kills yt-dlp and everything it started (ffmpeg for merging), children first. */
  static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Thread readProgress(
      Process process, String videoId, Consumer<DownloadProgress> progress) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith(PROGRESS)) {
                    parseProgress(videoId, line.substring(PROGRESS.length())).ifPresent(progress);
                  }
                }
              } catch (IOException e) {
                // the process ended or was killed
              }
            },
            "yt-dlp-out-" + videoId);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  static Optional<DownloadProgress> parseProgress(String videoId, String fields) {
    String[] parts = fields.trim().split("\\s+");
    if (parts.length < 1) {
      return Optional.empty();
    }
    try {
      long downloaded = (long) Double.parseDouble(parts[0]);
      OptionalLong total = OptionalLong.empty();
      for (int i = 1; i < parts.length && total.isEmpty(); i++) {
        if (!parts[i].equals("NA") && !parts[i].equals("None")) {
          total = OptionalLong.of((long) Double.parseDouble(parts[i]));
        }
      }
      return Optional.of(new DownloadProgress(videoId, downloaded, total));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Thread drain(Process process, StringBuilder errors) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                  synchronized (errors) {
                    if (errors.length() < MAX_ERROR_CHARS) {
                      errors.append(line).append('\n');
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended or was killed
              }
            },
            "yt-dlp-err");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private List<Path> filesOf(String videoId) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(settings.downloadsDir())) {
      return files;
    }
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(settings.downloadsDir(), videoId + ".*")) {
      dir.forEach(files::add);
    } catch (IOException e) {
      log.warn("cannot list {}: {}", settings.downloadsDir(), e.toString());
    }
    return files;
  }

  /** Deletes every file of the video (partial downloads, fragments, merged output). */
  public void deleteFilesOf(String videoId) {
    for (Path p : filesOf(videoId)) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        log.warn("cannot delete {}: {}", p, e.toString());
      }
    }
  }
}
