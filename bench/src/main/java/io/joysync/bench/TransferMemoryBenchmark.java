package io.joysync.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (c) of the pipeline issue: memory per transfer, whatever the file size (goal at most 16
 * MB). Each run is a JVM of its own ({@link TransferMemoryProbe}) that hashes and uploads {@code
 * count} copies of a file at once, as the node's hash and upload stages do, to a storage endpoint
 * in this JVM that reads every byte and answers as Colossus does (201); the same runs with the body
 * held in memory (what an HTTP client that may resend a body after a redirect does, the reason
 * youtube-synch turned redirects off) are the comparison, in the same harness. Then the largest
 * file goes through again in a JVM whose whole heap is {@code small-heap} MB, where the held bodies
 * cannot fit.
 *
 * <pre>bench/run --main io.joysync.bench.TransferMemoryBenchmark [count] [sizes MB...]</pre>
 */
public final class TransferMemoryBenchmark {

  private TransferMemoryBenchmark() {}

  record Result(
      String mode, long bytes, int count, long live, long peak, long idle, long ms, String heap) {
    double perTransferMb() {
      return (live - idle) / (double) count / 1_000_000;
    }

    /** The same from the heap in use, garbage included: an upper bound. */
    double inUsePerTransferMb() {
      return (peak - idle) / (double) count / 1_000_000;
    }
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    List<Long> sizesMb = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizesMb.add(Long.parseLong(args[i]));
    }
    if (sizesMb.isEmpty()) {
      sizesMb.addAll(List.of(16L, 128L, 512L));
    }
    Path dir = Files.createTempDirectory("joysync-transfer-bench");
    AtomicLong received = new AtomicLong();
    HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    sink.createContext(
        "/api/v1/files",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            byte[] chunk = new byte[64 * 1024];
            for (int n; (n = in.read(chunk)) > 0; ) {
              received.addAndGet(n);
            }
          }
          byte[] reply = "{\"id\":\"stored\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(201, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    var sinkThreads = Executors.newFixedThreadPool(Math.max(2, count));
    sink.setExecutor(sinkThreads);
    sink.start();
    String url = "http://127.0.0.1:" + sink.getAddress().getPort() + "/";
    List<Result> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try {
      for (long mb : sizesMb) {
        Path file = file(dir, mb);
        for (String mode : List.of("joysync", "buffered")) {
          long before = received.get();
          try {
            Result r = probe(mode, url, count, file, "3g");
            long expected = count * Files.size(file);
            if (received.get() - before < expected) {
              throw new IllegalStateException(
                  mode + ": the storage endpoint got " + (received.get() - before) + " bytes");
            }
            results.add(r);
          } catch (IllegalStateException e) {
            failures.add(mode + ", " + mb + " MB in -Xmx3g: " + e.getMessage());
          }
        }
        Files.delete(file);
      }
      long largest = sizesMb.get(sizesMb.size() - 1);
      Path file = file(dir, largest);
      String smallHeap = System.getProperty("small-heap", "48") + "m";
      List<String> smallRuns = new ArrayList<>();
      for (String mode : List.of("joysync", "buffered")) {
        try {
          Result r = probe(mode, url, count, file, smallHeap);
          results.add(r);
          smallRuns.add(mode + ": completed in " + r.ms() + " ms");
        } catch (IllegalStateException e) {
          smallRuns.add(mode + ": " + e.getMessage());
        }
      }
      Files.delete(file);
      report(count, results, smallHeap, largest, smallRuns);
      failures.forEach(f -> System.out.println("- did not complete: " + f));
    } finally {
      sink.stop(0);
      sinkThreads.shutdownNow();
      Files.deleteIfExists(dir);
    }
  }

  /** A file of {@code mb} MB of random bytes, written a megabyte at a time. */
  private static Path file(Path dir, long mb) throws IOException {
    Path file = dir.resolve("media-" + mb + "mb.bin");
    Random random = new Random(mb);
    byte[] chunk = new byte[1_000_000];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long i = 0; i < mb; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    return file;
  }

  private static Result probe(String mode, String url, int count, Path file, String heap)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx" + heap,
                "-Xms" + (heap.equals("3g") ? "64m" : heap),
                "-cp",
                System.getProperty("java.class.path"),
                TransferMemoryProbe.class.getName(),
                mode,
                url,
                Integer.toString(count),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith("RESULT ")) {
          result = line;
        } else if (output.length() < 2000) {
          output.append(line).append('\n');
        }
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || result == null) {
      p.destroyForcibly();
      String why = output.toString();
      throw new IllegalStateException(
          why.contains("OutOfMemoryError")
              ? "OutOfMemoryError (Java heap space)"
              : "failed: " + why.lines().findFirst().orElse("exit " + p.exitValue()));
    }
    String[] f = result.split(" ");
    return new Result(
        f[1],
        Long.parseLong(f[2]),
        Integer.parseInt(f[3]),
        Long.parseLong(f[4]),
        Long.parseLong(f[5]),
        Long.parseLong(f[6]),
        Long.parseLong(f[7]),
        heap);
  }

  private static void report(
      int count, List<Result> results, String smallHeap, long largest, List<String> smallRuns) {
    System.out.println();
    System.out.printf("### Memory per transfer, %d transfers at once%n%n", count);
    System.out.println(
        "| file | mode | heap | idle live heap (MB) | live heap, peak (MB) | per transfer (MB) |"
            + " heap in use, peak (MB) | per transfer, garbage incl. (MB) | took (s) |");
    System.out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      System.out.printf(
          "| %d MB | %s | -Xmx%s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
          r.bytes() / 1_000_000,
          r.mode().equals("joysync") ? "joysync (streamed)" : "body held in memory",
          r.heap(),
          r.idle() / 1e6,
          r.live() / 1e6,
          r.perTransferMb(),
          r.peak() / 1e6,
          r.inUsePerTransferMb(),
          r.ms() / 1000.0);
    }
    System.out.println();
    for (Result j : results) {
      if (j.mode().equals("joysync") && j.heap().equals("3g")) {
        results.stream()
            .filter(
                b -> b.mode().equals("buffered") && b.heap().equals("3g") && b.bytes() == j.bytes())
            .findFirst()
            .ifPresent(
                b ->
                    System.out.printf(
                        "- %d MB: per transfer %.1f MB streamed vs %.1f MB held: %.0fx%n",
                        j.bytes() / 1_000_000,
                        j.perTransferMb(),
                        b.perTransferMb(),
                        b.perTransferMb() / Math.max(0.1, j.perTransferMb())));
      }
    }
    System.out.printf(
        "- %d transfers of %d MB in a JVM of -Xmx%s: %s%n", count, largest, smallHeap, smallRuns);
  }
}
