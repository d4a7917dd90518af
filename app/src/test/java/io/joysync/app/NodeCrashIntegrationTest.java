package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A node process killed with SIGKILL right after acknowledging whitelist changes, then started
 * again, has lost none of them: an acknowledged change is in the journal, not in memory.
 */
@EnabledIf("io.joysync.app.TestCassandra#available")
class NodeCrashIntegrationTest {

  @Test
  void noAcknowledgedEntryIsLostToKillMinus9() throws Exception {
    String keyspaces = TestCassandra.freshKeyspacePrefix("crash");
    List<String> handles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      handles.add("@crash" + i + "x" + UUID.randomUUID().toString().substring(0, 6));
    }

    NodeProcess first = NodeProcess.start(keyspaces);
    try {
      for (String h : handles) {
        assertThat(
                first
                    .api
                    .send(
                        "POST",
                        "/channels/whitelist",
                        "[{\"channelHandle\":\"" + h + "\"}]",
                        OPERATOR_KEY)
                    .status())
            .isEqualTo(201);
      }
      assertThat(
              first
                  .api
                  .send("DELETE", "/channels/whitelist/" + handles.get(0), null, OPERATOR_KEY)
                  .status())
          .isEqualTo(200);
    } finally {
      first.kill();
    }

    NodeProcess second = NodeProcess.start(keyspaces);
    try {
      assertThat(
              second
                  .api
                  .send("GET", "/channels/whitelist/" + handles.get(0), null, OPERATOR_KEY)
                  .status())
          .isEqualTo(404);
      for (String h : handles.subList(1, handles.size())) {
        assertThat(second.api.send("GET", "/channels/whitelist/" + h, null, OPERATOR_KEY).status())
            .as("whitelisted %s before the crash", h)
            .isEqualTo(200);
      }
    } finally {
      second.kill();
    }
  }

  /** A node in a JVM of its own, started with the same command line a user runs. */
  private static final class NodeProcess {
    final Process process;
    final ApiClient api;

    private NodeProcess(Process process, ApiClient api) {
      this.process = process;
      this.api = api;
    }

    static NodeProcess start(String keyspaces) throws Exception {
      int http = TestCassandra.freePort();
      int management = TestCassandra.freePort();
      int remote = TestCassandra.freePort();
      Path logDir = Files.createTempDirectory("joysync-crash-test");
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(
                  System.getProperty("java.home")
                      + File.separator
                      + "bin"
                      + File.separator
                      + "java");
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              "io.joysync.app.Main",
              "node",
              "--http-port=" + http,
              "--management-port=" + management,
              "--remote-port=" + remote);
      pb.environment().put("JOYSYNC_CASSANDRA_KEYSPACE_PREFIX", keyspaces);
      pb.environment().put("JOYSYNC_CASSANDRA_CONTACT_POINT", TestCassandra.contactPoint());
      pb.environment().put("JOYSYNC_OPERATOR_KEY", OPERATOR_KEY);
      pb.environment().put("JOYSYNC_LOG_DIR", logDir.toString());
      pb.redirectErrorStream(true);
      pb.redirectOutput(logDir.resolve("console.log").toFile());
      Process p = pb.start();
      ApiClient managementApi = new ApiClient("http://127.0.0.1:" + management);
      try {
        managementApi.await("/ready", r -> r.status() == 200, Duration.ofSeconds(120));
      } catch (AssertionError e) {
        p.destroyForcibly();
        throw new AssertionError(
            e.getMessage() + "\n" + Files.readString(logDir.resolve("console.log")), e);
      }
      return new NodeProcess(p, new ApiClient("http://127.0.0.1:" + http));
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the cluster. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
