package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.VideoKind;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code joysync videos test-download} against the YouTube devnet with the real yt-dlp and ffprobe:
 * a public video is downloaded, probed and hashed; one that can never be downloaded answers its
 * reason; bad input is refused; nothing is left on disk.
 */
class VideosCliTest {

  @TempDir static Path dir;
  private static YoutubeDevnet.Running youtube;
  private static Path config;

  @BeforeAll
  static void start() throws Exception {
    youtube = YoutubeDevnet.start(YoutubeDevnetSettings.defaults().withPort(0));
    config = dir.resolve("devnet.conf");
    Files.writeString(config, "joysync.youtube.devnet-base-url = \"" + youtube.baseUrl() + "\"\n");
  }

  @AfterAll
  static void stop() {
    if (youtube != null) {
      youtube.close();
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String videoOf(VideoKind kind) {
    return DevnetSeed.standard().creators().get(0).channel().videos().stream()
        .filter(v -> v.kind() == kind)
        .findFirst()
        .orElseThrow()
        .videoId();
  }

  private static long downloadFolders() throws Exception {
    try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("joysync-test-download-"))
          .count();
    }
  }

  @Test
  void aPublicVideoIsDownloadedProbedAndHashedAndNothingIsLeft() throws Exception {
    String id = videoOf(VideoKind.PUBLIC);
    long before = downloadFolders();
    Run r =
        run(
            "videos",
            "test-download",
            "https://www.youtube.com/watch?v=" + id,
            "--config",
            config.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Downloaded " + id).contains("content id gW").contains("160x120");
    assertThat(downloadFolders()).isEqualTo(before);
  }

  @Test
  void aVideoThatCanNeverBeDownloadedAnswersItsReasonAndBadInputIsRefused() {
    Run geo =
        run(
            "videos",
            "test-download",
            videoOf(VideoKind.GEO_BLOCKED),
            "--config",
            config.toString());
    assertThat(geo.exit()).isEqualTo(20);
    assertThat(geo.err()).contains("VideoUnavailable::GeoBlocked");

    Run bad = run("videos", "test-download", "not a video", "--config", config.toString());
    assertThat(bad.exit()).isEqualTo(40);
    assertThat(bad.err()).contains("Not a YouTube video id or watch URL");
  }
}
