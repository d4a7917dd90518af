package io.joysync.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real headless Chromium (Debian's package) that opens a page, runs its scripts for a while and
 * answers the document as rendered. Started without the background networking that this machine's
 * closed network refuses, with a fresh profile each time.
 */
public final class Browser {

  private Browser() {}

  static Optional<Path> executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The page's DOM after its scripts ran for {@code scriptTime} (virtual time). */
  public static String render(String url, Duration scriptTime) throws IOException {
    Path chromium = executable().orElseThrow(() -> new IOException("no chromium on the PATH"));
    Path profile = Files.createTempDirectory("joysync-chromium-");
    Path out = Files.createTempFile("joysync-dom-", ".html");
    try {
      Process p =
          new ProcessBuilder(
                  chromium.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--user-data-dir=" + profile,
                  "--virtual-time-budget=" + scriptTime.toMillis(),
                  "--dump-dom",
                  url)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("chromium did not finish within 60 s");
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
