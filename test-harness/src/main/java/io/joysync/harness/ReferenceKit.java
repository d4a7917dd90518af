package io.joysync.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The polkadot.js reference kit ({@code shared/joystream-reference} beside the checkout), which
 * decodes and verifies bytes as the real chain would. {@code ./joysync test} installs a copy once
 * and names it in {@code JOYSTREAM_REFERENCE_KIT}; otherwise the kit beside the checkout is copied
 * to a temporary folder and installed there with npm (from its cache when it can). A kit that
 * cannot be prepared is a missing {@link Service#REFERENCE_KIT}.
 */
public final class ReferenceKit {

  private static final String INSTALLED_MARK = "node_modules/@polkadot/types";
  private static Path ready;

  private ReferenceKit() {}

  /** The kit's folder, ready to run node in; fails or skips the test when there is none. */
  public static Path directory() {
    Service.REFERENCE_KIT.require();
    return ready;
  }

  /** A file of the kit beside the checkout (vectors, metadata), installed or not. */
  public static Path file(String name) {
    Optional<Path> kit = besideCheckout();
    if (kit.isEmpty()) {
      TestEnvironment.missing(
          Service.REFERENCE_KIT,
          "no shared/joystream-reference beside the checkout (looked above "
              + Path.of("").toAbsolutePath()
              + ")");
    }
    return kit.orElseThrow().resolve(name);
  }

  /** The outcome of a command: its exit code and its output (stdout and stderr together). */
  public record Result(int exit, String output) {}

  /** Runs {@code node script args...} in the kit's folder. */
  public static Result node(int timeoutSeconds, List<String> scriptAndArgs) {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.addAll(scriptAndArgs);
    return run(directory(), timeoutSeconds, command);
  }

  /** Runs a command in {@code dir} with a deadline; a command that cannot start exits -1. */
  public static Result run(Path dir, int timeoutSeconds, List<String> command) {
    try {
      Path out = Files.createTempFile("kit-run-", ".log");
      try {
        Process p =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return new Result(-1, command.get(0) + " timed out after " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } catch (IOException e) {
        return new Result(-1, e.getMessage());
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prepares the kit once; answers why it cannot be used, or empty when it is ready. */
  static synchronized Optional<String> prepare() {
    if (ready != null) {
      return Optional.empty();
    }
    String installed = System.getenv("JOYSTREAM_REFERENCE_KIT");
    if (installed != null && Files.isDirectory(Path.of(installed).resolve(INSTALLED_MARK))) {
      ready = Path.of(installed);
      return Optional.empty();
    }
    Optional<Path> kit = besideCheckout();
    if (kit.isEmpty()) {
      return Optional.of(
          "no shared/joystream-reference beside the checkout and no installed kit in"
              + " JOYSTREAM_REFERENCE_KIT");
    }
    Result node = run(kit.get(), 30, List.of("node", "--version"));
    if (node.exit() != 0) {
      return Optional.of("node is not installed (" + node.output().strip() + ")");
    }
    if (Files.isDirectory(kit.get().resolve(INSTALLED_MARK))) {
      ready = kit.get();
      return Optional.empty();
    }
    try {
      Path copy = Files.createTempDirectory("joystream-reference-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(copy)));
      try (Stream<Path> files = Files.list(kit.get())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
      Result npm =
          run(copy, 300, List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"));
      if (npm.exit() != 0) {
        return Optional.of(
            "`npm ci` in a copy of the kit failed: "
                + npm.output().lines().reduce((a, b) -> b).orElse("no output"));
      }
      ready = copy;
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("the kit could not be copied: " + e.getMessage());
    }
  }

  /** {@code shared/joystream-reference} in the working folder or one of its ancestors. */
  private static Optional<Path> besideCheckout() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path kit = dir.resolve("shared").resolve("joystream-reference");
      if (Files.isRegularFile(kit.resolve("decode.mjs"))) {
        return Optional.of(kit);
      }
    }
    return Optional.empty();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary folder left behind is harmless
    }
  }
}
