package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.publish.Publisher;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A joysync node in a JVM of its own, started with the command line a user runs ({@code joysync
 * node}), so that a test can kill it with SIGKILL (no shutdown hook, no flush, no goodbye to the
 * cluster) and start it again on the same keyspaces. Settings reach the child as {@code -D} system
 * properties, which {@link NodeConfig} ranks above the configuration file; secrets go through
 * environment variables so they never show in a process listing. Console output and the JSON log
 * land in a directory the test owns and can read afterwards.
 *
 * <p>A start returns only once the node answers {@code /ready} (polled with a deadline); the child
 * is killed when the test JVM exits, so a failed test never leaves a node running.
 */
public final class ForkedNode implements AutoCloseable {

  /**
   * How long a forked node may take to be ready: its first start on fresh keyspaces creates the
   * schema (tables and storage-attached indexes, each statement waiting for schema agreement),
   * which on a loaded two-core machine took over 90 s.
   */
  private static final Duration READY_WITHIN = Duration.ofSeconds(240);

  private static final DateTimeFormatter FIRST_BUCKET =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm");

  /**
   * How to start a node, reused for every restart: the same keyspaces, settings and log directory.
   *
   * @param keyspacePrefix the Cassandra keyspaces the node writes (journal, snapshots, read side)
   * @param config configuration paths and values, passed as system properties
   * @param environment environment variables (for secrets such as {@code JOYSYNC_TOKEN_KEY})
   * @param logDir where {@code console.log} and {@code joysync.json} are written (appended)
   */
  public record Launch(
      String keyspacePrefix,
      Map<String, String> config,
      Map<String, String> environment,
      Path logDir) {

    public Launch {
      config = Map.copyOf(config);
      environment = Map.copyOf(environment);
    }

    /** Names the environment variables but never shows their values (they hold secrets). */
    @Override
    public String toString() {
      return "Launch[keyspacePrefix="
          + keyspacePrefix
          + ", config="
          + config
          + ", environment="
          + new TreeSet<>(environment.keySet())
          + ", logDir="
          + logDir
          + "]";
    }

    /**
     * A launch on fresh keyspaces with a fresh log directory. Fresh keyspaces hold no event older
     * than this launch, so projections start scanning tag buckets an hour before it instead of at
     * the configured first bucket weeks ago (fixed here, so every restart scans the same range).
     */
    public static Launch fresh(String test) throws IOException {
      String firstBucket =
          FIRST_BUCKET.format(
              ZonedDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.HOURS));
      return new Launch(
          TestCassandra.freshKeyspacePrefix(test),
          Map.of("pekko.persistence.cassandra.events-by-tag.first-time-bucket", firstBucket),
          Map.of(),
          Files.createTempDirectory("joysync-" + test + "-logs"));
    }

    public Launch withConfig(Map<String, String> more) {
      Map<String, String> merged = new HashMap<>(config);
      merged.putAll(more);
      return new Launch(keyspacePrefix, merged, environment, logDir);
    }

    public Launch withEnvironment(Map<String, String> more) {
      Map<String, String> merged = new HashMap<>(environment);
      merged.putAll(more);
      return new Launch(keyspacePrefix, config, merged, logDir);
    }

    /** The same launch without the named environment variables (secrets a node must not get). */
    public Launch withoutEnvironment(String... names) {
      Map<String, String> kept = new HashMap<>(environment);
      for (String name : names) {
        kept.remove(name);
      }
      return new Launch(keyspacePrefix, config, kept, logDir);
    }

    /** The same launch logging into another directory: another node of the same cluster. */
    public Launch withLogDir(Path dir) {
      return new Launch(keyspacePrefix, config, environment, dir);
    }

    /** Starts a node on free ports and waits until it is ready. */
    public ForkedNode start() throws Exception {
      return start(Ports.free());
    }

    /**
     * Starts a node on the given ports (known beforehand: a contact point, a node coming back on
     * its address) and waits until it is ready.
     */
    public ForkedNode start(Ports ports) throws Exception {
      ForkedNode node = spawn(ports);
      node.awaitReady();
      return node;
    }

    /**
     * Starts a node on the given ports without waiting for it: nodes that form a cluster through
     * Cluster Bootstrap are ready only once all of them run. Wait with {@link #awaitReady}.
     */
    public ForkedNode spawn(Ports ports) throws IOException {
      return ForkedNode.spawn(this, ports);
    }

