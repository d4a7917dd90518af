package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine lost mid-sync, and nodes coming and going: three nodes, each in a JVM of its own, find
 * each other through Cluster Bootstrap (their management endpoints the contact points, listed in
 * configuration as in local1.conf) and form one cluster on the same keyspaces, created beforehand
 * with {@code joysync schema apply}, then sync two channels (66 videos). The node that holds the
 * signer account is killed with SIGKILL while videos are on their way; the two others down it (the
 * Split Brain Resolver's keep-majority, after its stable-after), take over its shards, the signer
 * account among them, and resume publishing. The killed node then comes back on its address and
 * joins the running cluster (with seed nodes, the first seed could form a second cluster here).
 * Then the node holding the account is cut off the network (a relay in front of its cluster port
 * drops every byte): it downs itself and exits, and the majority signs again only after its last
 * line. A fourth node, a download worker only (role pipeline), joins under load and takes shards:
 * it downloads, serves no API and never holds the account. One of the two left of the first three
 * leaves with SIGTERM (its pipeline drains, its shards move) and comes back, while the other
 * answers Atlas' API throughout. Afterwards every video has ended once: on chain exactly as many
 * videos per channel as synced ones, each attributed in Orion once, and no file left in a running
 * node's download folder. The time from the kill to the signer account's first extrinsic final on a
 * survivor is measured and printed (a figure for bench/RESULTS.md, not an assertion: this machine's
 * load moves it).
 */
@Needs(Service.CASSANDRA)
class NodeFailoverIntegrationTest {

  @TempDir static Path work;
  private static ForkedCluster cluster;
  private static List<ForkedNode> nodes;
  private static final List<TcpRelay> links = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = ForkedCluster.start("failover");
    nodes = cluster.nodes;
  }

  @AfterAll
  static void stop() throws Exception {
    for (TcpRelay link : links) {
      link.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theNodeHoldingTheSignerAccountIsKilledAndTheOthersFinishEveryVideoOnce() throws Exception {
    // Each node keeps its ports across restarts: its management endpoint is a contact point.
    List<ForkedNode.Ports> ports =
        List.of(ForkedNode.Ports.free(), ForkedNode.Ports.free(), ForkedNode.Ports.free());
    Map<String, String> settings = new HashMap<>(ForkedCluster.bootstrap(ports));
    // Files a node holds for videos that ended elsewhere are swept soon, not after 10 minutes.
    settings.put("joysync.pipeline.files-sweep-interval", "3s");
    List<Path> downloads = new ArrayList<>();
    List<ForkedNode.Launch> launches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      downloads.add(Files.createDirectories(work.resolve("node" + i).resolve("downloads")));
      // The node's cluster address is a relay to the port it binds: the test can cut it off.
      int bound = ForkedNode.Ports.fixedPort();
      links.add(TcpRelay.start(ports.get(i).remote(), bound));
      launches.add(
          cluster
              .launch
              .withLogDir(Files.createTempDirectory("joysync-failover-node" + i + "-logs"))
              .withConfig(settings)
              .withConfig(
                  Map.of(
                      "pekko.remote.artery.bind.port",
                      Integer.toString(bound),
                      // Its connections to the others come from an address of its own.
                      "pekko.remote.artery.advanced.tcp.outbound-client-hostname",
                      source(i).getHostAddress()))
              .withConfig(Devnets.syncSettings(downloads.get(i))));
    }
    // The schema first (three nodes starting at once never create a table side by side), then all
    // three together: the cluster forms once every contact point answers.
    launches.get(0).applySchema();
    for (int i = 0; i < 3; i++) {
      nodes.add(launches.get(i).spawn(ports.get(i)));
    }
    nodes.forEach(ForkedNode::awaitReady);
    awaitMembersUp(nodes.get(0), 3);

    ApiClient api = nodes.get(0).api();
    Devnets.whitelist(api, "@bobstarts");
    String bob = cluster.devnets.signUp(api, DevnetSeed.BOB, 2);
    String alice = cluster.devnets.signUp(api, DevnetSeed.ALICE, 1);
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

    Instant resumed = firstFinalExtrinsicAfter(survivors, killedAt);
    Duration takeover = Duration.between(killedAt, resumed);
    System.out.printf(
        "Node %d (of 3) killed; the signer account published again after %.1f s%n",
        host, takeover.toMillis() / 1000.0);

    // The killed node comes back on its address and joins the running cluster.
    nodes.set(host, launches.get(host).start(ports.get(host)));
    awaitMembersUp(nodes.get(host), 3);

    // A network partition: the node that holds the signer account now is cut off the network,
    // both ways (what reaches it and what it sends are dropped: a one-way cut lets its reports of
    // the others' unreachability through, and the resolver then downs them too, as Pekko does
    // with nodes seen only indirectly). Both sides see the other unreachable; the node alone is
    // the minority, downs itself and exits; the two others down it and restart its account only
    // once it is gone. So no two nodes ever sign for the account.
    int cutOff = signerHost();
    List<ForkedNode> majority = new ArrayList<>(nodes);
    majority.remove(cutOff);
    Instant cutAt = Instant.now();
    links.get(cutOff).blackhole();
    for (TcpRelay link : links) {
      link.dropFrom(source(cutOff));
    }
    int status = nodes.get(cutOff).awaitOwnExit(Duration.ofMinutes(1));
    Duration minorityGone = Duration.between(cutAt, Instant.now());
    assertThat(status).as("the cut-off node exits as a downed node").isEqualTo(255);
    assertThat(nodes.get(cutOff).jsonLog()).contains("This node was downed");
    Instant majoritySigned = firstFinalExtrinsicAfter(majority, cutAt);
    Instant minorityLast =
        signerLines(nodes.get(cutOff)).stream()
            .map(ForkedNode.SignerLine::at)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    List<Instant> majorityAfterCut =
        majority.stream()
            .flatMap(n -> signerLines(n).stream())
            .map(ForkedNode.SignerLine::at)
            .filter(at -> at.isAfter(cutAt))
            .sorted()
            .toList();
    assertThat(majorityAfterCut.get(0))
        .as("the majority's first work for the account comes after the minority's last")
        .isAfter(minorityLast);
    System.out.printf(
        "Node %d cut off: it exited as downed after %.1f s; the account published again on the"
            + " majority after %.1f s%n",
        cutOff,
        minorityGone.toMillis() / 1000.0,
        Duration.between(cutAt, majoritySigned).toMillis() / 1000.0);

    // A fourth node joins, a download worker only (role pipeline): it finds the cluster through
    // the contact points (its own among them), and the cluster hands it shards, a sync worker among
    // them; it serves no API and never holds the signer account.
    ForkedNode.Ports fourthPorts = ForkedNode.Ports.free();
    List<ForkedNode.Ports> withFourth = new ArrayList<>(ports);
    withFourth.add(fourthPorts);
    downloads.add(Files.createDirectories(work.resolve("node3").resolve("downloads")));
    nodes.add(
        cluster
            .launch
            .withLogDir(Files.createTempDirectory("joysync-failover-node3-logs"))
            .withConfig(settings)
            .withConfig(ForkedCluster.bootstrap(withFourth))
            .withConfig(Devnets.syncSettings(downloads.get(3)))
            .withConfig(Map.of("joysync.cluster.roles", "pipeline"))
            // A download worker holds no key: only the account's member id, to route by.
            .withoutEnvironment("JOYSYNC_SIGNER_KEY_URI", "JOYSYNC_APP_AUTH_KEY_SEED")
            .start(fourthPorts));
    ForkedNode fourth = nodes.get(3);
    awaitMembersUp(fourth, 3);
    Instant joinedAt = Instant.now();
    await("a sync worker moved to the fourth node")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              ApiClient.Reply shards =
                  fourth
                      .management()
                      .send(
                          "GET",
                          "/cluster/shards/sharded-daemon-process-sync-pipeline",
                          null,
                          TestNodes.OPERATOR_KEY);
              return shards.status() == 200 && !shards.json().path("regions").isEmpty();
            });
    Duration tookShards = Duration.between(joinedAt, Instant.now());
    System.out.printf(
        "A fourth node (pipeline only) joined; a sync worker moved to it %.1f s after it was Up%n",
        tookShards.toMillis() / 1000.0);
    assertThatThrownBy(() -> fourth.api().send("GET", "/status", null, null))
        .as("a pipeline-only node's HTTP port is closed")
        .isInstanceOf(AssertionError.class);

    // One of the two left leaves with SIGTERM (its pipeline drains, its shards move) and comes
    // back, while the other answers the API throughout.
    int leaving = (cutOff + 1) % 3;
    ApiClient third = nodes.get((cutOff + 2) % 3).api();
    long onTheirWay =
        65
            - UserVideos.of(third, alice).stream()
                .filter(NodeFailoverIntegrationTest::ended)
                .count();
    List<Integer> answers = new CopyOnWriteArrayList<>();
    ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
    prober.scheduleWithFixedDelay(
        () -> answers.add(UserVideos.listingStatus(third, alice)), 0, 200, TimeUnit.MILLISECONDS);
    try {
      nodes.get(leaving).stop();
      nodes.set(leaving, launches.get(leaving).start(ports.get(leaving)));
      awaitMembersUp(nodes.get(leaving), 3);
    } finally {
      prober.shutdownNow();
    }
    System.out.printf(
        "Node %d restarted with %d of alice's videos on their way; the API answered %d times%n",
        leaving, onTheirWay, answers.size());
    assertThat(answers).isNotEmpty().containsOnly(200);

    assertThat(signerLines(fourth))
        .as("the pipeline-only node never held the signer account")
        .isEmpty();
    // The cut-off node is gone with whatever it had downloaded; the others keep no file.
    List<Path> runningDownloads = new ArrayList<>(downloads);
    runningDownloads.remove(cutOff);
    SyncedOnce.assertAliceAndBob(
        cluster.devnets,
        third,
        alice,
        bob,
        "node "
            + host
            + " killed, node "
            + cutOff
            + " cut off, a fourth joined, node "
            + leaving
            + " restarted",
        runningDownloads.toArray(Path[]::new));
  }

  /** The loopback address node {@code i} connects to the others from (127.0.0.2 onwards). */
  private static InetAddress source(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** When the signer account's first extrinsic final after {@code since} was logged on them. */
  private static Instant firstFinalExtrinsicAfter(List<ForkedNode> on, Instant since) {
    AtomicReference<Instant> first = new AtomicReference<>();
    await("the signer account publishing again")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Optional<Instant> found =
                  on.stream()
                      .flatMap(n -> signerLines(n).stream())
                      .filter(l -> l.message().contains("final in block"))
                      .map(ForkedNode.SignerLine::at)
                      .filter(at -> at.isAfter(since))
                      .min(Comparator.naturalOrder());
              found.ifPresent(first::set);
              return found.isPresent();
            });
    return first.get();
  }

  private static boolean ended(JsonNode video) {
    return video.get("state").asText().matches("UploadSucceeded|VideoUnavailable::.*");
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
      for (ForkedNode.SignerLine l : signerLines(nodes.get(i))) {
        if (l.at().isAfter(latest)) {
          latest = l.at();
          host = i;
        }
      }
    }
    assertThat(host).as("a node logged the signer account's work").isNotNegative();
    return host;
  }

  private static List<ForkedNode.SignerLine> signerLines(ForkedNode node) {
    return node.signerLines();
  }
}
