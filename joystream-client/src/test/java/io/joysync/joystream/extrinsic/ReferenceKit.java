package io.joysync.joystream.extrinsic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the polkadot.js reference kit with node. {@code ./joysync test} installs a copy of the kit
 * and names it in {@code JOYSTREAM_REFERENCE_KIT}; otherwise the kit next to the repository
 * (../../shared/joystream-reference) is used, copied to a temp directory and installed with {@code
 * npm ci --offline} (from the npm cache) when it has no node_modules. Tests are skipped with a
 * message when node, the kit or its packages are not available.
 */
final class ReferenceKit {
  private static final Path KIT = Path.of("..", "..", "shared", "joystream-reference");
  private static Path ready;
  private static String unavailable;

  private ReferenceKit() {}

  /** The directory to run node in, or a JUnit skip with the reason. */
  static synchronized Path directory() {
    if (ready == null && unavailable == null) {
      try {
        prepare();
      } catch (IOException e) {
        unavailable = "reference kit could not be prepared: " + e.getMessage();
      }
    }
    Assumptions.assumeTrue(unavailable == null, () -> "SKIPPED: " + unavailable);
    return ready;
  }

  private static void prepare() throws IOException {
    String installed = System.getenv("JOYSTREAM_REFERENCE_KIT");
    if (installed != null
        && Files.isDirectory(Path.of(installed).resolve("node_modules/@polkadot/types"))) {
      ready = Path.of(installed);
      return;
    }
    if (!Files.isRegularFile(KIT.resolve("decode.mjs"))) {
      unavailable = "no reference kit at " + KIT.toAbsolutePath().normalize();
      return;
    }
    Result node = run(KIT, 30, "node", "--version");
    if (node.exit() != 0) {
      unavailable = "node is not installed: " + node.output();
      return;
    }
    if (Files.isDirectory(KIT.resolve("node_modules/@polkadot/types"))) {
      ready = KIT;
      return;
    }
    Path copy = Files.createTempDirectory("joystream-reference-");
    try (Stream<Path> files = Files.list(KIT)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Result npm = run(copy, 300, "npm", "ci", "--offline", "--no-audit", "--no-fund");
    if (npm.exit() != 0) {
      unavailable =
          "the kit's node_modules are missing and `npm ci --offline` failed: "
              + npm.output().lines().reduce((a, b) -> b).orElse("");
      return;
    }
    ready = copy;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(copy)));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory left behind is harmless
    }
  }

  record Result(int exit, String output) {}

  /** Runs a command with a deadline; output is stdout and stderr together. */
  static Result run(Path dir, int timeoutSeconds, String... command) throws IOException {
    Path out = Files.createTempFile("kit-run-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      boolean done;
      try {
        done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException("interrupted while running " + command[0], e);
      }
      if (!done) {
        p.destroyForcibly();
        return new Result(-1, command[0] + " timed out after " + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Runs {@code node script args...} in the kit directory. */
  static Result node(String script, List<String> args) throws IOException {
    Path dir = directory();
    List<String> cmd = new ArrayList<>();
    cmd.add("node");
    cmd.add(script);
    cmd.addAll(args);
    return run(dir, 180, cmd.toArray(String[]::new));
  }
}
