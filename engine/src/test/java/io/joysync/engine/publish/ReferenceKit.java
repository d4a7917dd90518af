package io.joysync.engine.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the polkadot.js reference kit's {@code decode.mjs} on extrinsics joysync signed: it decodes
 * and verifies them as the real chain would. The kit is the test harness's (installed by {@code
 * ./joysync test}); without it the test fails under CI, since every extrinsic the signer signs must
 * be checked.
 */
final class ReferenceKit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferenceKit() {}

  /** One extrinsic with the context it was signed in. */
  record Signed(String hex, String genesisHash, String birthBlockHash, long spec, long tx) {}

  /** The kit's verdict on each extrinsic (one JSON object per extrinsic, in order). */
  static List<JsonNode> decode(List<Signed> extrinsics) throws IOException {
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
      String out =
          io.joysync.harness.ReferenceKit.node(180, List.of("decode.mjs", file.toString()))
              .output();
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
}
