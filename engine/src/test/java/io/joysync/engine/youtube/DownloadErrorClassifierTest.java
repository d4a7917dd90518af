package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.youtube.download.DownloadErrorClassifier;
import io.joysync.engine.youtube.download.DownloadFailure;
import org.junit.jupiter.api.Test;

/** The substrings youtube-synch met in production, in YouTube's own wording. */
class DownloadErrorClassifierTest {

  static String state(String error) {
    return DownloadErrorClassifier.classify(error).state();
  }

  @Test
  void youtubeWordingMapsToPermanentStates() {
    assertThat(state("ERROR: [youtube] abc: Video unavailable. This video has been removed"))
        .isEqualTo("VideoUnavailable::Unavailable");
    assertThat(state("ERROR: [youtube] abc: Private video. Sign in if you've been granted access"))
        .isEqualTo("VideoUnavailable::Private");
    assertThat(
            state(
                "ERROR: [youtube] abc: This video is available to this channel's members on level: Gold"))
        .isEqualTo("VideoUnavailable::MembersOnly");
    assertThat(
            state(
                "ERROR: [youtube] abc: Sign in to confirm your age. This video may be inappropriate"))
        .isEqualTo("VideoUnavailable::AgeRestricted");
    assertThat(state("ERROR: [youtube] abc: Premieres in 3 hours"))
        .isEqualTo("VideoUnavailable::LiveOffline");
    assertThat(state("ERROR: Postprocessing: Conversion failed!"))
        .isEqualTo("VideoUnavailable::PostprocessingError");
    assertThat(state("ERROR: The downloaded file is empty"))
        .isEqualTo("VideoUnavailable::EmptyDownload");
  }

  @Test
  void theBotWallIsNotTheAgeGateAndBothApostrophesMatch() {
    DownloadFailure typographic =
        DownloadErrorClassifier.classify(
            "ERROR: [youtube] abc: Sign in to confirm you\u2019re not a bot.");
    DownloadFailure ascii =
        DownloadErrorClassifier.classify(
            "ERROR: [youtube] abc: Sign in to confirm you're not a bot.");
    assertThat(typographic).isInstanceOf(DownloadFailure.Retryable.class);
    assertThat(((DownloadFailure.Retryable) typographic).reason())
        .isEqualTo(DownloadFailure.RetryReason.BOT_CHECK);
    assertThat(((DownloadFailure.Retryable) ascii).reason())
        .isEqualTo(DownloadFailure.RetryReason.BOT_CHECK);
  }

  @Test
  void unknownAndNetworkErrorsStayRetryable() {
    assertThat(
            ((DownloadFailure.Retryable) DownloadErrorClassifier.classify("ERROR: something new"))
                .reason())
        .isEqualTo(DownloadFailure.RetryReason.UNKNOWN);
    assertThat(
            ((DownloadFailure.Retryable)
                    DownloadErrorClassifier.classify(
                        "ERROR: <urlopen error [Errno 111] Connection refused>"))
                .reason())
        .isEqualTo(DownloadFailure.RetryReason.NETWORK);
    assertThat(DownloadErrorClassifier.classify(null).detail())
        .isEqualTo("yt-dlp failed without a message");
  }
}