    /**
     * Runs {@code joysync schema apply} with this launch's settings, as a deployment does before it
     * starts several nodes at once: none of them then creates a keyspace or table.
     */
    public void applySchema() throws Exception {
      List<String> command = new ArrayList<>(javaCommand(config));
      command.addAll(List.of("schema", "apply"));
      Process process = processBuilder(this, command).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("joysync schema apply did not end within 120 s");
      }
      assertExit(process, "joysync schema apply", logDir);
    }

    /**
     * Drops the keyspaces the nodes created, so test runs do not pile up in Cassandra. Clean-up
     * only: a Cassandra too busy to answer is reported on stderr and does not fail the test.
     */
    public void dropKeyspaces() {
      try (CqlSession cassandra = cassandraSession()) {
        List<String> mine = new ArrayList<>();
        for (Row r : cassandra.execute("SELECT keyspace_name FROM system_schema.keyspaces")) {
          if (r.getString("keyspace_name").startsWith(keyspacePrefix + "_")) {
            mine.add(r.getString("keyspace_name"));
          }
        }
        for (String keyspace : mine) {
          cassandra.execute(
              SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                  .setTimeout(Duration.ofSeconds(60)));
        }
      } catch (DriverException e) {
        System.err.println("Keyspaces " + keyspacePrefix + "_* not dropped: " + e.getMessage());
      }
    }
  }

  /** A Cassandra session of the test's own: the driver's defaults, not a node's configuration. */
  static CqlSession cassandraSession() {
    OptionsMap options = OptionsMap.driverDefaults();
    options.put(TypedDriverOption.CONTACT_POINTS, List.of(TestCassandra.contactPoint()));
    options.put(TypedDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, "datacenter1");
    options.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20));
    options.put(TypedDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(20));
    return CqlSession.builder().withConfigLoader(DriverConfigLoader.fromMap(options)).build();
  }

  private final Process process;
  private final Thread reaper;
  private final ApiClient api;
  private final ApiClient management;
  private final Path logDir;

  private ForkedNode(
      Process process, Thread reaper, ApiClient api, ApiClient management, Path logDir) {
    this.process = process;
    this.reaper = reaper;
    this.api = api;
    this.management = management;
    this.logDir = logDir;
  }

  /** A node's ports: its HTTP API, its management endpoint and its cluster address. */
  public record Ports(int http, int management, int remote) {

    /**
     * Three ports free now, below Linux's ephemeral range (32768 and up): a node keeps its ports
     * across restarts, and a port the kernel handed out as free may meanwhile be the source port of
     * some outbound connection, which a port below that range never is.
     */
    public static Ports free() throws IOException {
      return new Ports(fixedPort(), fixedPort(), fixedPort());
    }

    /** One port free now, below the ephemeral range (see {@link #free}). */
    public static int fixedPort() throws IOException {
      for (int attempt = 0; attempt < 100; attempt++) {
        int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          return probe.getLocalPort();
        } catch (IOException inUse) {
          // another one
        }
      }
      throw new IOException("no free port between 20000 and 32000");
    }
  }

  private static ForkedNode spawn(Launch launch, Ports ports) throws IOException {
    Map<String, String> config = new HashMap<>();
    config.put("joysync.http.ask-timeout", "20s");
    // Projections see new events sooner than production needs (which waits 5 s for stragglers).
    config.put("pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay", "200ms");
    config.put("pekko.persistence.cassandra.query.refresh-interval", "500ms");
    config.putAll(launch.config());
    List<String> command = new ArrayList<>(javaCommand(config));
    command.addAll(
        List.of(
            "node",
            "--http-port=" + ports.http(),
            "--management-port=" + ports.management(),
            "--remote-port=" + ports.remote()));
    Process process = processBuilder(launch, command).start();
    Thread reaper = new Thread(process::destroyForcibly, "kill-forked-node-" + process.pid());
    Runtime.getRuntime().addShutdownHook(reaper);
    return new ForkedNode(
        process,
        reaper,
        new ApiClient("http://127.0.0.1:" + ports.http()),
        new ApiClient("http://127.0.0.1:" + ports.management()),
        launch.logDir());
  }

  /** {@code java ... io.joysync.app.Main} with the given settings as system properties. */
  private static List<String> javaCommand(Map<String, String> config) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-Xmx256m");
    // Short-lived nodes on a small machine: the quick compiler only, one GC thread.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    // The production logging setup (console and the JSON file), not the test class path's.
    command.add("-Dlogback.configurationFile=" + productionLogging());
    config.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.joysync.app.Main"));
    return command;
  }

  /**
   * Where the production logging configuration is: the {@code logback.xml} that cluster-config
   * ships next to {@code joysync.conf}. A class path holds others (the devnet's; a benchmark's own,
   * first), so it is named by its location rather than looked up by name.
   */
  private static String productionLogging() {
    URL conf = ForkedNode.class.getClassLoader().getResource("joysync.conf");
    if (conf == null) {
      throw new IllegalStateException(
          "joysync.conf (module cluster-config) is not on the class path");
    }
    String location = conf.toString();
    return location.substring(0, location.length() - "joysync.conf".length()) + "logback.xml";
  }

  /** The launch's environment (keyspaces, Cassandra, secrets), output appended to its console. */
  private static ProcessBuilder processBuilder(Launch launch, List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("JOYSYNC_CASSANDRA_KEYSPACE_PREFIX", launch.keyspacePrefix());
    pb.environment().put("JOYSYNC_CASSANDRA_CONTACT_POINT", TestCassandra.contactPoint());
    pb.environment().put("JOYSYNC_OPERATOR_KEY", OPERATOR_KEY);
    pb.environment().put("JOYSYNC_LOG_DIR", launch.logDir().toString());
    pb.environment().putAll(launch.environment());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(console(launch.logDir()).toFile()));
    return pb;
  }

  private static void assertExit(Process process, String what, Path logDir) {
    if (process.exitValue() != 0) {
      throw new AssertionError(
          what + " exited with " + process.exitValue() + "\n" + consoleOutput(logDir));
    }
  }

  /**
   * Waits until {@code /ready} answers 200; fails early if the process dies. A node that is not
   * ready in time is killed, and the failure carries its console output.
   */
  public void awaitReady() {
    awaitReady(READY_WITHIN);
  }

  /** The same, waiting up to {@code within} (a machine loaded on purpose starts nodes slowly). */
  public void awaitReady(Duration within) {
    try {
      awaitReadyAnswer(within);
    } catch (AssertionError e) {
      process.destroyForcibly();
      throw new AssertionError(e.getMessage() + "\n" + consoleOutput(), e);
    }
  }

  private void awaitReadyAnswer(Duration within) {
    AtomicReference<String> last = new AtomicReference<>("no answer");
    try {
      Awaitility.await("the forked node ready")
          .atMost(within)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .failFast("the node exited before ready", () -> !process.isAlive())
          .until(
              () -> {
                try {
                  ApiClient.Reply ready = management.send("GET", "/ready", null, null);
                  last.set(ready.status() + " " + ready.body());
                  return ready.status() == 200;
                } catch (AssertionError notListeningYet) {
                  last.set(notListeningYet.getMessage());
                  return false;
                }
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("node not ready within " + within + "; last: " + last.get());
    } catch (TerminalFailureException e) {
      throw new AssertionError("the node exited with " + process.exitValue() + " before ready");
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
  }

  private static Path console(Path logDir) {
    return logDir.resolve("console.log");
  }

  /** The node's HTTP API (Atlas' and the operators' side). */
  public ApiClient api() {
    return api;
  }

  /** The node's management port ({@code /ready}, {@code /cluster/...}). */
  public ApiClient management() {
    return management;
  }

  /** SIGKILL, then waits until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    awaitExit();
  }

  /** SIGTERM: the node leaves through coordinated shutdown and flushes its logs. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    awaitExit();
  }

  /** Waits up to {@code within} for the node to end by itself (downed, say); its exit status. */
  public int awaitOwnExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("node process " + process.pid() + " still ran after " + within);
    }
    awaitExit();
    return process.exitValue();
  }

  private void awaitExit() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("node process " + process.pid() + " did not exit");
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway and finds the process gone
    }
  }

  /** Everything the node printed, across every start with this log directory. */
  public String consoleOutput() {
    return consoleOutput(logDir);
  }

  private static String consoleOutput(Path logDir) {
    try {
      return Files.readString(console(logDir), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no console output: " + e.getMessage() + ")";
    }
  }

  /** The node's JSON log lines (what the Elasticsearch appender ships), of every start. */
  public String jsonLog() throws IOException {
    return Files.readString(logDir.resolve("joysync.json"), StandardCharsets.UTF_8);
  }

  /** A line of the node's JSON log about the signer account. */
  public record SignerLine(Instant at, String message) {}

  /**
   * The node's log lines of the signer account itself (member 1's controller account), so far: what
   * the node holding it logged. The publisher's periodic status line names the account on every
   * node, so it is left out.
   */
  public List<SignerLine> signerLines() {
    List<SignerLine> lines = new ArrayList<>();
    String log;
    try {
      log = jsonLog();
    } catch (IOException notYet) {
      return lines;
    }
    for (String line : log.split("\n")) {
      if (!line.contains(SyncPipelineIntegrationTest.SIGNER)) {
        continue;
      }
      try {
        JsonNode json = ApiClient.JSON.readTree(line);
        if (json.path("account").asText().equals(SyncPipelineIntegrationTest.SIGNER)
            && !json.path("log.logger").asText().equals(Publisher.class.getName())) {
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

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
