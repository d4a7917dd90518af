package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a node finds its cluster, without starting one: the default is a node of its own, the shipped
 * three-node files bootstrap from their management endpoints, and every formation that contradicts
 * the other settings is refused before the node starts, naming the setting.
 */
class ClusterFormationTest {

  @TempDir Path dir;

  private static Config node(Map<String, Object> overrides) {
    return NodeConfig.load(null, overrides);
  }

  @Test
  void aNodeFormsAClusterOfItsOwnByDefaultAndServesNoBootstrapRoute() {
    Config config = node(Map.of());

    assertThat(ClusterFormation.from(config)).isEqualTo(ClusterFormation.Method.SELF);
    assertThat(
            ClusterFormation.configure(config)
                .getString("pekko.management.http.routes.cluster-bootstrap"))
        .as("peers probe /bootstrap/seed-nodes only when the node bootstraps")
        .isEmpty();
  }

  @Test
  void theThreeLocalNodesBootstrapFromEachOthersManagementEndpoints() {
    for (int i = 1; i <= 3; i++) {
      Config config = NodeConfig.load("local" + i + ".conf", Map.of());

      assertThat(ClusterFormation.from(config)).isEqualTo(ClusterFormation.Method.BOOTSTRAP);
      assertThat(
              ClusterFormation.configure(config)
                  .getString("pekko.management.http.routes.cluster-bootstrap"))
          .isNotEmpty();
      List<Integer> contactPorts =
          config.getConfigList("pekko.discovery.config.services.joysync.endpoints").stream()
              .map(c -> c.getInt("port"))
              .toList();
      assertThat(contactPorts)
          .as("node %d's own management port is one of the contact points", i)
          .containsExactly(8551, 8552, 8553)
          .contains(config.getInt("pekko.management.http.port"));
      assertThat(config.getList("pekko.cluster.seed-nodes")).isEmpty();
    }
  }

  @Test
  void contactPointsGivenAsSystemPropertiesReadAsAList() {
    Config config =
        node(
            Map.of(
                "joysync.cluster.formation", "bootstrap",
                "pekko.discovery.config.services.joysync.endpoints.0.host", "joysync1",
                "pekko.discovery.config.services.joysync.endpoints.0.port", 8558,
                "pekko.discovery.config.services.joysync.endpoints.1.host", "joysync2",
                "pekko.discovery.config.services.joysync.endpoints.1.port", 8558));

    assertThat(ClusterFormation.from(config)).isEqualTo(ClusterFormation.Method.BOOTSTRAP);
    assertThat(config.getConfigList("pekko.discovery.config.services.joysync.endpoints"))
        .extracting(c -> c.getString("host"))
        .containsExactly("joysync1", "joysync2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "joysync.cluster.formation = cluster | joysync.cluster.formation | must be self, bootstrap or seed-nodes",
        "joysync.cluster.formation = seed-nodes | pekko.cluster.seed-nodes | needs at least one seed",
        "pekko.cluster.seed-nodes = [\"pekko://joysync@127.0.0.1:25521\"] | pekko.cluster.seed-nodes | formation = self does not use them",
        "joysync.cluster.formation = bootstrap | pekko.discovery.config.services.joysync.endpoints | lists no contact point",
        "joysync.cluster.join-self = false | joysync.cluster.join-self | was replaced by joysync.cluster.formation"
      })
  void aFormationThatContradictsTheOtherSettingsStopsTheNodeBeforeItStarts(
      String line, String setting, String problem) throws Exception {
    Path config = dir.resolve("formation.conf");
    Files.writeString(config, "include classpath(\"application.conf\")\n" + line + "\n");

    assertThatThrownBy(() -> ClusterFormation.from(NodeConfig.load(config.toString(), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid setting " + setting + ": ")
        .hasMessageContaining(problem);
    CliRun node = CliRun.of("node", "--config", config.toString());
    assertThat(node.exit()).isEqualTo(40);
    assertThat(node.err()).contains("Invalid setting " + setting + ": ").contains(problem);
    assertThat(node.out()).isEmpty();
  }
}
