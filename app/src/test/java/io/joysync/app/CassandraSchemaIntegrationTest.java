package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.persistence.schema.InvalidCassandraSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cassandra in production shape, on the real Cassandra: {@code joysync schema print} shows every
 * keyspace with the configured replication; a node with {@code auto-create} off creates nothing,
 * reports not ready naming what is missing, and starts on the schema {@code joysync schema apply}
 * creates; bad replication settings are refused by the node and the command alike.
 */
@Needs(Service.CASSANDRA)
class CassandraSchemaIntegrationTest {

  private static final String PREFIX = TestCassandra.freshKeyspacePrefix("schema");

  /** The prefix of the refused settings: no keyspace may ever appear under it. */
  private static final String REFUSED_PREFIX = TestCassandra.freshKeyspacePrefix("badschema");

  private static final List<String> KEYSPACES =
      List.of(PREFIX + "_journal", PREFIX + "_snapshot", PREFIX + "_offsets", PREFIX + "_read");

  /** The test Cassandra's one data center, replicated as a production cluster would name it. */
  private static final Map<String, Object> PRODUCTION_SHAPE =
      Map.of(
          "joysync.cassandra.auto-create",
          false,
          "joysync.cassandra.replication.strategy",
          "NetworkTopologyStrategy",
          "joysync.cassandra.replication.datacenters.datacenter1",
          1);

  @TempDir static Path dir;

  @AfterAll
  static void dropKeyspaces() {
    try (CqlSession cassandra = ForkedNode.cassandraSession()) {
      for (String keyspace : KEYSPACES) {
        cassandra.execute(
            SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                .setTimeout(Duration.ofSeconds(60)));
      }
    }
  }

  /** A configuration file as an operator would write it: the node's, plus these settings. */
  private static Path configFile(String name, String settings) throws Exception {
    return configFile(name, PREFIX, settings);
  }

  private static Path configFile(String name, String prefix, String settings) throws Exception {
    Path file = dir.resolve(name + ".conf");
    Files.writeString(
        file,
        "include classpath(\"application.conf\")\n"
            + "joysync.cassandra.keyspace-prefix = "
            + prefix
            + "\njoysync.cassandra.contact-point = \""
            + TestCassandra.contactPoint()
            + "\"\n"
            + settings
            + "\n");
    return file;
  }

  private static Map<String, String> replicationInCassandra() {
    return replicationInCassandra(PREFIX);
  }

  private static Map<String, String> replicationInCassandra(String prefix) {
    Map<String, String> replication = new TreeMap<>();
    try (CqlSession cassandra = ForkedNode.cassandraSession()) {
      for (Row r :
          cassandra.execute("SELECT keyspace_name, replication FROM system_schema.keyspaces")) {
        if (r.getString("keyspace_name").startsWith(prefix + "_")) {
          replication.put(
              r.getString("keyspace_name"),
              String.valueOf(r.getMap("replication", String.class, String.class)));
        }
      }
    }
    return replication;
  }

  @Test
  void printShowsEveryKeyspaceWithTheConfiguredReplicationAndEveryTable() throws Exception {
    Path config =
        configFile(
            "print",
            "joysync.cassandra.replication { strategy = NetworkTopologyStrategy,"
                + " datacenters { dc1 = 3, dc2 = 2 } }");

    CliRun run = CliRun.of("schema", "print", "--config", config.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    for (String keyspace : KEYSPACES) {
      assertThat(run.out())
          .contains(
              "CREATE KEYSPACE IF NOT EXISTS "
                  + keyspace
                  + " WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2':"
                  + " 2};");
    }
    assertThat(run.out())
        .contains("CREATE TABLE IF NOT EXISTS " + PREFIX + "_journal.messages")
        .contains("CREATE TABLE IF NOT EXISTS " + PREFIX + "_journal.tag_views")
        .contains("CREATE TABLE IF NOT EXISTS " + PREFIX + "_snapshot.snapshots")
        .contains("CREATE TABLE IF NOT EXISTS " + PREFIX + "_offsets.offset_store")
        .contains("CREATE TABLE IF NOT EXISTS " + PREFIX + "_read.channels")
        .contains("CREATE TABLE IF NOT EXISTS " + PREFIX + "_read.sync_work")
        .contains("CREATE TABLE IF NOT EXISTS " + PREFIX + "_read.watch_schedule")
        .contains("CREATE TABLE IF NOT EXISTS " + PREFIX + "_read.youtube_quota_usage");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "strategy = EverywhereStrategy | joysync.cassandra.replication.strategy | unknown replication strategy 'EverywhereStrategy'",
        "factor = 0 | joysync.cassandra.replication.factor | must be at least 1, not 0",
        "strategy = NetworkTopologyStrategy | joysync.cassandra.replication.datacenters | needs at least one data center",
        "strategy = NetworkTopologyStrategy, datacenters { dc1 = -2 } | joysync.cassandra.replication.datacenters | of data center dc1 must be at least 1"
      })
  void badReplicationIsRefusedNamingTheSettingAndNothingIsCreated(
      String replication, String setting, String problem) throws Exception {
    Path config =
        configFile("bad", REFUSED_PREFIX, "joysync.cassandra.replication { " + replication + " }");

    CliRun print = CliRun.of("schema", "print", "--config", config.toString());
    CliRun apply = CliRun.of("schema", "apply", "--config", config.toString());
    CliRun node = CliRun.of("node", "--config", config.toString());

    for (CliRun run : List.of(print, apply, node)) {
      assertThat(run.exit()).isEqualTo(40);
      assertThat(run.err()).contains("Invalid setting " + setting + ": ").contains(problem);
      assertThat(run.out()).isEmpty();
    }
    assertThatThrownBy(
            () ->
                Node.start(
                    NodeConfig.load(
                        config.toString(),
                        Map.of("joysync.cassandra.keyspace-prefix", REFUSED_PREFIX))))
        .isInstanceOf(InvalidCassandraSetting.class)
        .hasMessageContaining(setting);
    assertThat(replicationInCassandra(REFUSED_PREFIX)).isEmpty();
  }

