package io.joysync.engine.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a channel is checked next. A channel that uploaded within the active window is polled at the
 * active interval, a dormant one at the dormant interval (both shorter when push is off, since RSS
 * then carries discovery alone), spread by a random jitter so that channels joined together do not
 * stay together; a check never comes later than the lease's renewal time or the retry of an
 * unverified subscription. A failed feed is tried again after a pause that doubles with each
 * failure in a row, up to a cap.
 */
final class WatchCadence {

  private final DiscoverySettings.Feeds feeds;
  private final boolean push;
  private final Duration renewalMargin;
  private final Duration subscribeRetry;

  WatchCadence(
      DiscoverySettings.Feeds feeds,
      boolean push,
      Duration renewalMargin,
      Duration subscribeRetry) {
    this.feeds = feeds;
    this.push = push;
    this.renewalMargin = renewalMargin;
    this.subscribeRetry = subscribeRetry;
  }

  /** The polling interval of a channel whose newest upload is {@code lastUpload}. */
  Duration interval(Optional<Instant> lastUpload, Instant now) {
    boolean active = lastUpload.map(u -> u.isAfter(now.minus(feeds.activeWindow()))).orElse(false);
    if (push) {
      return active ? feeds.activeInterval() : feeds.dormantInterval();
    }
    return active ? feeds.activeIntervalWithoutPush() : feeds.dormantIntervalWithoutPush();
  }

  /** The next check after a successful one. */
  Instant next(
      Optional<Instant> lastUpload,
      Optional<Instant> leaseEnd,
      Optional<Instant> subscribeRequestedAt,
      Instant now) {
    Instant due = now.plus(jittered(interval(lastUpload, now)));
    if (!push) {
      return due;
    }
    Optional<Instant> renewAt = leaseEnd.map(end -> end.minus(renewalMargin));
    if (renewAt.isPresent() && renewAt.get().isAfter(now)) {
      return earliest(due, renewAt.get());
    }
    if (subscribeRequestedAt.isPresent()) {
      Instant retry = subscribeRequestedAt.get().plus(subscribeRetry);
      return earliest(due, retry.isAfter(now) ? retry : now.plus(subscribeRetry));
    }
    return due;
  }

  /** The next try after {@code failures} failures in a row. */
  Instant afterFailure(int failures, Instant now) {
    Duration pause = feeds.failureBackoffMin();
    for (int i = 1; i < failures && pause.compareTo(feeds.failureBackoffMax()) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    if (pause.compareTo(feeds.failureBackoffMax()) > 0) {
      pause = feeds.failureBackoffMax();
    }
    return now.plus(jittered(pause));
  }

  /**
   * Whether to ask the hub for a subscription now: push is on, the lease is missing or ends within
   * the renewal margin of the next check, and no request is waiting for the hub's verification.
   */
  boolean subscribeNow(
      Optional<Instant> leaseEnd,
      Optional<Instant> subscribeRequestedAt,
      Optional<Instant> lastUpload,
      Instant now) {
    if (!push) {
      return false;
    }
    if (subscribeRequestedAt.isPresent()
        && now.isBefore(subscribeRequestedAt.get().plus(subscribeRetry))) {
      return false;
    }
    Instant nextCheck = now.plus(interval(lastUpload, now));
    return leaseEnd.map(end -> !end.minus(renewalMargin).isAfter(nextCheck)).orElse(true);
  }

  private Duration jittered(Duration d) {
    double j = feeds.jitter();
    if (j <= 0) {
      return d;
    }
    double factor = 1 - j + ThreadLocalRandom.current().nextDouble() * 2 * j;
    return Duration.ofMillis(Math.max(1, (long) (d.toMillis() * factor)));
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
