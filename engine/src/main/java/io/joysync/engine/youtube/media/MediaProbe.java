package io.joysync.engine.youtube.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Reads media facts (size in pixels, codecs, container, duration, MIME type) with the real ffprobe,
 * killed after a timeout. A file without a video stream, or that ffprobe cannot parse, is a {@link
 * MediaProbeException} ({@code MEDIA_NOT_A_VIDEO}, {@code MEDIA_PROBE_FAILED}, {@code
 * MEDIA_PROBE_TIMED_OUT}), never a guess.
 */
public final class MediaProbe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MediaProbe.class);

  private final String ffprobePath;
  private final Duration timeout;
  private final Executor blocking;

  public MediaProbe(String ffprobePath, Duration timeout, Executor blocking) {
    this.ffprobePath = ffprobePath;
    this.timeout = timeout;
    this.blocking = blocking;
  }

  public CompletionStage<MediaFacts> probe(Path file) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return run(file);
          } catch (MediaProbeException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }

  private MediaFacts run(Path file) throws MediaProbeException {
    Process process;
    Path output;
    try {
      output = Files.createTempFile("ffprobe-", ".json");
      process =
          new ProcessBuilder(
                  List.of(
                      ffprobePath,
                      "-v",
                      "error",
                      "-print_format",
                      "json",
                      "-show_format",
                      "-show_streams",
                      file.toString()))
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new MediaProbeException(
          "MEDIA_PROBE_FAILED", "ffprobe could not be started: " + e.getMessage());
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new MediaProbeException(
            "MEDIA_PROBE_TIMED_OUT",
            "ffprobe did not finish within "
                + timeout.toMillis()
                + " ms for "
                + file.getFileName());
      }
      if (process.exitValue() != 0) {
        throw new MediaProbeException(
            "MEDIA_NOT_A_VIDEO", file.getFileName() + " is not a media file ffprobe can read");
      }
      return facts(JSON.readTree(output.toFile()), Files.size(file), file);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new MediaProbeException("MEDIA_PROBE_FAILED", "interrupted");
    } catch (IOException e) {
      throw new MediaProbeException(
          "MEDIA_PROBE_FAILED", "ffprobe output unreadable: " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        // temporary file in the system temp directory
      }
    }
  }

  static MediaFacts facts(JsonNode root, long size, Path file) throws MediaProbeException {
    JsonNode video = null;
    JsonNode audio = null;
    for (JsonNode stream : root.path("streams")) {
      String type = stream.path("codec_type").asText();
      if (type.equals("video")
          && video == null
          && !stream.path("disposition").path("attached_pic").asBoolean()) {
        video = stream;
      } else if (type.equals("audio") && audio == null) {
        audio = stream;
      }
    }
    if (video == null) {
      throw new MediaProbeException(
          "MEDIA_NOT_A_VIDEO", file.getFileName() + " has no video stream");
    }
    String container = root.path("format").path("format_name").asText("");
    double duration =
        root.path("format").path("duration").asDouble(video.path("duration").asDouble(0));
    String codec = video.path("codec_name").asText("");
    return new MediaFacts(
        video.path("width").asInt(),
        video.path("height").asInt(),
        codec,
        audio == null ? null : audio.path("codec_name").asText(),
        container,
        duration,
        mime(container, codec),
        size);
  }

  static String mime(String formatName, String videoCodec) {
    if (formatName.contains("mp4") || formatName.contains("mov")) {
      return "video/mp4";
    }
    if (formatName.contains("webm") || formatName.contains("matroska")) {
      return List.of("vp8", "vp9", "av1").contains(videoCodec) ? "video/webm" : "video/x-matroska";
    }
    if (formatName.contains("flv")) {
      return "video/x-flv";
    }
    if (formatName.contains("mpegts")) {
      return "video/mp2t";
    }
    return "application/octet-stream";
  }
}
