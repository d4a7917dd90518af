package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nodes a running cluster must not take in: one of another cluster (other keyspaces) started with
 * this cluster's seed, and one of an incompatible release (another wire version). Each is refused
 * when it asks to join and shuts down for that reason; the cluster keeps its one member, Up and
 * ready, as before.
 */
@Needs(Service.CASSANDRA)
class JoinRefusalIntegrationTest {

  private static TestNodes.Started member;
  private static String keyspaces;
  private static String seed;

  @BeforeAll
  static void start() throws Exception {
    keyspaces = TestCassandra.freshKeyspacePrefix("joinrefusal");
    int port = TestCassandra.freePort();
    seed = "pekko://joysync@127.0.0.1:" + port;
    member = TestNodes.start(keyspaces, Map.of("pekko.remote.artery.canonical.port", port));
  }

  @AfterAll
  static void stop() throws Exception {
    if (member != null) {
      member.stop();
    }
  }

  @Test
  void aNodeOfAnotherClusterOrWireVersionIsRefusedAndTheClusterCarriesOn() throws Exception {
    // Another cluster's node: its own keyspaces (it creates none: it never gets that far).
    assertRefused(
        TestCassandra.freshKeyspacePrefix("othercluster"),
        Map.of("joysync.cassandra.auto-create", false));
    // This cluster's keyspaces, an incompatible release.
    assertRefused(keyspaces, Map.of("joysync.cluster.wire-version", 2));

    JsonNode members =
        member
            .management()
            .send("GET", "/cluster/members", null, TestNodes.OPERATOR_KEY)
            .json()
            .path("members");
    assertThat(members).hasSize(1);
    assertThat(members.get(0).path("status").asText()).isEqualTo("Up");
    assertThat(member.management().send("GET", "/ready", null, null).status()).isEqualTo(200);
  }

  private static void assertRefused(String prefix, Map<String, Object> differing) throws Exception {
    Map<String, Object> settings = new HashMap<>(differing);
    settings.put("joysync.cluster.formation", "seed-nodes");
    settings.put("pekko.cluster.seed-nodes", List.of(seed));
    Node.Running joining = Node.start(TestNodes.config(prefix, settings, TestCassandra.freePort()));
    joining.system().getWhenTerminated().toCompletableFuture().get(90, TimeUnit.SECONDS);
    Optional<CoordinatedShutdown.Reason> reason =
        CoordinatedShutdown.get(joining.system()).getShutdownReason();
    assertThat(reason)
        .as("why the joining node (%s) stopped", differing)
        .contains(CoordinatedShutdown.incompatibleConfigurationDetectedReason());
  }

  @Test
  void theRefusalNamesEverySettingThatDiffers() {
    var cluster = NodeConfig.load(null, Map.of("joysync.cassandra.keyspace-prefix", "prod"));
    Map<String, Object> joining = new HashMap<>();
    joining.put("joysync.cassandra.keyspace-prefix", "staging");
    joining.put("joysync.joystream.collaborator-member-id", 1);
    joining.put("pekko.cluster.sharding.number-of-shards", 1000);

    List<String> problems = JoinCompatibility.differences(ConfigFactory.parseMap(joining), cluster);

    assertThat(problems)
        .containsExactly(
            "joysync.cassandra.keyspace-prefix is staging on the joining node but prod in the"
                + " cluster",
            "joysync.cluster.wire-version is not set on the joining node (a joysync of another"
                + " version?)");
    assertThat(JoinCompatibility.differences(cluster, cluster)).isEmpty();
    assertThat(JoinCompatibility.KEYS).as("every key is one a node has").allMatch(cluster::hasPath);
  }
}
