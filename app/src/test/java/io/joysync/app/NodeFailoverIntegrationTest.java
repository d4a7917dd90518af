package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine lost mid-sync: three nodes, each in a JVM of its own, form one cluster on the same
 * keyspaces and sync two channels (66 videos). The node that holds the signer account is killed
 * with SIGKILL while videos are on their way; the two others down it (the Split Brain Resolver's
 * keep-majority, after its stable-after), take over its shards, the signer account among them, and
 * resume publishing. Afterwards every video has ended once: on chain exactly as many videos per
 * channel as synced ones, each attributed in Orion once, and no file left behind on the survivors.
 * The time from the kill to the signer account's first extrinsic final on a survivor is measured
 * and printed (a figure for bench/RESULTS.md, not an assertion: this machine's load moves it).
 */
@Needs(Service.CASSANDRA)
class NodeFailoverIntegrationTest {

  @TempDir static Path work;
  private static Devnets devnets;
  private static ForkedNode.Launch launch;
  private static final List<ForkedNode> nodes = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    devnets = Devnets.start();
    launch =
        ForkedNode.Launch.fresh("failover")
            .withConfig(devnets.nodeSettings())
            .withEnvironment(devnets.secrets());
  }

  @AfterAll
  static void stop() throws Exception {
    for (ForkedNode node : nodes) {
      node.close();
    }
    if (launch != null) {
      launch.dropKeyspaces();
    }
    if (devnets != null) {
      devnets.close();
    }
  }

  @Test
  void theNodeHoldingTheSignerAccountIsKilledAndTheOthersFinishEveryVideoOnce() throws Exception {
    int seedPort = TestCassandra.freePort();
    Map<String, String> cluster = new HashMap<>();
    cluster.put("pekko.cluster.seed-nodes.0", "pekko://joysync@127.0.0.1:" + seedPort);
    cluster.put("joysync.cluster.join-self", "false");
    List<Path> downloads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path dir = Files.createDirectories(work.resolve("node" + i));
      downloads.add(Files.createDirectories(dir.resolve("downloads")));
      ForkedNode.Launch own =
          launch
              .withLogDir(Files.createTempDirectory("joysync-failover-node" + i + "-logs"))
              .withConfig(cluster)
              .withConfig(Devnets.syncSettings(downloads.get(i)));
      // The seed first: it forms the cluster and creates the keyspaces; the others join it.
      nodes.add(i == 0 ? own.start(seedPort) : own.start());
    }
    awaitMembersUp(nodes.get(0), 3);

    ApiClient api = nodes.get(0).api();
    Devnets.whitelist(api, "@bobstarts");
    String bob = devnets.signUp(api, DevnetSeed.BOB, 2);
    String alice = devnets.signUp(api, DevnetSeed.ALICE, 1);
    Devnets.verify(api, 1, "Silver");
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> UserVideos.inState(api, alice, "UploadSucceeded") >= 5);

    // The node that signed last holds the account now.
    int host = signerHost();
    Instant killedAt = Instant.now();
    nodes.get(host).kill();
    List<ForkedNode> survivors = new ArrayList<>(nodes);
    survivors.remove(host);

    AtomicReference<Instant> resumed = new AtomicReference<>();
    await("the signer account publishing again on a survivor")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Optional<Instant> first =
                  survivors.stream()
                      .flatMap(n -> signerLines(n).stream())
                      .filter(l -> l.message().contains("final in block"))
                      .map(SignerLine::at)
                      .filter(at -> at.isAfter(killedAt))
                      .min(Comparator.naturalOrder());
              first.ifPresent(resumed::set);
              return first.isPresent();
            });
    Duration takeover = Duration.between(killedAt, resumed.get());
    System.out.printf(
        "Node %d (of 3) killed; the signer account published again after %.1f s%n",
        host, takeover.toMillis() / 1000.0);

    List<Path> survivorDownloads = new ArrayList<>(downloads);
    survivorDownloads.remove(host);
    SyncedOnce.assertAliceAndBob(
        devnets,
        survivors.get(0).api(),
        alice,
        bob,
        "node " + host + " killed",
        survivorDownloads.toArray(Path[]::new));
  }

  /** Waits until the cluster, as the node sees it, has this many members up. */
  private static void awaitMembersUp(ForkedNode node, int count) {
    await("members up")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              ApiClient.Reply members =
                  node.management().send("GET", "/cluster/members", null, TestNodes.OPERATOR_KEY);
              assertThat(members.status()).as(members.body()).isEqualTo(200);
              List<String> up = new ArrayList<>();
              members
                  .json()
                  .path("members")
                  .forEach(
                      m -> {
                        if (m.path("status").asText().equals("Up")) {
                          up.add(m.path("node").asText());
                        }
                      });
              assertThat(up).hasSize(count);
            });
  }

  /** The node whose log has the signer account's latest line. */
  private static int signerHost() {
    int host = -1;
    Instant latest = Instant.MIN;
    for (int i = 0; i < nodes.size(); i++) {
      for (SignerLine l : signerLines(nodes.get(i))) {
        if (l.at().isAfter(latest)) {
          latest = l.at();
          host = i;
        }
      }
    }
    assertThat(host).as("a node logged the signer account's work").isNotNegative();
    return host;
  }

  record SignerLine(Instant at, String message) {}

  /** The node's log lines about the signer account (member 1's controller account). */
  private static List<SignerLine> signerLines(ForkedNode node) {
    List<SignerLine> lines = new ArrayList<>();
    String log;
    try {
      log = node.jsonLog();
    } catch (IOException notYet) {
      return lines;
    }
    for (String line : log.split("\n")) {
      if (!line.contains(SyncPipelineIntegrationTest.SIGNER)) {
        continue;
      }
      try {
        JsonNode json = ApiClient.JSON.readTree(line);
        if (json.path("account").asText().equals(SyncPipelineIntegrationTest.SIGNER)) {
          lines.add(
              new SignerLine(
                  Instant.parse(json.path("@timestamp").asText()), json.path("message").asText()));
        }
      } catch (IOException partialLastLine) {
        // the line being written; the next look reads it whole
      }
    }
    return lines;
  }
}
