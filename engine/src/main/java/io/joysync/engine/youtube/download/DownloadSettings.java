package io.joysync.engine.youtube.download;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Limits and tools of the downloader: where yt-dlp is, where files go, the highest resolution (1080
 * by default), the largest file and longest video accepted, the hard timeout after which the yt-dlp
 * process tree is killed, and the random pause before each download (anti-bot pacing).
 */
public record DownloadSettings(
    String ytDlpPath,
    Path downloadsDir,
    int maxHeight,
    OptionalLong maxFileSizeBytes,
    Duration maxDuration,
    Duration timeout,
    Duration pacingMin,
    Duration pacingMax) {

  public DownloadSettings {
    Objects.requireNonNull(ytDlpPath, "ytDlpPath");
    Objects.requireNonNull(downloadsDir, "downloadsDir");
    Objects.requireNonNull(maxFileSizeBytes, "maxFileSizeBytes");
    if (maxHeight < 144 || maxHeight > 4320) {
      throw new IllegalArgumentException("maxHeight must be 144..4320, was " + maxHeight);
    }
    if (maxFileSizeBytes.isPresent() && maxFileSizeBytes.getAsLong() < 1) {
      throw new IllegalArgumentException("maxFileSizeBytes must be positive");
    }
    if (timeout.isZero()
        || timeout.isNegative()
        || maxDuration.isNegative()
        || maxDuration.isZero()) {
      throw new IllegalArgumentException("timeout and maxDuration must be positive");
    }
    if (pacingMin.isNegative() || pacingMax.compareTo(pacingMin) < 0) {
      throw new IllegalArgumentException("pacing must satisfy 0 <= min <= max");
    }
  }

  /**
   * yt-dlp's format selector: the best video at or below {@code maxHeight} merged with audio, mp4 +
   * m4a first, then webm + webm, then the best single file that already carries both. Size limits
   * use {@code <=?} so that formats without a known size are judged by {@code --max-filesize} while
   * downloading.
   */
  public String formatSelector() {
    String size =
        maxFileSizeBytes.isPresent() ? "[filesize<=?" + maxFileSizeBytes.getAsLong() + "]" : "";
    String height = "[height<=?" + maxHeight + "]";
    return "bv*"
        + height
        + size
        + "[ext=mp4]+ba[ext=m4a]"
        + "/bv*"
        + height
        + size
        + "[ext=webm]+ba[ext=webm]"
        + "/b"
        + height
        + size;
  }
}
