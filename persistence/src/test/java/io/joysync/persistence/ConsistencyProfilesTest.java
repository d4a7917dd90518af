package io.joysync.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.harness.TestEnvironment;
import io.joysync.persistence.discovery.CassandraChainWatchStore;
import io.joysync.persistence.pipeline.SyncWorkTable;
import io.joysync.persistence.readside.VideoReadModel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each use's statements run at the consistency level configured for it: on a one-node Cassandra a
 * profile asking for THREE replicas makes exactly the statements of that use fail, so the level set
 * in {@code datastax-java-driver.profiles} is the one the code sends.
 */
@Needs(Service.CASSANDRA)
class ConsistencyProfilesTest {

  private static final String KEYSPACE =
      "joysync_profiles_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static ActorSystem<Void> system;
  private static CassandraSession strict;
  private static CassandraSession plain;

  @BeforeAll
  static void start() throws Exception {
    String driver =
        "{ basic.load-balancing-policy.local-datacenter = datacenter1\n"
            + "  basic.contact-points = [\"127.0.0.1:"
            + TestEnvironment.cassandraPort()
            + "\"]\n"
            + "  basic.request.timeout = 30s\n"
            + "  basic.request.consistency = LOCAL_QUORUM }\n";
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "profiles-test",
            ConfigFactory.parseString(
                    "plain-driver = "
                        + driver
                        + "strict-driver = "
                        + driver
                        + "strict-driver.profiles {\n"
                        + "  joysync-work-index.basic.request.consistency = THREE\n"
                        + "  joysync-discovery.basic.request.consistency = THREE\n"
                        + "  joysync-queries.basic.request.consistency = THREE\n"
                        + "}\n"
                        + "plain-session = ${pekko.connectors.cassandra}\n"
                        + "plain-session.datastax-java-driver-config = plain-driver\n"
                        + "strict-session = ${pekko.connectors.cassandra}\n"
                        + "strict-session.datastax-java-driver-config = strict-driver\n")
                .withFallback(ConfigFactory.load())
                .resolve());
    plain = CassandraSessionRegistry.get(system).sessionFor("plain-session");
    strict = CassandraSessionRegistry.get(system).sessionFor("strict-session");
    List<String> ddl = new ArrayList<>();
    ddl.add(
        "CREATE KEYSPACE IF NOT EXISTS "
            + KEYSPACE
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    ddl.addAll(SyncWorkTable.tables(KEYSPACE));
    ddl.addAll(VideoReadModel.tables(KEYSPACE));
    ddl.addAll(CassandraChainWatchStore.tables(KEYSPACE));
    for (String statement : ddl) {
      await(plain.executeDDL(statement));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      await(plain.executeDDL("DROP KEYSPACE IF EXISTS " + KEYSPACE));
      system.terminate();
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void theWorkIndexDiscoveryAndQueriesEachRunAtTheLevelOfTheirProfile() {
    SyncWorkTable work = new SyncWorkTable(strict, KEYSPACE);
    CassandraChainWatchStore discovery = new CassandraChainWatchStore(strict, KEYSPACE);
    VideoReadModel videos = new VideoReadModel(strict, KEYSPACE);

    assertThatThrownBy(() -> await(work.items(0, 10))).hasMessageContaining("THREE");
    assertThatThrownBy(() -> await(discovery.position())).hasMessageContaining("THREE");
    assertThatThrownBy(() -> await(videos.ofChannel("UC-profiles"))).hasMessageContaining("THREE");
  }

  @Test
  void theReadSidesOwnStatementsKeepTheDefaultLevel() throws Exception {
    VideoReadModel videos = new VideoReadModel(strict, KEYSPACE);

    assertThat(await(videos.backlog("UC-profiles"))).isZero();
  }

  @Test
  void aSessionWithoutTheProfilesUsesItsDefaultLevel() throws Exception {
    SyncWorkTable work = new SyncWorkTable(plain, KEYSPACE);
    VideoReadModel videos = new VideoReadModel(plain, KEYSPACE);

    assertThat(await(work.items(0, 10))).isEmpty();
    assertThat(await(videos.ofChannel("UC-profiles"))).isEmpty();
  }
}
