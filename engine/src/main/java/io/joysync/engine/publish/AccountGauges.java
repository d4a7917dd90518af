package io.joysync.engine.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each configured signer account's last known status as gauges (label {@code account}, its member
 * id), for every node: extrinsics in flight, free balance in HAPI (NaN until read), videos created
 * in the last hour, and whether it takes work (0 while paused, fenced or unreachable). The statuses
 * are those {@link Publisher#accounts()} last asked the accounts for.
 */
final class AccountGauges {

  private final Map<Long, AccountStatus> lastSeen = new ConcurrentHashMap<>();

  void observe(List<AccountStatus> statuses) {
    statuses.forEach(s -> lastSeen.put(s.memberId(), s));
  }

  void bind(MeterRegistry registry, List<PublishingSettings.Account> accounts) {
    for (PublishingSettings.Account a : accounts) {
      long member = a.memberId();
      Tags tags = Tags.of("account", Long.toString(member));
      gauge(
          registry,
          "joysync.signer.extrinsics.in.flight",
          "Extrinsics signed, not yet final",
          tags,
          member,
          AccountStatus::extrinsicsInFlight);
      gauge(
          registry,
          "joysync.signer.free.balance.hapi",
          "Free balance of the account's controller, in HAPI",
          tags,
          member,
          AccountGauges::freeBalance);
      gauge(
          registry,
          "joysync.signer.videos.created.last.hour",
          "Videos the account created in the last hour",
          tags,
          member,
          AccountStatus::videosCreatedLastHour);
      gauge(
          registry,
          "joysync.signer.takes.work",
          "1 while the account takes new work, else 0",
          tags,
          member,
          s -> s.takesWork() ? 1 : 0);
    }
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      long member,
      ToDoubleFunction<AccountStatus> value) {
    Gauge.builder(
            name,
            lastSeen,
            seen -> {
              AccountStatus s = seen.get(member);
              return s == null ? Double.NaN : value.applyAsDouble(s);
            })
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private static double freeBalance(AccountStatus s) {
    try {
      return new BigDecimal(s.freeBalance()).doubleValue();
    } catch (NumberFormatException unknown) {
      return Double.NaN;
    }
  }
}
