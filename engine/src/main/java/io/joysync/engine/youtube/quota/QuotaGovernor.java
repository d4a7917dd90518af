package io.joysync.engine.youtube.quota;

import io.joysync.engine.youtube.YoutubeApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the daily YouTube quota budget before a Data API call is made, and charges the call to
 * the shared {@link QuotaLedger} for the current Pacific-time day (when Google resets quotas).
 *
 * <p>Guarantees: a sync call is admitted only while the day's sync usage plus its cost fits the
 * sync budget; otherwise it waits (without holding a thread) until the next Pacific midnight and is
 * then admitted against the new day, or, when a person waits for it ({@link
 * QuotaPurpose#SYNC_ON_REQUEST}), fails at once with {@link YoutubeApiException.QuotaExceeded}. A
 * sign-up call is admitted while the day's total fits the daily limit, so sync can never eat the
 * sign-up reserve; when even that is spent, sign-ups fail at once with {@link
 * YoutubeApiException.QuotaExceeded}, since a creator is waiting. When YouTube itself answers
 * {@code quotaExceeded}, sync pauses until the next day. At most {@code maxWaiting} calls wait at a
 * time; beyond that admission fails instead of queueing without bound.
 *
 * <p>Admission reads the ledger and then charges it; nodes admitting at the same instant can
 * overshoot the budget by the calls in flight (one unit each), never by more.
 */
public final class QuotaGovernor {

  public static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final Logger log = LoggerFactory.getLogger(QuotaGovernor.class);
  private static final Duration AFTER_RESET = Duration.ofSeconds(1);

  private final QuotaLedger ledger;
  private final QuotaBudget budget;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final int maxWaiting;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicReference<LocalDate> exhaustedByYoutube = new AtomicReference<>();

  public QuotaGovernor(
      QuotaLedger ledger,
      QuotaBudget budget,
      Clock clock,
      ScheduledExecutorService scheduler,
      int maxWaiting) {
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("maxWaiting must be >= 0");
    }
    this.ledger = ledger;
    this.budget = budget;
    this.clock = clock;
    this.scheduler = scheduler;
    this.maxWaiting = maxWaiting;
  }

  public QuotaBudget budget() {
    return budget;
  }

  /** The Pacific-time calendar day quota is being counted against now. */
  public LocalDate today() {
    return clock.instant().atZone(PACIFIC).toLocalDate();
  }

  /** When today's quota resets (next midnight in America/Los_Angeles). */
  public Instant nextReset() {
    return today().plusDays(1).atStartOfDay(PACIFIC).toInstant();
  }

  /** Calls currently waiting for the next day. */
  public int waitingCalls() {
    return waiting.get();
  }

  public CompletionStage<QuotaUsage> usageToday() {
    return ledger.usage(today());
  }

  public CompletionStage<java.util.List<QuotaUsage>> history(int limit) {
    return ledger.history(limit);
  }

  /**
   * How many units sync calls may still spend today: what is left of the sync budget, less what the
   * sign-up reserve still holds of the daily limit; 0 once YouTube reported the quota exhausted.
   */
  public CompletionStage<Long> syncUnitsLeftToday() {
    LocalDate day = today();
    return ledger
        .usage(day)
        .thenApply(
            usage -> {
              if (day.equals(exhaustedByYoutube.get())) {
                return 0L;
              }
              long ofBudget = budget.syncBudget() - usage.sync();
              long ofLimit =
                  budget.dailyLimit()
                      - Math.max(0, budget.signupReserve() - usage.signup())
                      - usage.total();
              return Math.max(0, Math.min(ofBudget, ofLimit));
            });
  }

  /**
   * Completes once {@code units} for {@code purpose} are admitted and charged; the returned day is
   * the one the call was charged to.
   */
  public CompletionStage<LocalDate> admit(QuotaPurpose purpose, long units) {
    if (units <= 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("units must be positive"));
    }
    LocalDate day = today();
    return ledger
        .usage(day)
        .thenCompose(
            usage -> {
              if (fits(purpose, usage, units, day)) {
                return ledger.charge(day, purpose.budget(), units).thenApply(done -> day);
              }
              if (purpose == QuotaPurpose.SIGNUP) {
                return CompletableFuture.failedFuture(
                    new YoutubeApiException.QuotaExceeded(
                        "No more YouTube quota left today for sign-ups ("
                            + usage.total()
                            + " of "
                            + budget.dailyLimit()
                            + " units used). Please try again after midnight Pacific time."));
              }
              if (!purpose.waitsForNextDay()) {
                return CompletableFuture.failedFuture(
                    new YoutubeApiException.QuotaExceeded(
                        "No more quota left. Please try again later."));
              }
              return waitForNextDay(purpose, units);
            });
  }

  /**
   * Charges units that were spent without a prior admission (for example the repeat of a request
   * after the owner's access token was refreshed), so the ledger shows what Google counted.
   */
  public CompletionStage<Void> record(LocalDate day, QuotaPurpose purpose, long units) {
    return ledger.charge(day, purpose.budget(), units);
  }

  /**
   * Records that YouTube answered {@code quotaExceeded}: sync waits for the next day, on this node
   * at once and on every other node through the ledger, where the rest of the day's sync budget is
   * charged (the usage then reads as the whole sync budget, which is what YouTube says).
   */
  public void exhaustedByYoutube() {
    LocalDate day = today();
    if (!day.equals(exhaustedByYoutube.getAndSet(day))) {
      log.warn(
          "YouTube reports the daily quota exhausted for {}; sync waits until {}",
          day,
          nextReset());
      ledger
          .usage(day)
          .thenCompose(
              usage -> {
                long rest = budget.syncBudget() - usage.sync();
                return rest > 0
                    ? ledger.charge(day, QuotaPurpose.SYNC, rest)
                    : CompletableFuture.<Void>completedFuture(null);
              })
          .whenComplete(
              (done, error) -> {
                if (error != null) {
                  log.warn(
                      "could not record the exhausted quota in the ledger: {}", error.toString());
                }
              });
    }
  }

  private boolean fits(QuotaPurpose purpose, QuotaUsage usage, long units, LocalDate day) {
    if (purpose.budget() == QuotaPurpose.SIGNUP) {
      return usage.total() + units <= budget.dailyLimit();
    }
    if (day.equals(exhaustedByYoutube.get())) {
      return false;
    }
    return usage.sync() + units <= budget.syncBudget()
        && usage.total() + units
            <= budget.dailyLimit() - Math.max(0, budget.signupReserve() - usage.signup());
  }

  private CompletionStage<LocalDate> waitForNextDay(QuotaPurpose purpose, long units) {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return CompletableFuture.failedFuture(
          new YoutubeApiException.QuotaExceeded(
              "The sync quota for today is spent and "
                  + maxWaiting
                  + " calls already wait for the next day; this one is refused."));
    }
    long delayMillis =
        Math.max(0, Duration.between(clock.instant(), nextReset().plus(AFTER_RESET)).toMillis());
    CompletableFuture<LocalDate> admitted = new CompletableFuture<>();
    scheduler.schedule(
        () -> {
          waiting.decrementAndGet();
          admit(purpose, units)
              .whenComplete(
                  (day, error) -> {
                    if (error != null) {
                      admitted.completeExceptionally(error);
                    } else {
                      admitted.complete(day);
                    }
                  });
        },
        delayMillis,
        TimeUnit.MILLISECONDS);
    return admitted;
  }
}
