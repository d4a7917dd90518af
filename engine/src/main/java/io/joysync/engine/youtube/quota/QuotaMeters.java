package io.joysync.engine.youtube.quota;

import io.joysync.engine.metrics.NodeMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The YouTube Data API quota as meters: today's units used per budget (sign-up and sync, read from
 * the cluster's ledger), the daily limit, the sync budget (the limit less the sign-up reserve) and
 * the calls waiting for the next Pacific-time day on this node. The sync budget is exhausted when
 * {@code joysync_youtube_quota_used_units{budget="sync"}} reaches {@code
 * joysync_youtube_quota_sync_budget_units}.
 */
public final class QuotaMeters {

  private QuotaMeters() {}

  public static void bind(NodeMetrics metrics, QuotaGovernor quota) {
    for (QuotaPurpose budget : new QuotaPurpose[] {QuotaPurpose.SIGNUP, QuotaPurpose.SYNC}) {
      metrics.polled(
          "joysync.youtube.quota.used.units",
          "YouTube Data API units used today (Pacific time), by budget",
          Tags.of("budget", budget.name().toLowerCase()),
          () -> quota.usageToday().thenApply(usage -> usage.of(budget)));
    }
    MeterRegistry registry = metrics.registry();
    QuotaBudget limits = quota.budget();
    Gauge.builder("joysync.youtube.quota.daily.limit", limits, QuotaBudget::dailyLimit)
        .description("YouTube Data API units the project may use per day")
        .baseUnit("units")
        .register(registry);
    Gauge.builder("joysync.youtube.quota.sync.budget", limits, QuotaBudget::syncBudget)
        .description("Units of the daily limit that sync may use (the rest is kept for sign-ups)")
        .baseUnit("units")
        .register(registry);
    Gauge.builder("joysync.youtube.quota.waiting.calls", quota, QuotaGovernor::waitingCalls)
        .description("Sync calls on this node waiting for the quota of the next day")
        .register(registry);
  }
}
