package io.joysync.joystream.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The known-answer vectors made with polkadot.js (test resource vectors.json), loaded once. */
public final class ReferenceVectors {
  private static final JsonNode ROOT = load();

  private ReferenceVectors() {}

  public static JsonNode root() {
    return ROOT;
  }

  public static JsonNode section(String name) {
    JsonNode n = ROOT.get(name);
    if (n == null) {
      throw new IllegalStateException("vectors.json has no section " + name);
    }
    return n;
  }

  public static List<JsonNode> list(String name) {
    List<JsonNode> out = new ArrayList<>();
    section(name).forEach(out::add);
    return out;
  }

  public static JsonNode named(String section, String name) {
    for (JsonNode n : section(section)) {
      if (name.equals(n.path("name").asText())) {
        return n;
      }
    }
    throw new IllegalStateException("no vector '" + name + "' in " + section);
  }

  public static byte[] hex(JsonNode node, String field) {
    return Hex.decode(node.get(field).asText());
  }

  private static JsonNode load() {
    try (InputStream in = ReferenceVectors.class.getResourceAsStream("/vectors.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
