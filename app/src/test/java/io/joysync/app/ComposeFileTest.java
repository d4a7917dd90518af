package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} as a compose parser reads it (Debian's docker-compose; no container
 * engine runs): valid, with Cassandra, Elasticsearch, Kibana, the one-shot Kibana set-up and three
 * joysync nodes built from {@code deploy/Dockerfile} that find each other through Cluster
 * Bootstrap, ship their logs and wait for healthy services; and refused, naming the variable,
 * without the operator key.
 */
@Needs(Service.COMPOSE)
class ComposeFileTest {

  static final Path FILE = Path.of("..", "docker-compose.yml").toAbsolutePath().normalize();

  record Run(int exit, String out) {}

  static Run compose(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of("docker-compose", "-f", FILE.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    KEYS.keySet().forEach(pb.environment()::remove);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("docker-compose did not answer within 60 s");
    }
    return new Run(p.exitValue(), out);
  }

  static final Map<String, String> KEYS =
      Map.of(
          "JOYSYNC_OPERATOR_KEY", "compose-test-key",
          "JOYSYNC_TOKEN_KEY", "compose-token-key",
          "DISCORD_WEBHOOK_URL", "https://discord.example/api/webhooks/1/x",
          "EMAIL_RECIPIENTS", "ops@example.com");

  @Test
  void theComposeFileIsValidWithEveryServiceAndItsHealthChecks() throws Exception {
    Run services = compose(KEYS, "config", "--services");
    assertThat(services.exit()).as(services.out()).isZero();
    assertThat(services.out().lines().toList())
        .containsExactlyInAnyOrder(
            "cassandra",
            "elasticsearch",
            "kibana",
            "kibana-setup",
            "joysync1",
            "joysync2",
            "joysync3");

    Run resolved = compose(KEYS, "config");
    assertThat(resolved.exit()).as(resolved.out()).isZero();
    String yaml = resolved.out();
    assertThat(yaml)
        .contains("JOYSYNC_ELASTICSEARCH_URL: http://elasticsearch:9200")
        .contains("KIBANA_URL: http://kibana:5601")
        .contains("condition: service_healthy")
        .contains("- kibana")
        .contains("- apply");
    assertThat(yaml.split("GET /ready", -1)).as("a health check on each node").hasSize(4);
    assertThat(yaml.split("JOYSYNC_CLUSTER_FORMATION: bootstrap", -1))
        .as("every node joins through Cluster Bootstrap, never as a first seed")
        .hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(yaml)
          .as("each node's management endpoint is a contact point")
          .contains(
              "-Dpekko.discovery.config.services.joysync.endpoints."
                  + i
                  + ".host=joysync"
                  + (i + 1));
    }
    assertThat(yaml).doesNotContain("seed-nodes").contains("dockerfile: deploy/Dockerfile");
  }

  @Test
  void withoutTheOperatorKeyTheFileIsRefusedNamingIt() throws Exception {
    Map<String, String> withoutKey = new java.util.HashMap<>(KEYS);
    withoutKey.remove("JOYSYNC_OPERATOR_KEY");
    Run refused = compose(withoutKey, "config", "-q");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.out()).contains("set JOYSYNC_OPERATOR_KEY");
  }
}
