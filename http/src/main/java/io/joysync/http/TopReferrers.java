package io.joysync.http;

import io.joysync.engine.channel.Tier;
import io.joysync.engine.channel.YppStatus;
import io.joysync.persistence.readside.ChannelReadModel;
import io.joysync.persistence.readside.ChannelRow;
import io.joysync.persistence.readside.Windowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ten referrers that earned most (youtube-synch endpoint 17): per referrer, its referred
 * channels counted by verified tier, the rewards they earn and how many it referred in all.
 * Computed from the read side at most once an hour; concurrent callers share one computation.
 */
public final class TopReferrers {

  public record Entry(
      long referrerChannelId,
      Map<String, Integer> referredByTier,
      long totalEarnings,
      int totalReferredChannels) {}

  private record Cached(Instant at, CompletableFuture<List<Entry>> value) {}

  static final int TOP = 10;

  /** Referrers whose referrals are read at once (each reads a window of rows at a time). */
  static final int REFERRERS_AT_ONCE = 4;

  private final ChannelReadModel channels;
  private final Clock clock;
  private final Duration ttl;
  private final AtomicReference<Cached> cache = new AtomicReference<>();

  public TopReferrers(ChannelReadModel channels, Clock clock, Duration ttl) {
    this.channels = channels;
    this.clock = clock;
    this.ttl = ttl;
  }

  public CompletionStage<List<Entry>> get() {
    Instant now = clock.instant();
    Cached current = cache.get();
    if (current != null
        && current.at().plus(ttl).isAfter(now)
        && !current.value().isCompletedExceptionally()) {
      return current.value();
    }
    CompletableFuture<List<Entry>> fresh = new CompletableFuture<>();
    if (!cache.compareAndSet(current, new Cached(now, fresh))) {
      return cache.get().value();
    }
    compute()
        .whenComplete(
            (v, e) -> {
              if (e == null) {
                fresh.complete(v);
              } else {
                fresh.completeExceptionally(e);
              }
            });
    return fresh;
  }

  private CompletionStage<List<Entry>> compute() {
    return channels
        .referrers()
        .thenCompose(
            ids ->
                Windowed.map(
                        ids,
                        REFERRERS_AT_ONCE,
                        id -> channels.referrals(id).thenApply(rs -> entry(id, rs)))
                    .thenApply(
                        entries ->
                            entries.stream()
                                .filter(e -> e.totalReferredChannels() > 0)
                                .sorted(
                                    Comparator.comparingLong(Entry::totalEarnings)
                                        .reversed()
                                        .thenComparingLong(Entry::referrerChannelId))
                                .limit(TOP)
                                .toList()));
  }

  static Entry entry(long referrer, List<ChannelRow> referred) {
    Map<String, Integer> byTier = new LinkedHashMap<>();
    for (Tier t : Tier.values()) {
      byTier.put(t.wireName(), 0);
    }
    long earnings = 0;
    for (ChannelRow r : referred) {
      var status = YppStatus.parse(r.yppStatus());
      if (status.isPresent() && status.get().isVerified()) {
        Tier tier = status.get().tier().get();
        byTier.merge(tier.wireName(), 1, Integer::sum);
        earnings += tier.referralReward();
      }
    }
    return new Entry(referrer, byTier, earnings, referred.size());
  }
}
