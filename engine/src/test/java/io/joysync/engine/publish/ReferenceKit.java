package io.joysync.engine.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the polkadot.js reference kit's {@code decode.mjs} on extrinsics joysync signed: it decodes
 * and verifies them as the real chain would. The kit comes from {@code JOYSTREAM_REFERENCE_KIT}
 * ({@code ./joysync test} installs it there) or from {@code ../shared/joystream-reference}, copied
 * and installed with {@code npm ci --offline}. Without node or the kit the test fails: every
 * extrinsic the signer signs must be checked.
 */
final class ReferenceKit {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path ready;

  private ReferenceKit() {}

  /** One extrinsic with the context it was signed in. */
  record Signed(String hex, String genesisHash, String birthBlockHash, long spec, long tx) {}

  /** The kit's verdict on each extrinsic (one JSON object per extrinsic, in order). */
  static List<JsonNode> decode(List<Signed> extrinsics) throws IOException, InterruptedException {
    ArrayNode items = JSON.createArrayNode();
    for (Signed s : extrinsics) {
      ObjectNode item = items.addObject();
      item.put("extrinsicHex", s.hex());
      ObjectNode ctx = item.putObject("context");
      ctx.put("genesisHash", s.genesisHash());
      ctx.put("blockHash", s.birthBlockHash());
      ctx.put("specVersion", s.spec());
      ctx.put("transactionVersion", s.tx());
    }
    Path file = Files.createTempFile("signed-", ".json");
    try {
      Files.writeString(file, JSON.writeValueAsString(items), StandardCharsets.UTF_8);
      String out = run(directory(), 180, "node", "decode.mjs", file.toString());
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (line.startsWith("{")) {
          lines.add(JSON.readTree(line));
        }
      }
      if (lines.size() != extrinsics.size()) {
        throw new AssertionError("decode.mjs answered " + lines.size() + " lines:\n" + out);
      }
      return lines;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static synchronized Path directory() throws IOException, InterruptedException {
    if (ready != null) {
      return ready;
    }
    String installed = System.getenv("JOYSTREAM_REFERENCE_KIT");
    if (installed != null && Files.isDirectory(Path.of(installed, "node_modules", "@polkadot"))) {
      ready = Path.of(installed);
      return ready;
    }
    Path kit = Path.of("..", "..", "shared", "joystream-reference");
    if (!Files.isRegularFile(kit.resolve("decode.mjs"))) {
      throw new AssertionError(
          "the reference kit is needed to verify signed extrinsics: set JOYSTREAM_REFERENCE_KIT"
              + " or run ./joysync test (no kit at "
              + kit.toAbsolutePath().normalize()
              + ")");
    }
    if (Files.isDirectory(kit.resolve("node_modules/@polkadot"))) {
      ready = kit;
      return ready;
    }
    Path copy = Files.createTempDirectory("joystream-reference-");
    try (Stream<Path> files = Files.list(kit)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    run(copy, 300, "npm", "ci", "--offline", "--no-audit", "--no-fund");
    ready = copy;
    return ready;
  }

  private static String run(Path dir, int seconds, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("kit-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command[0] + " timed out after " + seconds + " s");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 && !command[0].equals("node")) {
        throw new AssertionError(String.join(" ", command) + " failed:\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
