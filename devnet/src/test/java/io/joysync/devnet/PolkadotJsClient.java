package io.joysync.devnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The polkadot.js script under {@code src/test/polkadot}, ready to run with node. {@code ./joysync
 * test} installs its packages once into the state folder and names that folder in {@code
 * JOYSYNC_POLKADOT_CLIENT}; otherwise they are installed with {@code npm ci} into a temporary
 * folder for this run. When node or the packages cannot be had, the test is skipped, or failed on
 * CI (see {@link ExternalTools}).
 */
final class PolkadotJsClient {
  private static final Path SOURCE = Path.of("src", "test", "polkadot");
  private static final List<String> FILES =
      List.of("package.json", "package-lock.json", ".npmrc", "drive-devnet.mjs");
  private static Path ready;
  private static String missing;

  private PolkadotJsClient() {}

  /** What a run printed and how it ended. */
  record Run(int exit, String stdout, String stderr) {}

  /** The folder to run the script in (its packages installed), or the test is skipped/failed. */
  static synchronized Path directory() throws IOException {
    if (ready == null && missing == null) {
      prepare();
    }
    if (missing != null) {
      ExternalTools.unavailable(missing);
    }
    return ready;
  }

  private static void prepare() throws IOException {
    Run node = run(SOURCE, 30, "node", "--version");
    if (node.exit() != 0) {
      missing = "node is not installed, so polkadot.js cannot be run: " + node.stderr();
      return;
    }
    String installed = System.getenv("JOYSYNC_POLKADOT_CLIENT");
    if (installed != null && installedFrom(Path.of(installed))) {
      ready = Path.of(installed);
      copySources(ready);
      return;
    }
    Path copy = Files.createTempDirectory("devnet-polkadot-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(copy)));
    copySources(copy);
    Run npm = run(copy, 300, "npm", "ci", "--omit=optional", "--no-audit", "--no-fund");
    if (npm.exit() != 0) {
      missing =
          "`npm ci` of the polkadot.js packages failed: "
              + (npm.stderr() + npm.stdout()).lines().reduce((a, b) -> b).orElse("");
      return;
    }
    ready = copy;
  }

  /** Whether a folder holds the packages of our current lock file. */
  private static boolean installedFrom(Path dir) throws IOException {
    Path lock = dir.resolve("package-lock.json");
    return Files.isDirectory(dir.resolve("node_modules/@polkadot/api"))
        && Files.isRegularFile(lock)
        && Files.mismatch(lock, SOURCE.resolve("package-lock.json")) == -1;
  }

  private static void copySources(Path dir) throws IOException {
    for (String f : FILES) {
      Files.copy(SOURCE.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Runs the script against a chain node's WebSocket URL. */
  static Run driveDevnet(String chainUrl) throws IOException {
    return run(directory(), 240, "node", "drive-devnet.mjs", chainUrl);
  }

  private static Run run(Path dir, int timeoutSeconds, String... command) throws IOException {
    Path out = Files.createTempFile("polkadot-out-", ".txt");
    Path err = Files.createTempFile("polkadot-err-", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Run(-1, read(out), command[0] + " timed out after " + timeoutSeconds + " s");
      }
      return new Run(p.exitValue(), read(out), read(err));
    } catch (IOException e) {
      return new Run(-1, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command[0], e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
