package io.joysync.engine.youtube.quota;

import java.time.LocalDate;
import java.util.Objects;

/** Units used on one Pacific-time day, split by purpose; what {@code /status/quota-usage} shows. */
public record QuotaUsage(LocalDate day, long signup, long sync) {

  public QuotaUsage {
    Objects.requireNonNull(day, "day");
    if (signup < 0 || sync < 0) {
      throw new IllegalArgumentException("quota usage cannot be negative");
    }
  }

  public static QuotaUsage none(LocalDate day) {
    return new QuotaUsage(day, 0, 0);
  }

  /** The day as youtube-synch's stats records show it, e.g. {@code Wednesday, May 21, 2025}. */
  public String displayDate() {
    return day.format(
        java.time.format.DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", java.util.Locale.US));
  }

  public long total() {
    return signup + sync;
  }

  public long of(QuotaPurpose purpose) {
    return purpose.budget() == QuotaPurpose.SIGNUP ? signup : sync;
  }
}
