package io.joysync.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.app.ApiClient;
import io.joysync.app.Devnets;
import io.joysync.app.ForkedCluster;
import io.joysync.app.ForkedNode;
import io.joysync.app.TcpRelay;
import io.joysync.app.TestNodes;
import io.joysync.app.UserVideos;
import io.joysync.devnet.youtube.VideoKind;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.harness.TestEnvironment;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionVideo;
import io.joysync.joystream.storage.ChainState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Issue 16's chaos run: a three-node cluster (each node {@code joysync node} in a JVM of its own,
 * formed through Cluster Bootstrap on one Cassandra) syncs many channels while everything around it
 * fails:
 *
 * <ul>
 *   <li>the chain drops a share of the extrinsics it is sent, and Colossus fails a share of the
 *       uploads (the devnet's fault shares), for the whole run;
 *   <li>every {@code killEvery} seconds of the chaos window a node is killed with SIGKILL (no
 *       shutdown, no flush) and started again on its address, in turn; the kill in the middle of
 *       the window is a network partition instead: the node is cut off the network both ways
 *       (relays in front of the cluster ports drop its bytes), downs itself as the minority and
 *       exits, and starts again on its address once the link is back;
 *   <li>YouTube's quota is exhausted for 30 % of the window (from its first tenth; the Data API
 *       answers 403 quotaExceeded);
 *   <li>Elasticsearch, where every node ships its log lines, is down for 30 % of the window (from
 *       its middle; a relay in front of it closes every connection and refuses new ones).
 * </ul>
 *
 * After the window a fourth node, a download worker only (role {@code pipeline}, no key), joins and
 * takes a share of the work; then each of the first three in turn is restarted with SIGTERM (a
 * rolling restart) while a client asks a node that stays for a creator's videos every 200 ms. Then
 * it waits until every video has ended and reports: the answers during the rolling restart, videos
 * on chain against the syncable ones, duplicates (on chain beyond one per synced video, or
 * attributed twice in Orion), videos lost (syncable and not synced), the time to drain, what the
 * fourth node downloaded, and log lines lost (a node's JSON log file against the lines
 * Elasticsearch holds for it).
 *
 * <p>Needs Cassandra and Elasticsearch ({@code ./joysync services up cassandra elasticsearch}).
 * Arguments (all optional, in order): channels (20), videos per channel (55, every eleventh of a
 * kind that can never be synced), chaos minutes (10), seconds between kills (60), the run's limit
 * in minutes (60). With {@code JOYSYNC_CHAOS_PACING=production} the pipeline keeps production's
 * pacing (a first retry after 30 s, a poll every 2 s) instead of the multi-node tests' (2 s, 500
 * ms).
 */
public final class ChaosBenchmark {

  private static final double DROPPED_EXTRINSICS = 0.10;
  private static final double FAILED_UPLOADS = 0.05;

  /** The pipeline's pacing of a production node (pipeline.conf's defaults). */
  static final Map<String, String> PRODUCTION_PACING =
      Map.of("joysync.pipeline.retry-min", "30s", "joysync.pipeline.poll-interval", "2s");

  /** The kinds of the videos that can never be synced, in turn. */
  private static final VideoKind[] UNSYNCABLE = {
    VideoKind.UNAVAILABLE,
    VideoKind.GEO_BLOCKED,
    VideoKind.MEMBERS_ONLY,
    VideoKind.NOT_A_VIDEO,
    VideoKind.EMPTY_MEDIA
  };

  private ChaosBenchmark() {}

