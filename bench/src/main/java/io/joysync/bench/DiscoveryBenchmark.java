package io.joysync.bench;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.discovery.DiscoveryCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Discovery at scale on one node: N channels watched through a simulated day against the YouTube
 * devnet (forked into its own JVM), with WebSub on and every cadence scaled so that the day passes
 * in the run's duration, and uploads at the mission's rate (one per channel per week). Phases:
 * sign-up of every channel through its entity; the join (each channel subscribed to the hub and
 * polled once); leases spread as in a running cluster; the simulated day; the stragglers; an idle
 * minute. The report compares the Data API units with one measured sweep of youtube-synch's
 * 2-minute polling over the same channels.
 *
 * <p>Run: {@code JOYSYNC_LOG_LEVEL=WARN bench/run --main io.joysync.bench.DiscoveryBenchmark
 * [channels] [day-minutes]} with Cassandra on 127.0.0.1:9042 ({@code CASSANDRA_PORT}).
 */
public final class DiscoveryBenchmark {

  private DiscoveryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int channels = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Duration day = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 30);
    double scale = 86_400.0 / day.toSeconds();
    String port = System.getenv().getOrDefault("CASSANDRA_PORT", "9042");
    List<String> ids = new ArrayList<>(channels);
    for (int i = 0; i < channels; i++) {
      ids.add(DevnetSeed.generatedChannelId(i));
    }
    Report report = new Report(channels, day, scale);
    Path log = Files.createTempFile("bench-devnet-", ".log");
    try (ForkedYoutubeDevnet devnet = ForkedYoutubeDevnet.start(channels, log);
        BenchNode node = BenchNode.start(devnet.baseUrl(), scale, "127.0.0.1:" + port);
        ResourceSampler sampler = new ResourceSampler()) {
      waitFor("discovery to run", Duration.ofMinutes(10), node::discoveryRunning);
      DiscoveryCounters counters = node.counters();

      sampler.reset();
      Instant t0 = Instant.now();
      node.signUp(ids, t0).toCompletableFuture().join();
      report.phase("sign-up through the entities", t0, sampler.usage());

      sampler.reset();
      Instant t1 = Instant.now();
      waitFor(
          "every channel subscribed and polled",
          Duration.ofMinutes(60),
          () -> devnet.hubSubscriptions() >= channels && counters.get("feedRequests") >= channels);
      report.phase("join: subscribe and first poll", t1, sampler.usage());
      report.joinFigures(counters, devnet.hubSubscriptions());

      Duration lease = Duration.ofMillis((long) (432_000_000 / scale));
      Duration margin = Duration.ofMillis((long) (86_400_000 / scale));
      node.ageLeases(ids, margin, lease);

      Snapshot before = Snapshot.of(counters, devnet);
      sampler.reset();
      Instant dayStart = Instant.now();
      Map<String, Instant> uploadedAt = new ConcurrentHashMap<>();
      Map<String, String> channelOf = new ConcurrentHashMap<>();
      upload(devnet, ids, day, uploadedAt, channelOf);
      Snapshot after = Snapshot.of(counters, devnet);
      report.day(before, after, sampler.usage(), uploadedAt.size());

      waitFor(
          "the day's uploads to be tracked",
          Duration.ofMinutes(3),
          () -> counters.get("videosTracked") - before.tracked() >= uploadedAt.size());
      Map<String, Instant> trackedAt = node.trackedAt(channelOf);
      Snapshot tracked = Snapshot.of(counters, devnet);
      report.latency(uploadedAt, trackedAt, before, tracked);
      report.activations(before, tracked);

      Snapshot idleStart = Snapshot.of(counters, devnet);
      LockSupport.parkNanos(Duration.ofSeconds(60).toNanos());
      report.idle(idleStart, Snapshot.of(counters, devnet), Duration.ofSeconds(60));
      report.retainedHeap(sampler.retainedHeapMb());

      report.youtubeSynchSweep(YoutubeSynchSweep.run(devnet, ids));
    }
    System.out.println(report.markdown());
    Files.deleteIfExists(log);
    System.exit(0);
  }

  /**
   * Uploads {@code channels / 7} videos (one per channel per week, for one day) at random times
   * spread over the day, each on a random channel; records when each was uploaded.
   */
  private static void upload(
      ForkedYoutubeDevnet devnet,
      List<String> ids,
      Duration day,
      Map<String, Instant> uploadedAt,
      Map<String, String> channelOf) {
    Random random = new Random(42);
    int count = Math.max(1, ids.size() / 7);
    long[] offsets = new long[count];
    for (int i = 0; i < count; i++) {
      offsets[i] = (long) (random.nextDouble() * day.toNanos());
    }
    java.util.Arrays.sort(offsets);
    long start = System.nanoTime();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long wait = start + offsets[i] - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String channel = ids.get(random.nextInt(ids.size()));
      Instant at = Instant.now();
      sent.add(
          devnet
              .upload(channel, "Upload-" + i)
              .thenAccept(
                  videoId -> {
                    uploadedAt.put(videoId, at);
                    channelOf.put(videoId, channel);
                  }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
  }

  /** Waits until {@code done}, checking every second; fails after {@code limit}. */
  static void waitFor(String what, Duration limit, java.util.function.BooleanSupplier done) {
    Instant deadline = Instant.now().plus(limit);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("gave up waiting for " + what + " after " + limit);
      }
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
    System.err.printf(Locale.ROOT, "%s: done at %s%n", what, Instant.now());
  }

  /** The counters, the devnet's quota and the hub's verifications at one moment. */
  record Snapshot(Map<String, Long> counters, long quota, long verifications, Instant at) {
    static Snapshot of(DiscoveryCounters counters, ForkedYoutubeDevnet devnet) {
      return new Snapshot(
          counters.snapshot(), devnet.quotaUsed(), devnet.hubVerifications(), Instant.now());
    }

    long get(String name) {
      return counters.getOrDefault(name, 0L);
    }

    long tracked() {
      return get("videosTracked");
    }
  }
}
