package io.joysync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A joysync node as an operator runs it ({@code joysync node}, the production main class), in a JVM
 * of its own so that its resident memory is its own: started on given keyspaces with a given heap
 * limit, waited for until {@code /ready} answers, measured through {@code /proc} (resident set) and
 * {@code jcmd} (heap in use after a full collection), and stopped with SIGTERM.
 */
final class ForkedBenchNode implements AutoCloseable {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final Process process;
  private final Path log;
  private final int managementPort;

  private ForkedBenchNode(Process process, Path log, int managementPort) {
    this.process = process;
    this.log = log;
    this.managementPort = managementPort;
  }

  /**
   * Starts {@code joysync node} with {@code -Xmx<heap>}; {@code settings} become system properties
   * and {@code environment} the process's variables (keyspace prefix, Cassandra).
   */
  static ForkedBenchNode start(String heap, Map<String, String> settings, Map<String, String> env)
      throws IOException {
    int management = BenchNode.freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx" + heap);
    settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.joysync.app.Main",
            "node",
            "--http-port=" + BenchNode.freePort(),
            "--management-port=" + management,
            "--remote-port=" + BenchNode.freePort()));
    Path log = Files.createTempFile("bench-node-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return new ForkedBenchNode(pb.start(), log, management);
  }

  long pid() {
    return process.pid();
  }

  /** Waits until the node's {@code /ready} answers 200 on its management port. */
  void awaitReady(Duration limit) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the node exited with " + process.exitValue() + tail());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
    throw new IllegalStateException("the node was not ready within " + limit + tail());
  }

  /** The process's resident set (MB), from {@code /proc/<pid>/status}. */
  long residentMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid());
  }

  /** Heap in use (MB) after a full collection the node is asked to run. */
  long retainedHeapMb() throws Exception {
    jcmd("GC.run");
    Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!m.find()) {
      throw new IllegalStateException("jcmd GC.heap_info gave no heap in use");
    }
    return Long.parseLong(m.group(1)) / 1024;
  }

  private String jcmd(String what) throws Exception {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Process p =
        new ProcessBuilder(
                java.resolveSibling("jcmd").toString(), Long.toString(process.pid()), what)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + what + " failed: " + out);
    }
    return out;
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops the node with SIGTERM (its coordinated shutdown) and waits for it. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Files.deleteIfExists(log);
  }
}