  public static void main(String[] args) throws Exception {
    int channels = arg(args, 0, 20);
    int perChannel = arg(args, 1, 55);
    Duration chaos = Duration.ofMinutes(arg(args, 2, 10));
    Duration killEvery = Duration.ofSeconds(arg(args, 3, 60));
    Duration limit = Duration.ofMinutes(arg(args, 4, 60));
    boolean productionPacing =
        "production".equals(System.getenv().getOrDefault("JOYSYNC_CHAOS_PACING", "tests"));

    List<PipelineWorld.Creator> creators = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      int channel = c;
      creators.add(
          PipelineWorld.creator(
              "chaos-" + c,
              c,
              c + 1,
              perChannel,
              c,
              i ->
                  i % 11 == 10
                      ? UNSYNCABLE[(channel + i / 11) % UNSYNCABLE.length]
                      : VideoKind.PUBLIC));
    }
    int syncable = 0;
    for (PipelineWorld.Creator c : creators) {
      syncable += (int) c.videos().stream().filter(v -> v.kind() == VideoKind.PUBLIC).count();
    }
    ChaosReport report = new ChaosReport();
    report.note(
        String.format(
            Locale.ROOT,
            "- run: %d channels of %d videos (%d syncable, %d never syncable), three nodes;"
                + " %.0f %% of extrinsics dropped and %.0f %% of uploads failed throughout; a node"
                + " killed every %d s for %d min; the pipeline's pacing: %s; started %s, load"
                + " average %s",
            channels,
            perChannel,
            syncable,
            channels * perChannel - syncable,
            DROPPED_EXTRINSICS * 100,
            FAILED_UPLOADS * 100,
            killEvery.toSeconds(),
            chaos.toMinutes(),
            productionPacing
                ? "production's (first retry after 30 s, a poll every 2 s)"
                : "the multi-node tests' (first retry after 2 s, a poll every 500 ms)",
            Instant.now(),
            PipelineBenchmark.loadAverage()));

    Devnets devnets =
        Devnets.start(
            YoutubeDevnetSettings.defaults()
                .withSocksProxies(0)
                .withDailyQuota(100_000_000)
                .withSeed(PipelineWorld.seed(creators)),
            PipelineWorld.joystream(creators));
    devnets.joystream.faults().setDropExtrinsicsShare(DROPPED_EXTRINSICS);
    devnets.joystream.faults().setStorageErrorShare(FAILED_UPLOADS);
    URI elasticsearch = URI.create(TestEnvironment.elasticsearchUrl());
    int elasticsearchRelayPort = ForkedNode.Ports.fixedPort();
    String run = Long.toHexString(System.nanoTime());
    try (ForkedCluster cluster = ForkedCluster.start("chaos", devnets);
        Relay logs = new Relay(elasticsearchRelayPort, elasticsearch.getPort())) {
      try (ChaosCluster nodes =
          ChaosCluster.start(
              cluster, elasticsearchRelayPort, "chaos-" + run + "-node", productionPacing)) {
        log("three nodes up; signing up " + channels + " channels");
        Map<String, PipelineWorld.Creator> users = new LinkedHashMap<>();
        for (PipelineWorld.Creator c : creators) {
          ApiClient api = nodes.anyApi();
          users.put(devnets.signUp(api, c.account(), c.joystreamChannelId()), c);
          Devnets.verify(api, c.joystreamChannelId(), "Silver");
        }
        Instant chaosStart = Instant.now();
        report.note("- sign-ups done " + Instant.now() + "; chaos starts");
        Progress progress = new Progress(nodes, users.keySet(), channels * perChannel);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        List<String> events = new CopyOnWriteArrayList<>();
        try {
          timers.scheduleWithFixedDelay(progress::print, 10, 10, TimeUnit.SECONDS);
          schedule(
              timers,
              events,
              chaosStart,
              chaos.multipliedBy(1).dividedBy(10),
              "YouTube quota exhausted",
              () -> devnets.youtube.faults().update(f -> f.withQuotaExhausted(true)));
          schedule(
              timers,
              events,
              chaosStart,
              chaos.multipliedBy(4).dividedBy(10),
              "YouTube quota back",
              () -> devnets.youtube.faults().update(f -> f.withQuotaExhausted(false)));
          schedule(
              timers, events, chaosStart, chaos.dividedBy(2), "Elasticsearch down", logs::down);
          schedule(
              timers,
              events,
              chaosStart,
              chaos.multipliedBy(8).dividedBy(10),
              "Elasticsearch back",
              logs::up);
          int rounds = (int) ((chaos.toMillis() - 1) / killEvery.toMillis());
          int partitionRound = rounds / 2;
          int killed = 0;
          for (Instant next = chaosStart.plus(killEvery);
              next.isBefore(chaosStart.plus(chaos));
              next = next.plus(killEvery)) {
            Duration wait = Duration.between(Instant.now(), next);
            if (!wait.isNegative()) {
              Thread.sleep(wait.toMillis());
            }
            int victim = killed % 3;
            long ended = progress.ended();
            if (killed == partitionRound) {
              event(
                  events,
                  chaosStart,
                  "node " + victim + " cut off the network both ways (" + ended + " videos ended)");
              ChaosCluster.Partition cut = nodes.cutOff(victim);
              event(
                  events,
                  chaosStart,
                  String.format(
                      Locale.ROOT,
                      "node %d exited after %.1f s (status %d%s); the link is back",
                      victim,
                      cut.exitedAfter().toMillis() / 1000.0,
                      cut.status(),
                      cut.downed() ? ", logged as downed" : ", NOT logged as downed"));
              report.partition(victim, cut.exitedAfter(), cut.status(), cut.downed());
            } else {
              nodes.kill(victim);
              event(events, chaosStart, "node " + victim + " killed (" + ended + " videos ended)");
            }
            nodes.restart(victim);
            event(events, chaosStart, "node " + victim + " ready again");
            killed++;
          }
          Duration rest = Duration.between(Instant.now(), chaosStart.plus(chaos));
          if (!rest.isNegative()) {
            Thread.sleep(rest.toMillis());
          }
          event(events, chaosStart, "chaos window over (quota and Elasticsearch were back before)");
          // A fourth node joins under load, a download worker only: no API, no key.
          nodes.join();
          nodes.awaitMembersUp(4);
          event(events, chaosStart, "a fourth node (role pipeline) joined");
          // A rolling restart while the backlog syncs: each node in turn leaves with SIGTERM (its
          // pipeline drains, its shards move) and starts again, once the three are up; Atlas' list
          // of a creator's videos is asked every 200 ms of a node that stays.
          String probed = users.keySet().iterator().next();
          List<Integer> answers = new CopyOnWriteArrayList<>();
          for (int i = 0; i < 3; i++) {
            int leaving = i;
            nodes.awaitMembersUp(4);
            ApiClient stays = nodes.api((i + 1) % 3);
            var prober =
                timers.scheduleWithFixedDelay(
                    () -> answers.add(UserVideos.listingStatus(stays, probed)),
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
            long ended = progress.ended();
            try {
              nodes.stop(leaving);
              event(
                  events, chaosStart, "node " + leaving + " stopped (" + ended + " videos ended)");
              nodes.restart(leaving);
              event(events, chaosStart, "node " + leaving + " ready again");
            } finally {
              prober.cancel(false);
            }
          }
          nodes.awaitMembersUp(4);
          event(events, chaosStart, "rolling restart over");

          Instant drained = progress.awaitDrained(chaosStart.plus(limit));
          Instant end = Instant.now();
          report.events(events);
          report.drain(
              Duration.between(chaosStart, drained == null ? end : drained),
              drained != null,
              Duration.between(chaosStart.plus(chaos), drained == null ? end : drained));
          report.rollingRestart(answers);
          report.joined(nodes.downloadedByJoined());
          outcome(report, devnets, nodes, users, syncable);
          report.logs(nodes.compareLogs(elasticsearch));
          report.note(
              "- finished " + Instant.now() + ", load average " + PipelineBenchmark.loadAverage());
        } finally {
          timers.shutdownNow();
        }
      }
    }
    System.out.println(report.markdown());
  }

