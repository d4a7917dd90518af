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
          Duration.ofHours(2),
          Duration.ofHours(24),
          Duration.ofMinutes(10),
          Duration.ofHours(2),
          Duration.ofDays(14),
          0,
          Duration.ofMinutes(5),
          Duration.ofHours(6));

  final WatchCadence push =
      new WatchCadence(FEEDS, true, Duration.ofDays(1), Duration.ofMinutes(10));
  final WatchCadence poll =
      new WatchCadence(FEEDS, false, Duration.ofDays(1), Duration.ofMinutes(10));

  @Test
  void activeChannelsArePolledMoreOftenThanDormantOnesAndMoreOftenWithoutPush() {
    Optional<Instant> recent = Optional.of(NOW.minus(Duration.ofDays(3)));
    Optional<Instant> old = Optional.of(NOW.minus(Duration.ofDays(90)));
    assertThat(push.interval(recent, NOW)).isEqualTo(Duration.ofHours(2));
    assertThat(push.interval(old, NOW)).isEqualTo(Duration.ofHours(24));
    assertThat(push.interval(Optional.empty(), NOW)).isEqualTo(Duration.ofHours(24));
    assertThat(poll.interval(recent, NOW)).isEqualTo(Duration.ofMinutes(10));
    assertThat(poll.interval(old, NOW)).isEqualTo(Duration.ofHours(2));
    assertThat(poll.next(old, Optional.empty(), Optional.empty(), NOW))
        .isEqualTo(NOW.plus(Duration.ofHours(2)));
  }

  @Test
  void aLeaseIsRenewedBeforeItLapsesAndAPendingRequestIsNotRepeated() {
    Optional<Instant> old = Optional.of(NOW.minus(Duration.ofDays(90)));
    Optional<Instant> lease = Optional.of(NOW.plus(Duration.ofDays(4)));
    assertThat(push.subscribeNow(Optional.empty(), Optional.empty(), old, NOW)).isTrue();
    assertThat(push.subscribeNow(lease, Optional.empty(), old, NOW)).isFalse();
    assertThat(push.subscribeNow(Optional.of(NOW.plusSeconds(3600)), Optional.empty(), old, NOW))
        .as("ends within the margin of the next check")
        .isTrue();
    assertThat(
            push.subscribeNow(
                Optional.empty(), Optional.of(NOW.minus(Duration.ofMinutes(2))), old, NOW))
        .as("a request still waiting for the hub's verification")
        .isFalse();
    assertThat(
            push.subscribeNow(
                Optional.empty(), Optional.of(NOW.minus(Duration.ofMinutes(11))), old, NOW))
        .as("a request the hub never verified is asked again")
        .isTrue();
    assertThat(poll.subscribeNow(Optional.empty(), Optional.empty(), old, NOW)).isFalse();

    Optional<Instant> soon = Optional.of(NOW.plus(Duration.ofHours(30)));
    assertThat(push.next(old, soon, Optional.empty(), NOW))
        .as("checked again when the lease is due for renewal")
        .isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(push.next(old, Optional.empty(), Optional.of(NOW), NOW))
        .as("checked again when an unverified request should be repeated")
        .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void failuresBackOffDoublingUpToTheCap() {
    assertThat(push.afterFailure(1, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(push.afterFailure(3, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
    assertThat(push.afterFailure(30, NOW)).isEqualTo(NOW.plus(Duration.ofHours(6)));
  }
}
