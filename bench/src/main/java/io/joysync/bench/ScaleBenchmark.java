package io.joysync.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * What one node carries (issue 16's scale benchmarks): N channels registered and idle, and the cost
 * of waking them. Phases, all on the local Cassandra in keyspaces of the run's own:
 *
 * <ol>
 *   <li><b>empty</b>: {@code joysync node} (the production main class, a JVM of its own with the
 *       given heap limit) started on the empty keyspaces and left idle; its resident set and heap
 *       retained after a full collection are the baseline.
 *   <li><b>load</b>: an in-process node signs the N channels up through their entities, as the
 *       operator's add does, and the read side and the watch schedule catch up; then it stops.
 *   <li><b>idle</b>: {@code joysync node} again, now with N registered channels, left idle: the
 *       same figures; the difference from the baseline is what the channels cost a node at rest.
 *   <li><b>activation</b>: an in-process node on the same keyspaces wakes K channel entities by
 *       reading their state (each recovers from Cassandra): the rate, the heap retained per
 *       resident entity, the resident count (sharding's own), and how long until the idle ones are
 *       passivated.
 * </ol>
 *
 * Discovery is switched off in every phase: with it on, each new channel's first check is due at
 * once and the run would measure a million feed checks instead of a node at rest (discovery's own
 * state lives in Cassandra and is read a bounded round at a time; its figures are the discovery
 * benchmark's).
 *
 * <p>Run: {@code JOYSYNC_LOG_LEVEL=WARN bench/run --main io.joysync.bench.ScaleBenchmark [channels]
 * [activate] [idle-seconds]} with Cassandra on 127.0.0.1:9042 ({@code CASSANDRA_PORT}); the forked
 * node's heap limit is {@code BENCH_NODE_HEAP} (1g).
 */
public final class ScaleBenchmark {

  private ScaleBenchmark() {}

  /** A forked node at rest: its start, resident set and retained heap. */
  record Rest(Duration ready, long peakRssMb, long lastRssMb, long retainedHeapMb) {}

  /** The waking of K entities. */
  record Wake(int count, Duration took, long residentAfter) {
    double perSecond() {
      return count * 1000.0 / Math.max(1, took.toMillis());
    }
  }

  public static void main(String[] args) throws Exception {
    int channels = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int activate = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Duration idle = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 180);
    String heap = System.getenv().getOrDefault("BENCH_NODE_HEAP", "1g");
    String contact = "127.0.0.1:" + System.getenv().getOrDefault("CASSANDRA_PORT", "9042");
    String prefix = "bench_scale_" + Long.toHexString(System.nanoTime());
    List<String> ids = new ArrayList<>(channels);
    for (int i = 0; i < channels; i++) {
      ids.add(DevnetSeed.generatedChannelId(i));
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "### One node at rest: %d registered channels, %d woken (heap limit %s)%n%n",
            channels,
            activate,
            heap));
    try {
      Rest empty = rest(prefix, contact, heap, idle);
      log("empty: %s", empty);

      Map<String, Object> settings = Map.of("joysync.discovery.enabled", false);
      BenchNode loader = BenchNode.start(prefix, contact, settings);
      Instant t0 = Instant.now();
      loader.signUp(ids, t0, 256).toCompletableFuture().join();
      Duration signUp = Duration.between(t0, Instant.now());
      log(
          "signed up %d in %s (%d attempts repeated)",
          channels, signUp, loader.signUpRetries.get());
      Instant t1 = Instant.now();
      awaitCaughtUp(loader, ids);
      Duration catchUp = Duration.between(t1, Instant.now());
      loader.stop();

      Rest full = rest(prefix, contact, heap, idle);
      log("with %d channels: %s", channels, full);

      BenchNode node = BenchNode.start(prefix, contact, settings);
      ResourceSampler sampler = new ResourceSampler();
      long heapBefore = sampler.retainedHeapMb();
      histogram("before-waking");
      long residentBefore = resident(node.node.system());
      List<String> sample = new ArrayList<>(ids);
      Collections.shuffle(sample, new Random(16));
      sample = sample.subList(0, Math.min(activate, sample.size()));
      Wake cold = wake(node.node.system(), sample);
      // Measured once the wake's own traces are gone (the asks' 60-s timeouts still sit in the
      // scheduler until they are due) and before the woken entities are idle for long enough to
      // be passivated (2 min).
      LockSupport.parkNanos(Duration.ofSeconds(65).toNanos());
      long heapAfter = sampler.retainedHeapMb();
      histogram("after-waking");
      Wake warm = wake(node.node.system(), sample);
      Instant passivating = Instant.now();
      log(
          "woke %s, again %s; %d resident; waiting for them to be passivated",
          cold, warm, cold.residentAfter());
      DiscoveryBenchmark.waitFor(
          "the woken entities to be passivated",
          Duration.ofMinutes(6),
          () -> resident(node.node.system()) == 0);
      Duration passivated = Duration.between(passivating, Instant.now());
      long heapPassivated = sampler.retainedHeapMb();
      sampler.close();
      node.stop();

      out.append(
          String.format(
              Locale.ROOT,
              "| phase | figure |%n|---|---|%n"
                  + "| sign-up of %d channels through their entities (256 in flight) | %s, %.0f"
                  + " channels/s (%d attempts repeated) |%n"
                  + "| read side and watch schedule caught up | %s after the last sign-up |%n"
                  + "| `joysync node`, empty keyspaces: ready after | %s |%n"
                  + "| the same: resident set, peak / after %s idle | %d MB / %d MB |%n"
                  + "| the same: heap retained after a full GC | %d MB |%n"
                  + "| `joysync node`, %d registered channels: ready after | %s |%n"
                  + "| the same: resident set, peak / after %s idle | %d MB / %d MB |%n"
                  + "| the same: heap retained after a full GC | %d MB |%n"
                  + "| resident channel entities at start, in-process node | %d |%n"
                  + "| woken from Cassandra (state read, 64 in flight) | %d in %s: %.0f/s |%n"
                  + "| resident after waking | %d |%n"
                  + "| heap retained, before / after waking | %d MB / %d MB: %.2f KB per"
                  + " resident entity |%n"
                  + "| the same %d asked again while resident | %s: %.0f/s |%n"
                  + "| all passivated (resident 0) after | %s; heap retained then %d MB |%n",
              channels,
              signUp,
              channels * 1000.0 / Math.max(1, signUp.toMillis()),
              loader.signUpRetries.get(),
              catchUp,
              empty.ready(),
              idle,
              empty.peakRssMb(),
              empty.lastRssMb(),
              empty.retainedHeapMb(),
              channels,
              full.ready(),
              idle,
              full.peakRssMb(),
              full.lastRssMb(),
              full.retainedHeapMb(),
              residentBefore,
              cold.count(),
              cold.took(),
              cold.perSecond(),
              cold.residentAfter(),
              heapBefore,
              heapAfter,
              (heapAfter - heapBefore) * 1000.0 / Math.max(1, cold.residentAfter()),
              warm.count(),
              warm.took(),
              warm.perSecond(),
              passivated,
              heapPassivated));
    } finally {
      try (CqlSession cql = session(contact)) {
        BenchNode.dropKeyspaces(cql, prefix);
      }
    }
    System.out.println(out);
    System.exit(0);
  }

  /** Starts {@code joysync node} on the keyspaces, leaves it idle, measures it, stops it. */
  private static Rest rest(String prefix, String contact, String heap, Duration idle)
      throws Exception {
    Instant start = Instant.now();
    try (ForkedBenchNode node =
        ForkedBenchNode.start(
            heap,
            Map.of("joysync.discovery.enabled", "false"),
            Map.of(
                "JOYSYNC_CASSANDRA_KEYSPACE_PREFIX", prefix,
                "JOYSYNC_CASSANDRA_CONTACT_POINT", contact,
                "JOYSYNC_LOG_LEVEL", "WARN"))) {
      node.awaitReady(Duration.ofMinutes(5));
      Duration ready = Duration.between(start, Instant.now());
      long peak = 0;
      long last = 0;
      Instant until = Instant.now().plus(idle);
      while (Instant.now().isBefore(until)) {
        last = node.residentMb();
        peak = Math.max(peak, last);
        LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
      }
      return new Rest(ready, peak, last, node.retainedHeapMb());
    }
  }

  /**
   * With {@code BENCH_HISTOGRAM} set to a folder, writes this JVM's class histogram of live objects
   * there ({@code jcmd GC.class_histogram}), to see what a resident entity is made of.
   */
  private static void histogram(String name) throws Exception {
    String dir = System.getenv("BENCH_HISTOGRAM");
    if (dir == null) {
      return;
    }
    Path launcher = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Process p =
        new ProcessBuilder(
                launcher.resolveSibling("jcmd").toString(),
                Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram")
            .redirectOutput(Path.of(dir, name + ".txt").toFile())
            .redirectErrorStream(true)
            .start();
    p.waitFor(120, TimeUnit.SECONDS);
  }

  /** Reads the state of each channel through its entity, 64 at a time. */
  private static Wake wake(ActorSystem<?> system, List<String> channelIds) throws Exception {
    ClusterSharding sharding = ClusterSharding.get(system);
    AtomicLong missing = new AtomicLong();
    Instant start = Instant.now();
    Source.from(channelIds)
        .mapAsyncUnordered(
            64,
            id ->
                sharding
                    .entityRefFor(ChannelEntity.ENTITY_KEY, id)
                    .<Optional<ChannelState>>ask(ChannelEntity.Get::new, Duration.ofSeconds(60))
                    .thenApply(
                        s -> {
                          if (s.isEmpty()) {
                            missing.incrementAndGet();
                          }
                          return s;
                        }))
        .runWith(Sink.ignore(), system)
        .toCompletableFuture()
        .get(30, TimeUnit.MINUTES);
    Duration took = Duration.between(start, Instant.now());
    if (missing.get() > 0) {
      throw new IllegalStateException(missing.get() + " woken channels had no state");
    }
    return new Wake(channelIds.size(), took, resident(system));
  }

  /** Channel entities resident on this node, as its shard region reports them. */
  static long resident(ActorSystem<?> system) {
    try {
      CurrentShardRegionState state =
          AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
                  ClusterSharding.get(system).shardState(),
                  reply -> new GetShardRegionState(ChannelEntity.ENTITY_KEY, reply),
                  Duration.ofSeconds(30),
                  system.scheduler())
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      return state.getShards().stream().mapToLong(s -> s.getEntityIds().size()).sum();
    } catch (Exception e) {
      throw new IllegalStateException("the shard region's state could not be read", e);
    }
  }

  /**
   * Waits until the read side has the last channels signed up (projections process in order, so the
   * last ones come last) and the watch schedule has them too.
   */
  private static void awaitCaughtUp(BenchNode node, List<String> ids) {
    List<String> last = ids.subList(Math.max(0, ids.size() - 200), ids.size());
    PreparedStatement read =
        node.cql.prepare(
            "SELECT channel_id FROM " + node.keyspace + ".channels WHERE channel_id = ?");
    PreparedStatement watch =
        node.cql.prepare(
            "SELECT channel_id FROM " + node.keyspace + ".watch_channels WHERE channel_id = ?");
    DiscoveryBenchmark.waitFor(
        "the read side and the watch schedule to catch up",
        Duration.ofMinutes(60),
        () ->
            last.stream()
                .allMatch(
                    id ->
                        node.cql.execute(read.bind(id)).one() != null
                            && node.cql.execute(watch.bind(id)).one() != null));
  }

  private static CqlSession session(String contact) {
    String[] hostPort = contact.split(":");
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
        .withLocalDatacenter("datacenter1")
        .build();
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "%s " + format + "%n", prepend(Instant.now(), args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
