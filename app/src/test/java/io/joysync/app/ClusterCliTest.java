package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code joysync cluster ...} run in-process through {@link Main}'s command line against a cluster
 * of three real nodes: what the operator reads, the exit codes, the refusals (a member that does
 * not exist, a malformed address, a wrong or missing key), a leave that takes a node out, and a
 * down after which the downed node shuts itself down within the downed-exit deadline.
 */
@Needs(Service.CASSANDRA)
class ClusterCliTest {

  private static final List<TestNodes.Started> nodes = new ArrayList<>();
  private static String seed;
  private static String managementUrl;
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    String keyspaces = TestCassandra.freshKeyspacePrefix("clustercli");
    int seedPort = TestCassandra.freePort();
    seed = "pekko://joysync@127.0.0.1:" + seedPort;
    // The seed first, so that it alone creates the keyspaces; then two more nodes join it.
    for (int port : List.of(seedPort, TestCassandra.freePort(), TestCassandra.freePort())) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("pekko.remote.artery.canonical.port", port);
      settings.put("pekko.cluster.seed-nodes", List.of(seed));
      settings.put("joysync.cluster.formation", "seed-nodes");
      settings.put("datastax-java-driver.advanced.session-leak.threshold", 16);
      nodes.add(TestNodes.start(keyspaces, settings));
    }
    managementUrl = nodes.get(0).management().baseUrl();
  }

  @AfterAll
  static void stop() throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (!nodes.get(i).node().system().whenTerminated().isCompleted()) {
        nodes.get(i).stop();
      }
    }
  }

  private Run run(String key, String... args) throws Exception {
    Path keyFile = Files.createTempFile(dir, "operator", ".key");
    Files.writeString(keyFile, key + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    if (all.stream().noneMatch(a -> a.equals("--management-url"))) {
      all.addAll(List.of("--management-url", managementUrl));
    }
    all.addAll(List.of("--operator-key-file", keyFile.toString()));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private Run operator(String... args) throws Exception {
    return run(TestNodes.OPERATOR_KEY, args);
  }

  @Test
  void membersShowsTheSeedUpAndReachableAndShardsCountPerEntityType() throws Exception {
    Run members = operator("cluster", "members");
    Run shards = operator("cluster", "shards");

    assertThat(members.exitCode()).as(members.err()).isZero();
    assertThat(members.out())
        .contains("as " + seed + " sees them")
        .containsPattern("\\Q" + seed + "\\E\\s+Up\\s+yes\\s+api,pipeline,signer,dc-default");
    assertThat(shards.exitCode()).as(shards.err()).isZero();
    assertThat(shards.out())
        .contains("Shards hosted by " + seed)
        .containsPattern("Channel\\s+\\d+\\s+\\d+")
        .containsPattern("Whitelist\\s+\\d+\\s+\\d+")
        .containsPattern("total\\s+\\d+\\s+\\d+");
  }

  @Test
  void aMemberThatDoesNotExistOrAMalformedAddressIsRefusedAndNothingChanges() throws Exception {
    Run down = operator("cluster", "down", "127.0.0.1:1");
    Run leave = operator("cluster", "leave", "pekko://joysync@127.0.0.1:1");
    Run malformed = operator("cluster", "down", "not an address");

    assertThat(down.exitCode()).isEqualTo(30);
    assertThat(down.err())
        .contains("HTTP 404 MEMBER_NOT_FOUND")
        .contains("No member of this cluster has the address pekko://joysync@127.0.0.1:1")
        .contains("nothing was changed");
    assertThat(leave.exitCode()).isEqualTo(30);
    assertThat(leave.err()).contains("HTTP 404 MEMBER_NOT_FOUND");
    assertThat(malformed.exitCode()).isEqualTo(30);
    assertThat(malformed.err())
        .contains("HTTP 400 INVALID_MEMBER_ADDRESS")
        .contains("'not an address' is not a member address");
    assertThat(operator("cluster", "members").out())
        .containsPattern("\\Q" + seed + "\\E\\s+Up\\s+yes");
  }

  @Test
  void aWrongOrMissingKeyOrABadUrlStopsWithItsExitCodeAndTheKeyIsNeverPrinted() throws Exception {
    Run wrong = run("not-the-operator-key", "cluster", "down", seed);
    Run missing = run("", "cluster", "members");
    Run badUrl = operator("cluster", "members", "--management-url", "ftp://somewhere");
    Run unreachable =
        operator(
            "cluster",
            "members",
            "--management-url",
            "http://127.0.0.1:" + TestCassandra.freePort());

    assertThat(wrong.exitCode()).isEqualTo(30);
    assertThat(wrong.err()).contains("HTTP 401 INVALID_OPERATOR_KEY");
    assertThat(missing.exitCode()).isEqualTo(40);
    assertThat(missing.err()).contains("No usable operator key");
    assertThat(badUrl.exitCode()).isEqualTo(40);
    assertThat(badUrl.err()).contains("--management-url must be an http(s) URL");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).contains("Could not reach the node's management endpoint");
    for (Run run : List.of(wrong, missing, badUrl, unreachable)) {
      assertThat(run.out() + run.err())
          .doesNotContain(TestNodes.OPERATOR_KEY)
          .doesNotContain("not-the-operator-key");
    }
    // The refused down changed nothing.
    assertThat(operator("cluster", "members").out())
        .containsPattern("\\Q" + seed + "\\E\\s+Up\\s+yes");
  }

  @Test
  void leaveTakesTheSecondNodeOutOfTheCluster() throws Exception {
    TestNodes.Started second = nodes.get(1);
    String secondAddress = second.node().system().address().toString();
    awaitMembers("the second node Up", out -> out.contains(secondAddress + " "));

    Run leave = operator("cluster", "leave", secondAddress.replace("pekko://", ""));

    assertThat(leave.exitCode()).as(leave.err()).isZero();
    assertThat(leave.out()).contains("Leaving " + secondAddress);
    awaitMembers("the second node gone", out -> !out.contains(secondAddress + " "));
    second.node().system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void aDownedNodeShutsItselfDownWithinTheDownedExitDeadline() throws Exception {
    TestNodes.Started third = nodes.get(2);
    String thirdAddress = third.node().system().address().toString();
    String hostPort = thirdAddress.substring(thirdAddress.indexOf('@') + 1);
    awaitMembers("the third node Up", out -> out.contains(thirdAddress + " "));

    long downedAt = System.nanoTime();
    Run down = operator("cluster", "down", hostPort);

    assertThat(down.exitCode()).as(down.err()).isZero();
    assertThat(down.out()).contains("Downing " + thirdAddress);
    third.node().system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Duration stopped = Duration.ofNanos(System.nanoTime() - downedAt);
    // In production the node is halted at the deadline (10 s) whatever it still waits for; here
    // (exit-jvm off) its own coordinated shutdown must already end within it.
    assertThat(stopped)
        .as("time from the down to the end of its shutdown")
        .isLessThan(Duration.ofSeconds(10));
    awaitMembers("the third node gone", out -> !out.contains(thirdAddress + " "));
  }

  private void awaitMembers(String what, java.util.function.Predicate<String> done) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> operator("cluster", "members").out(), done);
  }
}
