package io.joysync.engine.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a channel's feed is polled and when the channel is checked at all. A channel that uploaded
 * within the active window is polled at the active interval, a dormant one at the dormant interval
 * (both shorter when push is off, since RSS then carries discovery alone), moved by a random jitter
 * so that channels joined together do not stay together; after a channel's first poll the next
 * comes anywhere within one interval, which spreads a mass join. A failed feed is tried again after
 * a pause that doubles with each failure in a row, up to a cap. With push on, the lease is renewed
 * once it is within the renewal margin of its end, and a subscription the hub has not verified is
 * asked for again after the retry pause; a check comes at whichever of poll, renewal and retry is
 * due first, and a check that is only for the lease does not poll.
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

  /** The next poll after a successful one ({@code baseline}: the channel's first). */
  Instant nextPoll(Optional<Instant> lastUpload, boolean baseline, Instant now) {
    Duration interval = interval(lastUpload, now);
    if (baseline) {
      long spread = Math.max(1, interval.toMillis());
      return now.plusMillis(1 + ThreadLocalRandom.current().nextLong(spread));
    }
    return now.plus(jittered(interval));
  }

  /** The next poll after {@code failures} failures in a row. */
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
   * Whether to ask the hub for a subscription now: push is on, the lease is missing or within the
   * renewal margin of its end, and no request is waiting for the hub's verification.
   */
  boolean subscribeNow(
      Optional<Instant> leaseEnd, Optional<Instant> subscribeRequestedAt, Instant now) {
    if (!push || pending(subscribeRequestedAt, now)) {
      return false;
    }
    return leaseEnd.map(end -> !end.minus(renewalMargin).isAfter(now)).orElse(true);
  }

  /** The next check: the next poll, or earlier when the lease needs renewing or asking again. */
  Instant due(
      Instant nextPoll,
      Optional<Instant> leaseEnd,
      Optional<Instant> subscribeRequestedAt,
      Instant now) {
    if (!push) {
      return nextPoll;
    }
    Optional<Instant> renewAt = leaseEnd.map(end -> end.minus(renewalMargin));
    if (renewAt.isPresent() && renewAt.get().isAfter(now)) {
      return earliest(nextPoll, renewAt.get());
    }
    Instant retry =
        subscribeRequestedAt
            .map(at -> at.plus(subscribeRetry))
            .filter(at -> at.isAfter(now))
            .orElse(now.plus(subscribeRetry));
    return earliest(nextPoll, retry);
  }

  private boolean pending(Optional<Instant> subscribeRequestedAt, Instant now) {
    return subscribeRequestedAt.map(at -> now.isBefore(at.plus(subscribeRetry))).orElse(false);
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
