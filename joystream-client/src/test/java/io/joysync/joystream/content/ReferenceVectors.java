package io.joysync.joystream.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the known-answer vectors (made with polkadot.js and Joystream's own libraries). */
final class ReferenceVectors {
  private static JsonNode root;

  private ReferenceVectors() {}

  static synchronized JsonNode root() {
    if (root == null) {
      try (InputStream in = ReferenceVectors.class.getResourceAsStream("/vectors.json")) {
        if (in == null) {
          throw new IllegalStateException("vectors.json is missing from the test resources");
        }
        root = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** The input bytes a content-id vector names. */
  static byte[] cidInput(String name) {
    return switch (name) {
      case "empty" -> new byte[0];
      case "hello world" -> "hello world".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      case "1 MiB i%251" -> pattern(1_048_576, 1, 251);
      case "5 MiB (i*31)%256" -> pattern(5_242_880, 31, 256);
      default -> throw new IllegalArgumentException("unknown content-id vector " + name);
    };
  }

  private static byte[] pattern(int size, int factor, int modulus) {
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = (byte) ((long) i * factor % modulus);
    }
    return out;
  }
}
