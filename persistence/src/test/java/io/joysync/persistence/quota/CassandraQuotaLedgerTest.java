package io.joysync.persistence.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.joysync.engine.youtube.quota.QuotaBudget;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.engine.youtube.quota.QuotaUsage;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.harness.TestEnvironment;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The quota ledger on a real Cassandra: shared by nodes, surviving a restart, per Pacific day. */
@Needs(Service.CASSANDRA)
class CassandraQuotaLedgerTest {

  private static final String KEYSPACE =
      "joysync_quota_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static CqlSession session() {
    // Schema changes take seconds on a busy two-core machine; the driver's default is 2 s.
    return CqlSession.builder()
        .withConfigLoader(
            DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .build())
        .addContactPoint(new InetSocketAddress("127.0.0.1", TestEnvironment.cassandraPort()))
        .withLocalDatacenter("datacenter1")
        .build();
  }

  private static CqlSession nodeA;
  private static CqlSession nodeB;

  @BeforeAll
  static void keyspace() {
    nodeA = session();
    nodeB = session();
    nodeA.execute(
        "CREATE KEYSPACE "
            + KEYSPACE
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  }

  @AfterAll
  static void dropKeyspace() {
    if (nodeA != null) {
      nodeA.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void chargesAddUpAcrossNodesAndSurviveARestart() throws Exception {
    LocalDate day = LocalDate.parse("2026-11-20");
    CassandraQuotaLedger a = await(CassandraQuotaLedger.create(nodeA, KEYSPACE));
    CassandraQuotaLedger b = await(CassandraQuotaLedger.create(nodeB, KEYSPACE));
    List<CompletableFuture<Void>> charges = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      charges.add(a.charge(day, QuotaPurpose.SYNC, 1).toCompletableFuture());
      charges.add(b.charge(day, QuotaPurpose.SYNC, 2).toCompletableFuture());
    }
    charges.add(b.charge(day, QuotaPurpose.SIGNUP, 7).toCompletableFuture());
    CompletableFuture.allOf(charges.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    assertThat(await(a.usage(day))).isEqualTo(new QuotaUsage(day, 7, 60));
    try (CqlSession restarted = session()) {
      CassandraQuotaLedger ledger = await(CassandraQuotaLedger.create(restarted, KEYSPACE));
      assertThat(await(ledger.usage(day))).isEqualTo(new QuotaUsage(day, 7, 60));
      assertThat(await(ledger.usage(day.minusDays(1))))
          .isEqualTo(QuotaUsage.none(day.minusDays(1)));
      await(ledger.charge(day.minusDays(3), QuotaPurpose.SIGNUP, 1));
      List<QuotaUsage> history = await(ledger.history(10));
      assertThat(history)
          .extracting(QuotaUsage::day)
          .containsSubsequence(day, day.minusDays(3))
          .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
  }

  @Test
  void twoNodesShareOneSyncBudget() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);
    try {
      QuotaBudget budget = new QuotaBudget(10, 4);
      QuotaGovernor a =
          new QuotaGovernor(
              await(CassandraQuotaLedger.create(nodeA, KEYSPACE)), budget, clock, scheduler, 10);
      QuotaGovernor b =
          new QuotaGovernor(
              await(CassandraQuotaLedger.create(nodeB, KEYSPACE)), budget, clock, scheduler, 10);
      for (int i = 0; i < 3; i++) {
        await(a.admit(QuotaPurpose.SYNC, 1));
        await(b.admit(QuotaPurpose.SYNC, 1));
      }
      assertThat(a.admit(QuotaPurpose.SYNC, 1).toCompletableFuture()).isNotDone();
      assertThat(b.admit(QuotaPurpose.SYNC, 1).toCompletableFuture()).isNotDone();
      await(b.admit(QuotaPurpose.SIGNUP, 4));
      assertThat(await(a.usageToday()))
          .isEqualTo(new QuotaUsage(LocalDate.parse("2026-11-22"), 4, 6));
    } finally {
      scheduler.shutdownNow();
    }
  }
}
