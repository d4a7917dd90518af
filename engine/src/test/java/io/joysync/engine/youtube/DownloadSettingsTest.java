package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.engine.youtube.download.DownloadSettings;
import io.joysync.engine.youtube.download.YtDlpDownloader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class DownloadSettingsTest {

  static DownloadSettings settings(OptionalLong maxBytes) {
    return new DownloadSettings(
        "yt-dlp",
        Path.of("dl"),
        1080,
        maxBytes,
        Duration.ofHours(3),
        Duration.ofHours(3),
        Duration.ZERO,
        Duration.ofSeconds(30));
  }

  @Test
  void formatsAreCappedAt1080pWithAudioAndTheSizeLimit() {
    assertThat(settings(OptionalLong.of(2_000_000_000L)).formatSelector())
        .isEqualTo(
            "bv*[height<=?1080][filesize<=?2000000000][ext=mp4]+ba[ext=m4a]"
                + "/bv*[height<=?1080][filesize<=?2000000000][ext=webm]+ba[ext=webm]"
                + "/b[height<=?1080][filesize<=?2000000000]");
  }

  @Test
  void theCommandBindsTheProxyAndTheLimitsAndNeverRetries() {
    List<String> cmd =
        new YtDlpDownloader(settings(OptionalLong.of(5_000)), ForkJoinPool.commonPool())
            .command(
                "abcdefghijk",
                "https://www.youtube.com/watch?v=abcdefghijk",
                Optional.of("socks5://10.0.0.1:1080"));
    assertThat(String.join(" ", cmd))
        .contains(
            "--proxy socks5://10.0.0.1:1080",
            "--max-filesize 5000",
            "--retries 0",
            "--match-filter duration <=? 10800",
            "--no-playlist")
        .contains(Path.of("dl").resolve("abcdefghijk.%(ext)s").toString());
    assertThat(
            String.join(
                " ",
                new YtDlpDownloader(settings(OptionalLong.empty()), ForkJoinPool.commonPool())
                    .command("abcdefghijk", "u", Optional.empty())))
        .doesNotContain("--proxy", "--max-filesize");
  }

  @Test
  void nonsenseLimitsAreRefused() {
    assertThatThrownBy(
            () ->
                new DownloadSettings(
                    "yt-dlp",
                    Path.of("d"),
                    100,
                    OptionalLong.empty(),
                    Duration.ofHours(1),
                    Duration.ofHours(1),
                    Duration.ZERO,
                    Duration.ZERO))
        .hasMessageContaining("maxHeight");
    assertThatThrownBy(
            () ->
                new DownloadSettings(
                    "yt-dlp",
                    Path.of("d"),
                    720,
                    OptionalLong.empty(),
                    Duration.ofHours(1),
                    Duration.ofHours(1),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(1)))
        .hasMessageContaining("pacing");
  }
}
