package io.joysync.engine.youtube.quota;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link QuotaLedger} held in memory, for tests of the code that charges quota. */
public final class InMemoryQuotaLedger implements QuotaLedger {

  private final ConcurrentMap<LocalDate, QuotaUsage> days = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<QuotaUsage> usage(LocalDate day) {
    return CompletableFuture.completedFuture(days.getOrDefault(day, QuotaUsage.none(day)));
  }

  @Override
  public CompletionStage<Void> charge(LocalDate day, QuotaPurpose purpose, long units) {
    if (units <= 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("units must be positive"));
    }
    days.merge(
        day,
        purpose == QuotaPurpose.SIGNUP
            ? new QuotaUsage(day, units, 0)
            : new QuotaUsage(day, 0, units),
        (a, b) -> new QuotaUsage(day, a.signup() + b.signup(), a.sync() + b.sync()));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<List<QuotaUsage>> history(int limit) {
    return CompletableFuture.completedFuture(
        days.values().stream()
            .sorted(Comparator.comparing(QuotaUsage::day).reversed())
            .limit(limit)
            .toList());
  }
}
