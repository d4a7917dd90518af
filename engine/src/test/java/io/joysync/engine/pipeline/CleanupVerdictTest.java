package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.pipeline.CleanupVerdict.Category;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.youtube.VideoFilter;
import io.joysync.engine.youtube.YoutubeVideo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The queue clean-up judges a waiting video by the pipeline's own filter: each of youtube-synch's
 * categories, the final state it settles a video in, and what is only reported.
 */
class CleanupVerdictTest {

  private static final Duration CAP = Duration.ofHours(1);

  private static YoutubeVideo video(
      String upload,
      String privacy,
      String live,
      boolean ageRestricted,
      long seconds,
      boolean regionRestricted,
      String title) {
    return new YoutubeVideo(
        "vid-00000001",
        "UCchannel",
        "https://youtube.example/watch?v=vid",
        title,
        "",
        10,
        new YoutubeVideo.VideoThumbnails(null, null, null, null),
        seconds,
        upload,
        privacy,
        "youtube",
        null,
        live,
        ageRestricted,
        Instant.parse("2026-01-01T00:00:00Z"),
        regionRestricted);
  }

  private static YoutubeVideo syncable() {
    return video("processed", "public", "none", false, 120, false, "A title");
  }

  private static Optional<CleanupVerdict> judge(YoutubeVideo v) {
    return CleanupVerdict.of(Optional.of(v), CAP);
  }

  @Test
  void aSyncableVideoHasNoVerdict() {
    assertThat(judge(syncable())).isEmpty();
    assertThat(VideoFilter.syncable(syncable())).isTrue();
  }

  @Test
  void aVideoYoutubeNoLongerReturnsIsMissingAndBecomesUnavailable() {
    CleanupVerdict v = CleanupVerdict.of(Optional.empty(), CAP).orElseThrow();
    assertThat(v.category()).isEqualTo(Category.MISSING);
    assertThat(v.category().finalState())
        .contains(VideoState.unavailable(UnavailableReason.UNAVAILABLE));
  }

  @Test
  void eachRefusalOfThePipelinesFilterSettlesTheVideoWithItsReason() {
    assertThat(judge(video("rejected", "public", "none", false, 120, false, "t")))
        .hasValueSatisfying(v -> assertThat(v.category()).isEqualTo(Category.UNPROCESSED));
    CleanupVerdict unlisted =
        judge(video("processed", "unlisted", "none", false, 120, false, "t")).orElseThrow();
    assertThat(unlisted.category()).isEqualTo(Category.NOT_PUBLIC);
    assertThat(unlisted.reason()).isEqualTo("privacy status is unlisted, not public");
    assertThat(unlisted.category().finalState())
        .contains(VideoState.unavailable(UnavailableReason.PRIVATE));
    assertThat(judge(video("processed", "public", "upcoming", false, 120, false, "t")))
        .hasValueSatisfying(
            v ->
                assertThat(v.category().finalState())
                    .contains(VideoState.unavailable(UnavailableReason.LIVE_OFFLINE)));
    assertThat(judge(video("processed", "public", "none", true, 120, false, "t")))
        .hasValueSatisfying(
            v ->
                assertThat(v.category().finalState())
                    .contains(VideoState.unavailable(UnavailableReason.AGE_RESTRICTED)));
    CleanupVerdict tooLong =
        judge(video("processed", "public", "none", false, 3_601, false, "t")).orElseThrow();
    assertThat(tooLong.category()).isEqualTo(Category.TOO_LONG);
    assertThat(tooLong.reason()).isEqualTo("the video lasts 3601 s, more than the 3600 s cap");
    assertThat(tooLong.category().finalState())
        .contains(VideoState.unavailable(UnavailableReason.SKIPPED));
    assertThat(judge(video("processed", "public", "none", false, 3_600, false, "t"))).isEmpty();
  }

  @Test
  void regionRestrictionAndMissingDataAreOnlyReported() {
    CleanupVerdict region =
        judge(video("processed", "public", "none", false, 120, true, "t")).orElseThrow();
    assertThat(region.category()).isEqualTo(Category.REGION_RESTRICTED);
    assertThat(region.category().settles()).isFalse();
    assertThat(region.category().finalState()).isEmpty();
    CleanupVerdict noDuration =
        judge(video("processed", "public", "none", false, 0, false, "t")).orElseThrow();
    assertThat(noDuration.category()).isEqualTo(Category.MISSING_DATA);
    assertThat(noDuration.category().settles()).isFalse();
    assertThat(judge(video("processed", "public", "none", false, 120, false, " ")))
        .hasValueSatisfying(v -> assertThat(v.category()).isEqualTo(Category.MISSING_DATA));
  }

  @Test
  void theFilterStillAnswersTheSentencesDiscoveryStores() {
    assertThat(VideoFilter.rejection(video("processed", "private", "none", false, 120, false, "t")))
        .contains("privacy status is private, not public");
    assertThat(VideoFilter.check(video("processed", "public", "live", false, 120, false, "t")))
        .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(VideoFilter.Kind.LIVE));
  }
}
