package io.joysync.engine.discovery;

import io.joysync.engine.youtube.discovery.FeedValidators;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One channel's place in the watch schedule and what its checks remember: whether it is watched
 * (signed up, syncing, not opted out or suspended: kept by a projection of the channel's events),
 * since when (uploads published before it joined are the initial ingestion's), when it is checked
 * next and when its feed is polled next (empty: at the next check), the validators of its last
 * feed, its newest upload, the feed failures in a row, the WebSub lease, a pending subscription
 * request, and when its statistics (subscribers, videos, views) were last asked of the Data API.
 */
public record Watch(
    String channelId,
    boolean watched,
    Instant joinedAt,
    Instant due,
    Optional<Instant> nextPoll,
    FeedValidators validators,
    Optional<Instant> lastUploadAt,
    int failures,
    Optional<Instant> leaseEnd,
    Optional<Instant> subscribeRequestedAt,
    Optional<Instant> statisticsAt) {

  /** The same watch after a check: next due, what the feed said, the subscription asked for. */
  public Watch checked(
      Instant nextDue,
      Instant nextPollAt,
      FeedValidators nextValidators,
      Optional<Instant> nextLastUpload,
      int nextFailures,
      Optional<Instant> nextSubscribeRequestedAt) {
    return new Watch(
        channelId,
        watched,
        joinedAt,
        nextDue,
        Optional.of(nextPollAt),
        nextValidators,
        nextLastUpload,
        nextFailures,
        leaseEnd,
        nextSubscribeRequestedAt,
        statisticsAt);
  }

  /**
   * Whether the channel's statistics are due for a refresh: {@code interval} after the last one (or
   * after the channel joined, whose sign-up read them).
   */
  public boolean statisticsDue(Duration interval, Instant now) {
    return !now.isBefore(statisticsAt.orElse(joinedAt).plus(interval));
  }
}
