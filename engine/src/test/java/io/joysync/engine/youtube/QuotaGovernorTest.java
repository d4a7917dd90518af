package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.engine.youtube.quota.InMemoryQuotaLedger;
import io.joysync.engine.youtube.quota.QuotaBudget;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.engine.youtube.quota.QuotaUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuotaGovernorTest {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private QuotaGovernor governor(
      InMemoryQuotaLedger ledger, Clock clock, long limit, long reserve) {
    return new QuotaGovernor(ledger, new QuotaBudget(limit, reserve), clock, scheduler, 2);
  }

  @Test
  void usageIsCountedPerPacificDayNotUtcDay() throws Exception {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    Clock lateEvening = Clock.fixed(Instant.parse("2026-11-21T07:59:00Z"), ZoneOffset.UTC);
    Clock midnight = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    governor(ledger, lateEvening, 100, 10).admit(QuotaPurpose.SYNC, 3).toCompletableFuture().get();
    governor(ledger, midnight, 100, 10).admit(QuotaPurpose.SYNC, 4).toCompletableFuture().get();
    assertThat(ledger.usage(LocalDate.parse("2026-11-20")).toCompletableFuture().get().sync())
        .isEqualTo(3);
    assertThat(ledger.usage(LocalDate.parse("2026-11-21")).toCompletableFuture().get().sync())
        .isEqualTo(4);
  }

  @Test
  void syncStopsAtItsBudgetWhileSignupsKeepTheReserve() throws Exception {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    QuotaGovernor governor = governor(ledger, clock, 10, 3);
    for (int i = 0; i < 7; i++) {
      governor.admit(QuotaPurpose.SYNC, 1).toCompletableFuture().get();
    }
    CompletableFuture<LocalDate> waiting =
        governor.admit(QuotaPurpose.SYNC, 1).toCompletableFuture();
    assertThat(waiting).isNotDone();
    assertThat(governor.waitingCalls()).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      governor.admit(QuotaPurpose.SIGNUP, 1).toCompletableFuture().get();
    }
    assertThatThrownBy(() -> governor.admit(QuotaPurpose.SIGNUP, 1).toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(YoutubeApiException.QuotaExceeded.class)
        .hasMessageContaining("10 of 10");
    QuotaUsage usage = governor.usageToday().toCompletableFuture().get();
    assertThat(usage.sync()).isEqualTo(7);
    assertThat(usage.signup()).isEqualTo(3);
    assertThat(waiting).isNotDone();
  }

  @Test
  void aSyncCallAPersonWaitsForIsChargedAsSyncAndRefusedAtOnceWhenTheBudgetIsSpent()
      throws Exception {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    QuotaGovernor governor = governor(ledger, clock, 10, 3);
    for (int i = 0; i < 7; i++) {
      governor.admit(QuotaPurpose.SYNC_ON_REQUEST, 1).toCompletableFuture().get();
    }

    CompletableFuture<LocalDate> refused =
        governor.admit(QuotaPurpose.SYNC_ON_REQUEST, 1).toCompletableFuture();

    assertThat(refused).isCompletedExceptionally();
    assertThatThrownBy(refused::get)
        .cause()
        .isInstanceOf(YoutubeApiException.QuotaExceeded.class)
        .hasMessage("No more quota left. Please try again later.");
    assertThat(governor.waitingCalls()).isZero();
    QuotaUsage usage = governor.usageToday().toCompletableFuture().get();
    assertThat(usage.sync()).isEqualTo(7);
    assertThat(usage.signup()).isZero();
  }

  @Test
  void waitingIsBoundedAndRefusesBeyondTheLimit() throws Exception {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    QuotaGovernor governor = governor(ledger, clock, 1, 0);
    governor.admit(QuotaPurpose.SYNC, 1).toCompletableFuture().get();
    CompletableFuture<LocalDate> first = governor.admit(QuotaPurpose.SYNC, 1).toCompletableFuture();
    CompletableFuture<LocalDate> second =
        governor.admit(QuotaPurpose.SYNC, 1).toCompletableFuture();
    assertThatThrownBy(() -> governor.admit(QuotaPurpose.SYNC, 1).toCompletableFuture().get())
        .cause()
        .isInstanceOf(YoutubeApiException.QuotaExceeded.class)
        .hasMessageContaining("2 calls already wait");
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
  }

  @Test
  void aWaitingSyncCallIsAdmittedAfterPacificMidnight() throws Exception {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    Instant now = Instant.now();
    Instant nextMidnight =
        now.atZone(QuotaGovernor.PACIFIC)
            .toLocalDate()
            .plusDays(1)
            .atStartOfDay(QuotaGovernor.PACIFIC)
            .toInstant();
    Clock nearMidnight =
        Clock.offset(Clock.systemUTC(), Duration.between(now, nextMidnight.minusMillis(700)));
    QuotaGovernor governor = governor(ledger, nearMidnight, 5, 1);
    LocalDate before = governor.today();
    governor.admit(QuotaPurpose.SYNC, 4).toCompletableFuture().get();
    CompletableFuture<LocalDate> waiting =
        governor.admit(QuotaPurpose.SYNC, 1).toCompletableFuture();
    assertThat(waiting).isNotDone();
    LocalDate admittedOn = waiting.get(10, TimeUnit.SECONDS);
    assertThat(admittedOn).isEqualTo(before.plusDays(1));
    assertThat(ledger.usage(admittedOn).toCompletableFuture().get().sync()).isEqualTo(1);
    assertThat(governor.waitingCalls()).isZero();
  }

  @Test
  void youtubeSayingQuotaExceededPausesSyncButNotSignups() throws Exception {
    InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    QuotaGovernor governor = governor(ledger, clock, 10_000, 500);
    QuotaGovernor otherNode = governor(ledger, clock, 10_000, 500);
    governor.admit(QuotaPurpose.SYNC, 10).toCompletableFuture().get();
    governor.exhaustedByYoutube();
    assertThat(governor.admit(QuotaPurpose.SYNC, 1).toCompletableFuture()).isNotDone();
    assertThat(governor.admit(QuotaPurpose.SIGNUP, 1).toCompletableFuture().get())
        .isEqualTo(LocalDate.parse("2026-11-21"));
    assertThat(otherNode.admit(QuotaPurpose.SYNC, 1).toCompletableFuture())
        .as("the other node learns it from the ledger")
        .isNotDone();
    assertThat(ledger.usage(LocalDate.parse("2026-11-21")).toCompletableFuture().get().sync())
        .isEqualTo(9_500);
  }

  @Test
  void budgetRejectsNonsense() {
    assertThatThrownBy(() -> new QuotaBudget(100, 200))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signupReserve");
    assertThatThrownBy(() -> new QuotaBudget(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
