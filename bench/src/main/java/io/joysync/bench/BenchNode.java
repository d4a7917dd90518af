package io.joysync.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.joysync.app.Node;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelProfile;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.discovery.DiscoveryCounters;
import io.joysync.engine.discovery.DiscoveryRuntime;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One real joysync node for the discovery benchmark (the production composition root, {@link
 * Node#start}), its cadence scaled so that a simulated day passes in the run's duration, on the
 * local Cassandra in keyspaces of its own; and the node-side steps of the run: channels signed up
 * through their entities (as the operator's unauthorized add does), the counters, and reads of the
 * schedule and the tracked videos in Cassandra.
 */
final class BenchNode implements AutoCloseable {

  final Node.Running node;
  final String keyspace;
  final CqlSession cql;

  private BenchNode(Node.Running node, String keyspace, CqlSession cql) {
    this.node = node;
    this.keyspace = keyspace;
    this.cql = cql;
  }

  /** Starts the node; {@code scale} is how many simulated seconds pass in one real second. */
  static BenchNode start(String devnetUrl, double scale, String contactPoint) throws Exception {
    String prefix = "bench_disco_" + Long.toHexString(System.nanoTime());
    int httpPort = freePort();
    Map<String, Object> c = new HashMap<>();
    c.put("joysync.http.port", httpPort);
    c.put("joysync.youtube.devnet-base-url", devnetUrl);
    c.put("joysync.youtube.api-key", "devnet-api-key");
    c.put("joysync.youtube.client-id", "joysync-devnet.apps.googleusercontent.com");
    c.put("joysync.youtube.client-secret", "devnet-client-secret");
    c.put(
        "joysync.youtube.websub.callback-url", "http://127.0.0.1:" + httpPort + "/websub/callback");
    c.put("joysync.youtube.websub.secret", "benchmark-master-secret-0123456789");
    c.put("joysync.youtube.websub.lease-seconds", (long) (432_000 / scale));
    c.put("joysync.youtube.websub.renewal-margin", scaled(86_400, scale));
    c.put("joysync.discovery.chain.enabled", false);
    c.put("joysync.discovery.tick", "1s");
    c.put("joysync.discovery.resolve-interval", "500ms");
    c.put("joysync.discovery.feeds.max-requests-per-second", 100);
    c.put("joysync.discovery.feeds.active-interval", scaled(43_200, scale));
    c.put("joysync.discovery.feeds.dormant-interval", scaled(86_400, scale));
    c.put("joysync.discovery.feeds.active-window", scaled(172_800, scale));
    c.put("joysync.discovery.feeds.failure-backoff-min", scaled(300, scale));
    c.put("joysync.discovery.feeds.failure-backoff-max", scaled(21_600, scale));
    // Not scaled: how long the hub may take to verify depends on the hub, not on the simulated day.
    c.put("joysync.discovery.websub.subscribe-retry", "2m");
    c.put("joysync.discovery.unsyncable.recheck-min", scaled(3_600, scale));
    c.put("joysync.discovery.unsyncable.recheck-max", scaled(86_400, scale));
    return start(prefix, contactPoint, c);
  }

  /**
   * Starts a node on the keyspaces of {@code prefix} with {@code settings} over the defaults (its
   * HTTP port free unless given, management and cluster ports free, the JVM left running when it
   * stops).
   */
  static BenchNode start(String prefix, String contactPoint, Map<String, Object> settings)
      throws Exception {
    Map<String, Object> c = new HashMap<>();
    c.put("joysync.cassandra.keyspace-prefix", prefix);
    c.put("joysync.cassandra.contact-point", contactPoint);
    c.put("joysync.http.port", freePort());
    c.put("pekko.management.http.port", freePort());
    c.put("pekko.remote.artery.canonical.port", 0);
    c.put("pekko.coordinated-shutdown.exit-jvm", "off");
    c.putAll(settings);
    Config config =
        ConfigFactory.parseMap(c)
            .withFallback(ConfigFactory.parseResourcesAnySyntax("application"))
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    Node.Running node = Node.start(config);
    Node.Endpoints endpoints = node.endpoints().toCompletableFuture().get(180, TimeUnit.SECONDS);
    InetSocketAddress http = endpoints.http();
    Object httpPort = c.get("joysync.http.port");
    if (http.getPort() != ((Number) httpPort).intValue()) {
      throw new IllegalStateException("the node listens on " + http + ", not " + httpPort);
    }
    String[] hostPort = contactPoint.split(":");
    CqlSession cql =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
            .withLocalDatacenter("datacenter1")
            .build();
    return new BenchNode(node, prefix + "_read", cql);
  }

  private static String scaled(long seconds, double scale) {
    return Math.max(1, Math.round(seconds * 1000 / scale)) + "ms";
  }

  DiscoveryCounters counters() {
    return DiscoveryRuntime.get(node.system())
        .counters()
        .orElseThrow(() -> new IllegalStateException("discovery is not running yet"));
  }

  boolean discoveryRunning() {
    return DiscoveryRuntime.get(node.system()).counters().isPresent();
  }

  /**
   * Signs the channels up through their entities, a few at a time; completes when all are. A
   * sign-up that fails (a journal write timing out while the shared machine is loaded) is sent
   * again, a few times; the retries are counted and printed.
   */
  CompletionStage<Integer> signUp(List<String> channelIds, Instant at) {
    return signUp(channelIds, at, 32);
  }

  /** {@link #signUp(List, Instant)} with {@code parallelism} sign-ups in flight. */
  CompletionStage<Integer> signUp(List<String> channelIds, Instant at, int parallelism) {
    ClusterSharding sharding = ClusterSharding.get(node.system());
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    return Source.from(channelIds)
        .zipWithIndex()
        .mapAsyncUnordered(
            parallelism,
            pair ->
                org.apache.pekko.pattern.Patterns.retry(
                        () -> {
                          return sharding
                              .entityRefFor(ChannelEntity.ENTITY_KEY, pair.first())
                              .<ChannelState>askWithStatus(
                                  reply ->
                                      new ChannelEntity.SignUp(
                                          registration(pair.first(), 10_000 + pair.second(), at),
                                          reply),
                                  Duration.ofSeconds(30))
                              .whenComplete(
                                  (s, e) -> {
                                    if (e != null) {
                                      signUpRetries.incrementAndGet();
                                    }
                                  });
                        },
                        5,
                        Duration.ofSeconds(5),
                        node.system())
                    .thenApply(
                        s -> {
                          long n = done.incrementAndGet();
                          if (n % 10_000 == 0) {
                            System.err.printf(
                                java.util.Locale.ROOT,
                                "signed up %d at %s (%d failed attempts repeated)%n",
                                n,
                                Instant.now(),
                                signUpRetries.get());
                          }
                          return s;
                        }))
        .runWith(Sink.fold(0, (n, s) -> n + 1), node.system());
  }

  /** Sign-up attempts that failed and were repeated. */
  final java.util.concurrent.atomic.AtomicLong signUpRetries =
      new java.util.concurrent.atomic.AtomicLong();

  private static Registration registration(String channelId, long joystreamChannelId, Instant at) {
    return new Registration(
        Registration.operatorAddedUserId(channelId),
        "",
        joystreamChannelId,
        Optional.of("en"),
        true,
        Optional.of("868-2"),
        Optional.empty(),
        new ChannelProfile(
            channelId,
            "",
            Optional.empty(),
            Optional.of("en"),
            Map.of(),
            Optional.empty(),
            100,
            1,
            1_000,
            Optional.empty(),
            Optional.of("UU" + channelId.substring(2))),
        Optional.empty(),
        at);
  }

  /**
   * Moves every channel's lease end to a random point within one lease, as in a running cluster.
   */
  long ageLeases(List<String> channelIds, Duration margin, Duration lease) throws Exception {
    PreparedStatement update =
        cql.prepare(
            "UPDATE " + keyspace + ".watch_channels SET lease_end = ? WHERE channel_id = ?");
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(256);
    java.util.Random random = new java.util.Random(7);
    Instant now = Instant.now();
    long span = lease.minus(margin).toMillis();
    for (String id : channelIds) {
      inFlight.acquire();
      Instant end = now.plus(margin).plusMillis((long) (random.nextDouble() * span));
      cql.executeAsync(update.bind(end, id)).whenComplete((r, e) -> inFlight.release());
    }
    inFlight.acquire(256);
    return channelIds.size();
  }

  /** When each video was tracked (its record's creation time), absent when it is not. */
  Map<String, Instant> trackedAt(Map<String, String> channelOfVideo) throws Exception {
    PreparedStatement select =
        cql.prepare(
            "SELECT created_at FROM " + keyspace + ".videos WHERE channel_id = ? AND video_id = ?");
    Map<String, Instant> out = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(128);
    for (Map.Entry<String, String> e : channelOfVideo.entrySet()) {
      inFlight.acquire();
      CompletionStage<AsyncResultSet> read =
          cql.executeAsync(select.bind(e.getValue(), e.getKey()));
      read.whenComplete(
          (rs, error) -> {
            Row row = rs == null ? null : rs.one();
            if (row != null && row.getInstant(0) != null) {
              out.put(e.getKey(), row.getInstant(0));
            }
            inFlight.release();
          });
    }
    inFlight.acquire(128);
    return out;
  }

  static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Stops the node and leaves its keyspaces, for another node to start on. */
  void stop() throws Exception {
    terminate();
    cql.close();
  }

  private void terminate() throws Exception {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /**
   * Stops the node and drops the run's keyspaces: each run creates its own (some forty tables), and
   * a shared Cassandra that keeps them all runs out of heap.
   */
  @Override
  public void close() throws Exception {
    terminate();
    try {
      dropKeyspaces(cql, keyspace.substring(0, keyspace.length() - "_read".length()));
    } finally {
      cql.close();
    }
  }

  /** Drops the keyspaces of {@code prefix}; says so when one is left. */
  static void dropKeyspaces(CqlSession cql, String prefix) {
    try {
      for (String suffix : List.of("_journal", "_snapshot", "_read", "_offsets")) {
        cql.execute(
            com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                    "DROP KEYSPACE IF EXISTS " + prefix + suffix)
                .setTimeout(Duration.ofMinutes(2)));
      }
    } catch (RuntimeException e) {
      System.err.println("the run's keyspaces " + prefix + "_* were not all dropped: " + e);
    }
  }
}
