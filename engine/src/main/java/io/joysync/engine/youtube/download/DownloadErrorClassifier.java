package io.joysync.engine.youtube.download;

import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.youtube.download.DownloadFailure.RetryReason;
import io.joysync.engine.youtube.download.DownloadFailure.Retryable;
import io.joysync.engine.youtube.download.DownloadFailure.VideoUnavailable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies yt-dlp's error output into a {@link DownloadFailure}. The rules are youtube-synch's
 * substring table (section 4.8) plus the cases it left to "retry forever" or lumped together:
 * members-only, age-restricted, premieres and live events, geo-blocking, HTTP 429 and the bot wall.
 * Order matters: the bot check is tested before the age gate (both start "Sign in to confirm"), and
 * matching ignores case and the typographic apostrophe YouTube uses.
 */
public final class DownloadErrorClassifier {

  private static final List<Map.Entry<String, UnavailableReason>> PERMANENT =
      List.of(
          Map.entry("members-only content", UnavailableReason.MEMBERS_ONLY),
          Map.entry("available to this channel's members", UnavailableReason.MEMBERS_ONLY),
          Map.entry("join this channel to get access", UnavailableReason.MEMBERS_ONLY),
          Map.entry("sign in to confirm your age", UnavailableReason.AGE_RESTRICTED),
          Map.entry("age-restricted", UnavailableReason.AGE_RESTRICTED),
          Map.entry("private video", UnavailableReason.PRIVATE),
          Map.entry("this video is private", UnavailableReason.PRIVATE),
          Map.entry("removed by the uploader", UnavailableReason.PRIVATE),
          Map.entry("not made this video available in your country", UnavailableReason.GEO_BLOCKED),
          Map.entry("not available in your country", UnavailableReason.GEO_BLOCKED),
          Map.entry("blocked it in your country", UnavailableReason.GEO_BLOCKED),
          Map.entry("premieres in", UnavailableReason.LIVE_OFFLINE),
          Map.entry("this live event will begin", UnavailableReason.LIVE_OFFLINE),
          Map.entry("offline", UnavailableReason.LIVE_OFFLINE),
          Map.entry("video unavailable", UnavailableReason.UNAVAILABLE),
          Map.entry("this video is not available", UnavailableReason.UNAVAILABLE),
          Map.entry("this video has been removed", UnavailableReason.UNAVAILABLE),
          Map.entry("postprocessing:", UnavailableReason.POSTPROCESSING_ERROR),
          Map.entry("the downloaded file is empty", UnavailableReason.EMPTY_DOWNLOAD),
          Map.entry("did not get any data blocks", UnavailableReason.EMPTY_DOWNLOAD),
          Map.entry("larger than max-filesize", UnavailableReason.SKIPPED),
          Map.entry("does not pass filter", UnavailableReason.SKIPPED),
          Map.entry("size cap for historical videos", UnavailableReason.SKIPPED),
          Map.entry("download timed-out", UnavailableReason.DOWNLOAD_TIMED_OUT));

  private static final List<String> NETWORK =
      List.of(
          "connection refused",
          "connection reset",
          "timed out",
          "name resolution",
          "network is unreachable",
          "urlopen error",
          "http error 5",
          "unable to connect to proxy");

  private DownloadErrorClassifier() {}

  public static DownloadFailure classify(String errorOutput) {
    String text =
        errorOutput == null ? "" : errorOutput.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
    String detail = firstErrorLine(errorOutput);
    if (text.contains("sign in to confirm you're not a bot")
        || text.contains("confirm you are not a bot")) {
      return new Retryable(RetryReason.BOT_CHECK, detail);
    }
    if (text.contains("http error 429") || text.contains("too many requests")) {
      return new Retryable(RetryReason.RATE_LIMITED, detail);
    }
    for (Map.Entry<String, UnavailableReason> rule : PERMANENT) {
      if (text.contains(rule.getKey())) {
        return new VideoUnavailable(rule.getValue(), detail);
      }
    }
    for (String network : NETWORK) {
      if (text.contains(network)) {
        return new Retryable(RetryReason.NETWORK, detail);
      }
    }
    return new Retryable(RetryReason.UNKNOWN, detail);
  }

  private static String firstErrorLine(String output) {
    if (output == null || output.isBlank()) {
      return "yt-dlp failed without a message";
    }
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("ERROR"))
            .findFirst()
            .orElse(output.lines().reduce((a, b) -> b).orElse(""));
    int cut = line.indexOf("; please report this issue");
    line = cut > 0 ? line.substring(0, cut) : line;
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}
