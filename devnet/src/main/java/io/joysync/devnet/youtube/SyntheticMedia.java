package io.joysync.devnet.youtube;

import io.joysync.devnet.youtube.YoutubeDevnetSettings.MediaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders the devnet's media with the real ffmpeg at start-up into a temporary directory: H.264 +
 * AAC mp4 clips (a test pattern and a tone, one frequency per clip so that every clip hashes
 * differently) and one JPEG thumbnail. Nothing of it is stored in the repository; {@link
 * #deleteAll} removes the directory when the devnet closes.
 */
final class SyntheticMedia {

  private static final long FFMPEG_TIMEOUT_SECONDS = 60;

  private SyntheticMedia() {}

  static MediaCatalog render(MediaSettings settings, Path dir) throws IOException {
    List<Path> clips = new ArrayList<>();
    for (int i = 0; i < settings.clipCount(); i++) {
      Path out = dir.resolve("clip-" + i + ".mp4");
      String seconds = String.format(Locale.ROOT, "%.3f", settings.clipSeconds());
      String size = settings.width() + "x" + settings.height();
      run(
          List.of(
              "ffmpeg",
              "-hide_banner",
              "-loglevel",
              "error",
              "-y",
              "-f",
              "lavfi",
              "-i",
              "testsrc=size=" + size + ":rate=" + settings.fps() + ":duration=" + seconds,
              "-f",
              "lavfi",
              "-i",
              "sine=frequency=" + (330 + 110 * i) + ":duration=" + seconds,
              "-c:v",
              "libx264",
              "-preset",
              "ultrafast",
              "-pix_fmt",
              "yuv420p",
              "-c:a",
              "aac",
              "-b:a",
              "48k",
              "-shortest",
              "-movflags",
              "+faststart",
              out.toString()));
      clips.add(out);
    }
    Path thumbnail = dir.resolve("thumbnail.jpg");
    run(
        List.of(
            "ffmpeg",
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x180:rate=1:duration=1",
            "-frames:v",
            "1",
            thumbnail.toString()));
    return new MediaCatalog(clips, thumbnail);
  }

  static void deleteAll(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the directory is in the system temp area; a leftover is harmless
    }
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      boolean done = process.waitFor(FFMPEG_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        process.destroyForcibly();
        throw new IOException("ffmpeg did not finish within " + FFMPEG_TIMEOUT_SECONDS + " s");
      }
      String output = new String(process.getInputStream().readAllBytes());
      if (process.exitValue() != 0) {
        throw new IOException("ffmpeg failed (" + process.exitValue() + "): " + output.strip());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while rendering devnet media", e);
    }
  }
}
