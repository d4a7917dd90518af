package io.joysync.joystream.metadata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Joystream metadata and vectors from the reference kit beside the repository ({@code
 * ../../shared/joystream-reference} from the module); tests that need them skip when it is absent.
 */
public final class ChainMetadataFixture {
  private static final Path KIT = Path.of("..", "..", "shared", "joystream-reference");
  private static RuntimeMetadata metadata;
  private static JsonNode vectors;

  private ChainMetadataFixture() {}

  public static synchronized RuntimeMetadata metadata() {
    if (metadata == null) {
      metadata = RuntimeMetadata.parse(metadataBytes());
    }
    return metadata;
  }

  public static byte[] metadataBytes() {
    Path file = KIT.resolve("chain-metadata.json");
    assumeTrue(
        Files.isReadable(file), "skipped: reference kit not found at " + file.toAbsolutePath());
    try {
      JsonNode reply = new ObjectMapper().readTree(file.toFile());
      return io.joysync.joystream.scale.Hex.decode(reply.get("result").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static synchronized JsonNode vectors() {
    if (vectors == null) {
      Path file = KIT.resolve("vectors.json");
      assumeTrue(
          Files.isReadable(file), "skipped: reference kit not found at " + file.toAbsolutePath());
      try {
        vectors = new ObjectMapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return vectors;
  }
}