  @Test
  void aDrainLongerThanItsShutdownPhaseIsRefusedBeforeTheNodeStarts() throws Exception {
    Path config = configFile("drain", REFUSED_PREFIX, "joysync.pipeline.drain-timeout = 120s");

    CliRun node = CliRun.of("node", "--config", config.toString());

    assertThat(node.exit()).isEqualTo(40);
    assertThat(node.err())
        .contains("joysync.pipeline.drain-timeout (120 s) must be shorter than")
        .contains("before-cluster-shutdown.timeout (90 s)");
    assertThat(replicationInCassandra(REFUSED_PREFIX)).isEmpty();
  }

  @Test
  void aNodeWithAutoCreateOffWaitsForTheAppliedSchemaAndRunsOnIt() throws Exception {
    int managementPort = TestCassandra.freePort();
    Node.Running waiting = Node.start(TestNodes.config(PREFIX, PRODUCTION_SHAPE, managementPort));
    TestNodes.Started started = null;
    try {
      ApiClient management = new ApiClient("http://127.0.0.1:" + managementPort);
      ApiClient.Reply notReady =
          management.await(
              "/ready",
              r -> r.status() == 500 && r.body().contains("missing"),
              Duration.ofSeconds(120));
      assertThat(notReady.body())
          .contains("keyspace " + PREFIX + "_journal")
          .contains("joysync.cassandra.auto-create is off")
          .contains("joysync schema apply");
      assertThat(replicationInCassandra())
          .as("a node with auto-create off creates nothing")
          .isEmpty();

      Path config =
          configFile(
              "apply",
              "joysync.cassandra.replication { strategy = NetworkTopologyStrategy,"
                  + " datacenters { datacenter1 = 1 } }");
      CliRun apply = CliRun.of("schema", "apply", "--config", config.toString());
      assertThat(apply.exit()).as(apply.err()).isZero();
      assertThat(apply.out()).contains("Schema applied");
      CliRun again = CliRun.of("schema", "apply", "--config", config.toString());
      assertThat(again.exit()).as("applying twice changes nothing: " + again.err()).isZero();

      assertThat(replicationInCassandra())
          .containsOnlyKeys(KEYSPACES)
          .allSatisfy(
              (keyspace, replication) ->
                  assertThat(replication)
                      .contains("NetworkTopologyStrategy")
                      .contains("datacenter1=1"));

      // The waiting node finds the schema and starts; then it serves writes and reads.
      waiting.endpoints().toCompletableFuture().get(240, TimeUnit.SECONDS);
      management.await("/ready", r -> r.status() == 200, Duration.ofSeconds(120));
    } finally {
      waiting.system().terminate();
      waiting.system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    // A node started on the applied schema only: ready, it writes and reads.
    try {
      started = TestNodes.start(PREFIX, PRODUCTION_SHAPE);
      ApiClient api = started.api();
      assertThat(
              api.send(
                      "POST",
                      "/channels/whitelist",
                      "[{\"channelHandle\":\"@SchemaApplied\"}]",
                      OPERATOR_KEY)
                  .status())
          .isEqualTo(201);
      assertThat(api.send("GET", "/channels/whitelist/@schemaapplied", null, OPERATOR_KEY).status())
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(api.send("GET", "/channels", null, null).status()).isEqualTo(200));
      assertThat(replicationInCassandra()).containsOnlyKeys(KEYSPACES);
    } finally {
      if (started != null) {
        started.stop();
      }
    }
  }
}
