package io.joysync.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When channels are checked: active or dormant, push on or off, leases, failures. */
class WatchCadenceTest {

  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final DiscoverySettings.Feeds FEEDS =
      new DiscoverySettings.Feeds(
          16,
          50,
          Duration.ofHours(12),
          Duration.ofHours(24),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofDays(2),
          0,
          Duration.ofMinutes(5),
          Duration.ofHours(6));

  final WatchCadence push =
      new WatchCadence(FEEDS, true, Duration.ofDays(1), Duration.ofMinutes(10));
  final WatchCadence poll =
      new WatchCadence(FEEDS, false, Duration.ofDays(1), Duration.ofMinutes(10));

  @Test
  void activeChannelsArePolledMoreOftenThanDormantOnesAndMoreOftenWithoutPush() {
    Optional<Instant> recent = Optional.of(NOW.minus(Duration.ofDays(1)));
    Optional<Instant> old = Optional.of(NOW.minus(Duration.ofDays(90)));
    assertThat(push.interval(recent, NOW)).isEqualTo(Duration.ofHours(12));
    assertThat(push.interval(old, NOW)).isEqualTo(Duration.ofHours(24));
    assertThat(push.interval(Optional.empty(), NOW)).isEqualTo(Duration.ofHours(24));
    assertThat(poll.interval(recent, NOW)).isEqualTo(Duration.ofMinutes(15));
    assertThat(poll.interval(old, NOW)).isEqualTo(Duration.ofHours(1));
    assertThat(poll.nextPoll(old, false, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
    for (int i = 0; i < 100; i++) {
      assertThat(poll.nextPoll(old, true, NOW))
          .as("after the first poll, somewhere within one interval")
          .isAfter(NOW)
          .isBeforeOrEqualTo(NOW.plus(Duration.ofHours(1)));
    }
    assertThat(poll.due(NOW.plusSeconds(60), Optional.empty(), Optional.empty(), NOW))
        .isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void aLeaseIsRenewedWithinItsMarginAndAPendingRequestIsNotRepeated() {
    Instant nextPoll = NOW.plus(Duration.ofHours(24));
    Optional<Instant> lease = Optional.of(NOW.plus(Duration.ofDays(4)));
    assertThat(push.subscribeNow(Optional.empty(), Optional.empty(), NOW)).isTrue();
    assertThat(push.subscribeNow(lease, Optional.empty(), NOW)).isFalse();
    assertThat(
            push.subscribeNow(Optional.of(NOW.plus(Duration.ofHours(23))), Optional.empty(), NOW))
        .as("within the renewal margin")
        .isTrue();
    assertThat(push.subscribeNow(Optional.empty(), Optional.of(NOW.minusSeconds(120)), NOW))
        .as("a request still waiting for the hub's verification")
        .isFalse();
    assertThat(push.subscribeNow(Optional.empty(), Optional.of(NOW.minusSeconds(660)), NOW))
        .as("a request the hub never verified is asked again")
        .isTrue();
    assertThat(poll.subscribeNow(Optional.empty(), Optional.empty(), NOW)).isFalse();

    assertThat(
            push.due(nextPoll, Optional.of(NOW.plus(Duration.ofHours(30))), Optional.empty(), NOW))
        .as("checked when the lease is due for renewal, before the next poll")
        .isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(push.due(nextPoll, Optional.empty(), Optional.of(NOW), NOW))
        .as("checked again when an unverified request should be repeated")
        .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(push.due(nextPoll, lease, Optional.of(NOW), NOW))
        .as("a verified lease: the next poll")
        .isEqualTo(nextPoll);
  }

  @Test
  void failuresBackOffDoublingUpToTheCap() {
    assertThat(push.afterFailure(1, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(push.afterFailure(3, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
    assertThat(push.afterFailure(30, NOW)).isEqualTo(NOW.plus(Duration.ofHours(6)));
  }
}