  /** What ended where: per channel on chain and in Orion, and what was lost or made twice. */
  private static void outcome(
      ChaosReport report,
      Devnets devnets,
      ChaosCluster nodes,
      Map<String, PipelineWorld.Creator> users,
      int syncable)
      throws Exception {
    OrionClient orion = OrionClient.create(URI.create(devnets.joystream.orionUrl()));
    Map<String, Long> states = new HashMap<>();
    long onChain = 0;
    long duplicatesOnChain = 0;
    long attributedTwice = 0;
    long notInOrion = 0;
    long succeeded = 0;
    try (ChainConnection chain = new ChainConnection(URI.create(devnets.joystream.chainUrl()))) {
      ChainState state = chain.chainState().toCompletableFuture().get();
      for (Map.Entry<String, PipelineWorld.Creator> u : users.entrySet()) {
        List<JsonNode> videos = UserVideos.of(nodes.anyApi(), u.getKey());
        long mine = 0;
        for (JsonNode v : videos) {
          String s = v.get("state").asText();
          states.merge(s, 1L, Long::sum);
          if (s.equals("UploadSucceeded")) {
            mine++;
            List<OrionVideo> found = orion.videosByYtVideoId(v.get("id").asText(), "joysync").get();
            if (found.isEmpty()) {
              notInOrion++;
            } else if (found.size() > 1) {
              attributedTwice += found.size() - 1;
            }
          }
        }
        long numVideos =
            state.channel(u.getValue().joystreamChannelId(), null).get().orElseThrow().numVideos();
        onChain += numVideos;
        duplicatesOnChain += Math.max(0, numVideos - mine);
        succeeded += mine;
      }
    }
    report.outcome(
        syncable, succeeded, onChain, duplicatesOnChain, attributedTwice, notInOrion, states);
    report.filesLeft(nodes.filesLeft());
  }

