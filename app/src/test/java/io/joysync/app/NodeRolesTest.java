package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A node's roles as configured: every role by default, a chosen few handed to Pekko as its cluster
 * roles, and a list that names no role, an unknown one or one twice refused before the node starts.
 */
class NodeRolesTest {

  @TempDir Path dir;

  @Test
  void aNodeHasEveryRoleUnlessToldOtherwise() {
    assertThat(
            NodeRoles.configure(NodeConfig.load(null, Map.of()))
                .getStringList("pekko.cluster.roles"))
        .containsExactly("api", "pipeline", "signer");
  }

  @Test
  void theChosenRolesBecomePekkosClusterRoles() {
    var config =
        NodeRoles.configure(NodeConfig.load(null, Map.of(NodeRoles.SETTING, " Pipeline ,signer")));

    assertThat(config.getStringList("pekko.cluster.roles")).containsExactly("pipeline", "signer");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | is empty; a node needs at least one of api, pipeline and signer",
        "api, downloader | \"downloader\" is not a role; the roles are api, pipeline and signer",
        "api,,signer | \"\" is not a role",
        "signer, api, signer | names signer twice"
      })
  void aListThatNamesNoRoleAnUnknownOneOrOneTwiceStopsTheNode(String roles, String problem)
      throws Exception {
    assertThatThrownBy(
            () -> NodeRoles.from(NodeConfig.load(null, Map.of(NodeRoles.SETTING, roles))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid setting joysync.cluster.roles: ")
        .hasMessageContaining(problem);

    Path config = dir.resolve("roles.conf");
    Files.writeString(
        config,
        "include classpath(\"application.conf\")\njoysync.cluster.roles = \""
            + roles.replace("\"", "")
            + "\"\n");
    CliRun node = CliRun.of("node", "--config", config.toString());
    assertThat(node.exit()).isEqualTo(40);
    assertThat(node.err()).contains("Invalid setting joysync.cluster.roles: ");
    assertThat(node.out()).isEmpty();
  }
}
