package io.joysync.engine.youtube.quota;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The durable record of YouTube quota spent, one entry per Pacific-time day and purpose, shared by
 * every node of the cluster (the production implementation lives in the persistence module, on
 * Cassandra counters). Increments are additive, so nodes never overwrite each other's charges.
 */
public interface QuotaLedger {

  /** Usage of one day; a day nobody charged yet reads as zero. */
  CompletionStage<QuotaUsage> usage(LocalDate day);

  /** Adds {@code units} (positive) to the day's counter for the purpose. */
  CompletionStage<Void> charge(LocalDate day, QuotaPurpose purpose, long units);

  /** Usage of every recorded day, newest first, at most {@code limit} days. */
  CompletionStage<List<QuotaUsage>> history(int limit);
}