  private static void schedule(
      ScheduledExecutorService timers,
      List<String> events,
      Instant start,
      Duration at,
      String what,
      Runnable action) {
    timers.schedule(
        () -> {
          action.run();
          event(events, start, what);
        },
        Duration.between(Instant.now(), start.plus(at)).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static void event(List<String> events, Instant start, String what) {
    String line =
        String.format(
            Locale.ROOT,
            "%6.1f s  %s",
            Duration.between(start, Instant.now()).toMillis() / 1000.0,
            what);
    events.add(line);
    log(line);
  }

  static void log(String line) {
    System.err.println(Instant.now() + " chaos: " + line);
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  /** How far the videos have got, read through any node's API. */
  private static final class Progress {
    private final ChaosCluster nodes;
    private final List<String> users;
    private final int total;
    private volatile long ended;
    private volatile Instant lastEnded = Instant.EPOCH;

    Progress(ChaosCluster nodes, Iterable<String> users, int total) {
      this.nodes = nodes;
      this.users = new ArrayList<>();
      users.forEach(this.users::add);
      this.total = total;
    }

    long ended() {
      return ended;
    }

    /** Counts the videos that ended; -1 while no node answers. */
    long count() {
      long n = 0;
      Instant last = Instant.EPOCH;
      try {
        ApiClient api = nodes.anyApi();
        for (String u : users) {
          for (JsonNode v : UserVideos.of(api, u)) {
            if (v.get("state").asText().matches("UploadSucceeded|VideoUnavailable::.*")) {
              n++;
              Instant at = Instant.parse(v.get("updatedAt").asText());
              last = at.isAfter(last) ? at : last;
            }
          }
        }
      } catch (AssertionError noAnswer) {
        return -1;
      }
      ended = n;
      lastEnded = last;
      return n;
    }

    void print() {
      long n = count();
      log(n < 0 ? "no node answered" : n + " of " + total + " videos ended");
    }

    /**
     * When the last video ended (its latest change), once every video has; null if that did not
     * happen before {@code deadline}.
     */
    Instant awaitDrained(Instant deadline) {
      Duration left = Duration.between(Instant.now(), deadline);
      try {
        await("every video ended")
            .atMost(left.isNegative() ? Duration.ofSeconds(1) : left)
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> count() == total);
        return lastEnded;
      } catch (ConditionTimeoutException notDrained) {
        return null;
      }
    }
  }

  /**
   * A relay in front of Elasticsearch that can be switched off: every open connection is closed and
   * new ones are refused (nothing listens on the port), as when Elasticsearch is down.
   */
  private static final class Relay implements AutoCloseable {
    private final int port;
    private final int target;
    private TcpRelay relay;

    Relay(int port, int target) throws java.io.IOException {
      this.port = port;
      this.target = target;
      this.relay = TcpRelay.start(port, target);
    }

    synchronized void down() {
      if (relay != null) {
        try {
          relay.close();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        relay = null;
      }
    }

    synchronized void up() {
      if (relay == null) {
        try {
          relay = TcpRelay.start(port, target);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    @Override
    public void close() {
      down();
    }
  }

  /**
   * The nodes of the run, each restarted on its own ports, log directory and downloads: three from
   * the start, each behind a relay on its cluster port that can cut it off, and a fourth that joins
   * later.
   */
  static final class ChaosCluster implements AutoCloseable {
    private final List<ForkedNode.Launch> launches;
    private final List<ForkedNode.Ports> ports;
    private final List<Path> downloads;
    private final List<String> indices;
    private final List<TcpRelay> links;
    private final AtomicReferenceArray<ForkedNode> running = new AtomicReferenceArray<>(4);
    private final ForkedCluster cluster;
    private final Map<String, String> settings;
    private final int elasticsearchPort;
    private final String indexPrefix;

    private ChaosCluster(
        ForkedCluster cluster,
        List<ForkedNode.Launch> launches,
        List<ForkedNode.Ports> ports,
        List<Path> downloads,
        List<String> indices,
        List<TcpRelay> links,
        Map<String, String> settings,
        int elasticsearchPort,
        String indexPrefix) {
      this.cluster = cluster;
      this.launches = launches;
      this.ports = ports;
      this.downloads = downloads;
      this.indices = indices;
      this.links = links;
      this.settings = settings;
      this.elasticsearchPort = elasticsearchPort;
      this.indexPrefix = indexPrefix;
    }

    static ChaosCluster start(
        ForkedCluster cluster, int elasticsearchPort, String indexPrefix, boolean productionPacing)
        throws Exception {
      List<ForkedNode.Ports> ports =
          new ArrayList<>(
              List.of(ForkedNode.Ports.free(), ForkedNode.Ports.free(), ForkedNode.Ports.free()));
      Map<String, String> settings = new HashMap<>(ForkedCluster.bootstrap(ports));
      settings.put("joysync.pipeline.files-sweep-interval", "3s");
      settings.putAll(productionPacing ? PRODUCTION_PACING : Map.of());
      List<ForkedNode.Launch> launches = new ArrayList<>();
      List<Path> downloads = new ArrayList<>();
      List<String> indices = new ArrayList<>();
      List<TcpRelay> links = new ArrayList<>();
      ChaosCluster c =
          new ChaosCluster(
              cluster,
              launches,
              ports,
              downloads,
              indices,
              links,
              settings,
              elasticsearchPort,
              indexPrefix);
      for (int i = 0; i < 3; i++) {
        // The node's cluster address is a relay to the port it binds, and its connections to the
        // others come from an address of its own: the run can cut it off both ways.
        int bound = ForkedNode.Ports.fixedPort();
        links.add(TcpRelay.start(ports.get(i).remote(), bound));
        launches.add(
            c.launch(i)
                .withConfig(
                    Map.of(
                        "pekko.remote.artery.bind.port",
                        Integer.toString(bound),
                        "pekko.remote.artery.advanced.tcp.outbound-client-hostname",
                        source(i).getHostAddress())));
      }
      launches.get(0).applySchema();
      for (int i = 0; i < 3; i++) {
        ForkedNode node = launches.get(i).spawn(ports.get(i));
        c.running.set(i, node);
        cluster.nodes.add(node);
      }
      for (int i = 0; i < 3; i++) {
        c.running.get(i).awaitReady(READY_WITHIN);
      }
      c.awaitMembersUp(3);
      return c;
    }

    /** Node {@code i}'s launch: its log folder, downloads and Elasticsearch index. */
    private ForkedNode.Launch launch(int i) throws java.io.IOException {
      Path dir = Files.createTempDirectory("joysync-chaos-node" + i + "-");
      ChaosBenchmark.log("node " + i + " logs into " + dir.resolve("logs") + " (kept)");
      downloads.add(Files.createDirectories(dir.resolve("downloads")));
      indices.add(indexPrefix + i);
      return cluster
          .launch
          .withLogDir(Files.createDirectories(dir.resolve("logs")))
          .withConfig(settings)
          .withConfig(Devnets.syncSettings(downloads.get(i)))
          .withEnvironment(
              Map.of(
                  "JOYSYNC_ELASTICSEARCH_URL",
                  "http://127.0.0.1:" + elasticsearchPort,
                  "JOYSYNC_ELASTICSEARCH_INDEX",
                  indices.get(i)));
    }

    /** The loopback address node {@code i} connects to the others from (127.0.0.2 onwards). */
    private static java.net.InetAddress source(int i) {
      try {
        return java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)});
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * A fourth node joins the running cluster, a download worker only (role {@code pipeline}): it
     * finds the cluster through the contact points (its own among them), holds no key and serves no
     * API.
     */
    void join() throws Exception {
      ForkedNode.Ports fourth = ForkedNode.Ports.free();
      List<ForkedNode.Ports> withFourth = new ArrayList<>(ports);
      withFourth.add(fourth);
      ports.add(fourth);
      launches.add(
          launch(3)
              .withConfig(ForkedCluster.bootstrap(withFourth))
              .withConfig(Map.of("joysync.cluster.roles", "pipeline"))
              .withoutEnvironment("JOYSYNC_SIGNER_KEY_URI", "JOYSYNC_APP_AUTH_KEY_SEED"));
      ForkedNode node = launches.get(3).spawn(fourth);
      cluster.nodes.add(node);
      node.awaitReady(READY_WITHIN);
      running.set(3, node);
    }

    /** How a cut-off node ended: how long it ran on alone, its exit status, its own words. */
    record Partition(Duration exitedAfter, int status, boolean downed) {}

    /**
     * Cuts node {@code i} off the network both ways and waits for it to down itself and exit (at
     * most a minute), then brings the link back.
     */
    Partition cutOff(int i) throws Exception {
      ForkedNode n = running.get(i);
      Instant at = Instant.now();
      links.get(i).blackhole();
      for (TcpRelay link : links) {
        link.dropFrom(source(i));
      }
      try {
        int status;
        try {
          status = n.awaitOwnExit(Duration.ofMinutes(1));
        } catch (AssertionError stillRunning) {
          // Reported as it is (status -1), and the run goes on without it.
          n.kill();
          status = -1;
        }
        running.set(i, null);
        return new Partition(
            Duration.between(at, Instant.now()),
            status,
            n.jsonLog().contains("This node was downed"));
      } finally {
        links.forEach(TcpRelay::heal);
      }
    }

    /** The videos the node that joined downloaded, as its log says. */
    List<String> downloadedByJoined() throws java.io.IOException {
      List<String> videos = new ArrayList<>();
      for (String line : running.get(3).jsonLog().split("\n")) {
        if (!line.contains(" downloaded (")) {
          continue;
        }
        try {
          JsonNode json = ApiClient.JSON.readTree(line);
          if (json.path("message").asText().contains(" downloaded (")) {
            videos.add(json.path("videoId").asText());
          }
        } catch (java.io.IOException partialLastLine) {
          // the line being written
        }
      }
      return videos;
    }

    @Override
    public void close() throws java.io.IOException {
      for (TcpRelay link : links) {
        link.close();
      }
    }

    /** The API of a node that is running now (the first that answers {@code /status}). */
    ApiClient anyApi() {
      AssertionError last = new AssertionError("no node runs");
      for (int i = 0; i < running.length(); i++) {
        ForkedNode n = running.get(i);
        if (n == null) {
          continue;
        }
        try {
          if (n.api().send("GET", "/status", null, null).status() == 200) {
            return n.api();
          }
        } catch (AssertionError noAnswer) {
          last = noAnswer;
        }
      }
      throw last;
    }

    void kill(int i) throws InterruptedException {
      ForkedNode n = running.getAndSet(i, null);
      n.kill();
    }

    /** Node {@code i}'s API (the node running now in its place). */
    ApiClient api(int i) {
      return running.get(i).api();
    }

    /** SIGTERM: the node leaves the cluster through coordinated shutdown. */
    void stop(int i) throws InterruptedException {
      ForkedNode n = running.getAndSet(i, null);
      n.stop();
    }

    /**
     * How long a node may take to be ready: the run loads the machine on purpose (three nodes,
     * their downloads, Cassandra and Elasticsearch on two cores), so a JVM takes long to start.
     */
    static final Duration READY_WITHIN = Duration.ofMinutes(5);

    void restart(int i) throws Exception {
      ForkedNode n = launches.get(i).spawn(ports.get(i));
      cluster.nodes.add(n);
      n.awaitReady(READY_WITHIN);
      running.set(i, n);
    }

    void awaitMembersUp(int count) {
      await("members up")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(
              () -> {
                ApiClient.Reply members =
                    running
                        .get(0)
                        .management()
                        .send("GET", "/cluster/members", null, TestNodes.OPERATOR_KEY);
                int up = 0;
                for (JsonNode m : members.json().path("members")) {
                  if (m.path("status").asText().equals("Up")) {
                    up++;
                  }
                }
                return members.status() == 200 && up == count;
              });
    }

    /** Files left in the nodes' download folders. */
    long filesLeft() throws java.io.IOException {
      long n = 0;
      for (Path folder : downloads) {
        try (Stream<Path> left = Files.walk(folder)) {
          n += left.filter(Files::isRegularFile).count();
        }
      }
      return n;
    }

    /** Each node's log file against what Elasticsearch holds of it (see {@link LogLedger}). */
    List<LogLedger.Comparison> compareLogs(URI elasticsearch) throws Exception {
      List<LogLedger.Comparison> out = new ArrayList<>();
      for (int i = 0; i < launches.size(); i++) {
        out.add(LogLedger.compare(i, launches.get(i).logDir(), elasticsearch, indices.get(i)));
      }
      indices.forEach(index -> LogLedger.delete(elasticsearch, index));
      return out;
    }
  }
}
