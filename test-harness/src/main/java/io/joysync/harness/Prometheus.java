package io.joysync.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's package) for one test: it listens on loopback only, keeps its
 * data in a temporary directory removed when it stops, and scrapes the given targets at a short
 * interval. Also runs {@code promtool}, the package's checker of rule files.
 */
public final class Prometheus implements AutoCloseable {

  private static final Pattern FIRST_VALUE =
      Pattern.compile("\"value\"\\s*:\\s*\\[\\s*[0-9.eE+-]+\\s*,\\s*\"([^\"]+)\"\\s*]");

  private final Process process;
  private final Path dir;
  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Prometheus(Process process, Path dir, URI url) {
    this.process = process;
    this.dir = dir;
    this.url = url;
  }

  static Optional<Path> executable(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(d, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts Prometheus scraping {@code metricsPath} of each {@code host:port} target every {@code
   * interval}. It may take a few seconds before it answers: see {@link #ready()}.
   */
  public static Prometheus scraping(List<String> targets, String metricsPath, Duration interval)
      throws IOException {
    Path prometheus =
        executable("prometheus").orElseThrow(() -> new IOException("no prometheus on the PATH"));
    Path dir = Files.createTempDirectory("joysync-prometheus-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String every = interval.toMillis() + "ms";
    StringBuilder config = new StringBuilder();
    config.append("global:\n  scrape_interval: ").append(every).append('\n');
    config.append("  evaluation_interval: ").append(every).append('\n');
    config.append("scrape_configs:\n  - job_name: joysync\n");
    config.append("    metrics_path: ").append(metricsPath).append('\n');
    config.append("    static_configs:\n      - targets: [");
    config.append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList()));
    config.append("]\n");
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config);
    Process process =
        new ProcessBuilder(
                prometheus.toString(),
                "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    return new Prometheus(process, dir, URI.create("http://127.0.0.1:" + port));
  }

  public URI url() {
    return url;
  }

  /** Whether the server answers its readiness check (false while it starts, or when it died). */
  public boolean ready() throws IOException {
    if (!process.isAlive()) {
      throw new IOException("prometheus exited: " + log());
    }
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** The value of the first series an instant PromQL query answers, empty while it answers none. */
  public Optional<Double> query(String promql) throws IOException {
    HttpResponse<String> reply =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (reply.statusCode() != 200) {
      throw new IOException(
          "the query " + promql + " answered " + reply.statusCode() + ": " + reply.body());
    }
    Matcher m = FIRST_VALUE.matcher(reply.body());
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  /** The answer of Prometheus's targets API (each target's health and last error), for messages. */
  public String targets() {
    try {
      return get("/api/v1/targets").body();
    } catch (IOException e) {
      return "(the targets API did not answer: " + e.getMessage() + ")";
    }
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private String log() {
    try {
      String all = Files.readString(dir.resolve("prometheus.log"));
      return all.length() > 2000 ? all.substring(all.length() - 2000) : all;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** What promtool said of a file, and whether it found it valid (or its tests passing). */
  public record Check(boolean valid, String output) {}

  public static Check checkRules(Path rules) throws IOException, InterruptedException {
    return promtool("check", rules);
  }

  /** What {@code promtool test rules} said of a file of rule unit tests. */
  public static Check testRules(Path tests) throws IOException, InterruptedException {
    return promtool("test", tests);
  }

  private static Check promtool(String command, Path file)
      throws IOException, InterruptedException {
    Path promtool =
        executable("promtool").orElseThrow(() -> new IOException("no promtool on the PATH"));
    Process p =
        new ProcessBuilder(promtool.toString(), command, "rules", file.getFileName().toString())
            .directory(file.toAbsolutePath().getParent().toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("promtool did not finish within 60 s");
    }
    return new Check(p.exitValue() == 0, output);
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
