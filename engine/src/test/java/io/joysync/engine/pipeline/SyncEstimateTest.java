package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.channel.Tier;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a creator is told about when their channel will be synced. */
class SyncEstimateTest {

  static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  /** {@code videos} uploads spread over the whole last hour. */
  static UploadRate hour(long videos) {
    return UploadRate.since(videos, NOW.minus(UploadRate.WINDOW), NOW);
  }

  @Test
  void aChannelWithNothingWaitingIsDone() {
    assertThat(SyncEstimate.of(0, Tier.BRONZE, 500, 10, hour(100)))
        .isEqualTo(new SyncEstimate(0, 0));
  }

  @Test
  void aChannelSharesTheMeasuredThroughputWithTheOtherWaitingChannels() {
    // 3600 uploads in the last hour: one a second. 10 videos, 4 channels waiting: ~40 videos.
    SyncEstimate e = SyncEstimate.of(10, Tier.BRONZE, 1000, 4, hour(3600));
    assertThat(e.fullSyncEta()).isEqualTo(40);
    assertThat(e.placeInSyncQueue()).isEqualTo(4);
  }

  @Test
  void aHigherTierTakesMoreOfEachRoundSoItsCatalogueIsDoneSooner() {
    // 10 videos of a Diamond channel, 4 channels waiting: 3 rounds of 4 of its videos and one of
    // each other channel's, about 19 videos at one a second.
    SyncEstimate diamond = SyncEstimate.of(10, Tier.DIAMOND, 1000, 4, hour(3600));
    assertThat(diamond.fullSyncEta()).isEqualTo(19);
    assertThat(diamond.fullSyncEta())
        .isLessThan(SyncEstimate.of(10, Tier.GOLD, 1000, 4, hour(3600)).fullSyncEta());
  }

  @Test
  void theEstimateNeverCountsMoreVideosThanWaitAndAssumesAMinuteAVideoBeforeAnyMeasure() {
    // 100 videos of a channel, 50 channels, but only 300 videos wait in all.
    assertThat(SyncEstimate.of(100, Tier.BRONZE, 300, 50, hour(3600)).fullSyncEta()).isEqualTo(300);
    // Nothing uploaded in the last hour: youtube-synch's one minute a video.
    assertThat(SyncEstimate.of(5, Tier.BRONZE, 5, 1, hour(0)).fullSyncEta()).isEqualTo(300);
  }

  @Test
  void rightAfterAStartTheRateIsThatOfTheMinutesWorkedNotOfTheWholeHour() {
    // 60 uploads, the first in the minute that began 2 minutes ago: half a video a second (an
    // hour's average would say one a minute, 30 times too slow).
    UploadRate started = UploadRate.since(60, NOW.minusSeconds(120), NOW);
    assertThat(started.perSecond()).isEqualTo(0.5);
    assertThat(SyncEstimate.of(30, Tier.GOLD, 30, 1, started).fullSyncEta()).isEqualTo(60);
    // Within the first minute the time counts as a whole minute.
    assertThat(UploadRate.since(6, NOW.minusSeconds(10), NOW).perSecond()).isEqualTo(0.1);
    // Uploads whose first minute is more than an hour back count over the hour.
    assertThat(UploadRate.since(3600, NOW.minusSeconds(5000), NOW).perSecond()).isEqualTo(1.0);
    assertThat(UploadRate.since(0, NOW.minusSeconds(120), NOW)).isEqualTo(UploadRate.NONE);
  }
}
