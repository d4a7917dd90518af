package io.joysync.bench;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.channel.Registration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Issue 16's capacity model, API side: how many of Atlas' requests one node answers. One node (the
 * production composition root, {@link BenchNode}) on fresh keyspaces with {@code channels}
 * registered channels (registered through their entities, as an operator's import does: no
 * Joystream channel link, so the requests by Joystream channel id are not among them), its read
 * side caught up; then each of Atlas' read requests in turn, from {@code clients} clients in this
 * JVM (each sends its next request when the last is answered), for {@code seconds} each: answers a
 * second, their latency (p50, p99) and anything but a 200.
 *
 * <p>The clients share the node's two cores (and Cassandra's), so the figures are a floor for a
 * node with cores of its own. Needs Cassandra. Arguments (all optional, in order): channels
 * (10000), clients (32), seconds per request kind (20), Cassandra contact point (127.0.0.1:9042).
 */
public final class ApiLoadBenchmark {

  private ApiLoadBenchmark() {}

  /** One kind of request: its name and the path of its {@code i}-th instance. */
  record Kind(String name, IntFunction<String> path) {}

  /** One kind's figures. */
  record Result(String name, long answered, long failed, double perSecond, long p50, long p99) {}

  public static void main(String[] args) throws Exception {
    int channels = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String contact = args.length > 3 ? args[3] : "127.0.0.1:9042";
    List<String> ids = new ArrayList<>(channels);
    for (int i = 0; i < channels; i++) {
      ids.add(DevnetSeed.generatedChannelId(i));
    }
    String prefix = "bench_api_" + Long.toHexString(System.nanoTime());
    int port = BenchNode.freePort();
    Map<String, Object> settings =
        Map.of(
            "joysync.discovery.enabled",
            false,
            "joysync.http.port",
            port,
            "pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay",
            "200ms",
            "pekko.persistence.cassandra.query.refresh-interval",
            "500ms");
    String base = "http://127.0.0.1:" + port;
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    List<Result> results = new ArrayList<>();
    String started = Instant.now() + ", load average " + PipelineBenchmark.loadAverage();
    try (BenchNode node = BenchNode.start(prefix, contact, settings)) {
      log("node up; signing up " + channels + " channels");
      node.signUp(ids, Instant.now(), 128).toCompletableFuture().join();
      // The read side lists the channels in the order they signed up: the last one comes last.
      String lastUser = Registration.operatorAddedUserId(ids.get(channels - 1));
      DiscoveryBenchmark.waitFor(
          "the read side to list the last channel",
          Duration.ofMinutes(30),
          () -> status(http, base + "/users/" + lastUser + "/videos") == 200);
      log("read side caught up; measuring");
      List<Kind> kinds =
          List.of(
              new Kind("GET /status", i -> "/status"),
              new Kind(
                  "GET /users/{userId}/videos",
                  i -> "/users/" + Registration.operatorAddedUserId(ids.get(i)) + "/videos"),
              new Kind("GET /channels (recent)", i -> "/channels"),
              new Kind("GET /referrers/top-referrers", i -> "/referrers/top-referrers"));
      // A short warm-up of every kind first: the figures are of a node that has served them.
      for (Kind k : kinds) {
        load(http, base, k, clients, 3, channels);
      }
      for (Kind k : kinds) {
        Result r = load(http, base, k, clients, seconds, channels);
        log(String.format(Locale.ROOT, "%s: %.0f/s", r.name(), r.perSecond()));
        results.add(r);
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "- run: one node, %d registered channels, %d clients, %d s per request kind; started"
                + " %s; finished %s, load average %s%n%n",
            channels,
            clients,
            seconds,
            started,
            Instant.now(),
            PipelineBenchmark.loadAverage()));
    b.append("| request | answered/s | p50 ms | p99 ms | not 200 |\n|---|---:|---:|---:|---:|\n");
    for (Result r : results) {
      b.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %.0f | %.1f | %.1f | %d |%n",
              r.name(),
              r.perSecond(),
              r.p50() / 1000.0,
              r.p99() / 1000.0,
              r.failed()));
    }
    System.out.println(b);
  }

  /** {@code clients} clients send requests of the kind for {@code seconds}. */
  private static Result load(
      HttpClient http, String base, Kind kind, int clients, int seconds, int channels)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<long[]>> work = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      work.add(
          pool.submit(
              () -> {
                List<Long> micros = new ArrayList<>();
                long failed = 0;
                while (System.nanoTime() < end) {
                  String path = kind.path().apply(ThreadLocalRandom.current().nextInt(channels));
                  long s = System.nanoTime();
                  int status = status(http, base + path);
                  micros.add((System.nanoTime() - s) / 1_000);
                  if (status != 200) {
                    failed++;
                  }
                }
                long[] out = new long[micros.size() + 1];
                out[0] = failed;
                for (int i = 0; i < micros.size(); i++) {
                  out[i + 1] = micros.get(i);
                }
                return out;
              }));
    }
    List<Long> all = new ArrayList<>();
    long failed = 0;
    for (Future<long[]> f : work) {
      long[] out = f.get();
      failed += out[0];
      for (int i = 1; i < out.length; i++) {
        all.add(out[i]);
      }
    }
    double took = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    Collections.sort(all);
    return new Result(
        kind.name(),
        all.size(),
        failed,
        all.size() / took,
        Figures.percentile(all, 0.50),
        Figures.percentile(all, 0.99));
  }

  private static int status(HttpClient http, String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static void log(String line) {
    System.err.println(Instant.now() + " api: " + line);
  }
}
