package io.joysync.joystream.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ReferenceVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Joystream's real runtime metadata (test resource {@code joystream-metadata-v14.hex}, the
 * repository's one copy, which the devnet serves) and the known-answer vectors (test resource
 * {@code vectors.json}), both made with the reference kit; no test needs the kit's folder for them.
 */
public final class ChainMetadataFixture {
  static final String RESOURCE = "/joystream-metadata-v14.hex";
  private static RuntimeMetadata metadata;

  private ChainMetadataFixture() {}

  public static synchronized RuntimeMetadata metadata() {
    if (metadata == null) {
      metadata = RuntimeMetadata.parse(metadataBytes());
    }
    return metadata;
  }

  public static byte[] metadataBytes() {
    try (InputStream in = ChainMetadataFixture.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test class path");
      }
      return Hex.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode vectors() {
    return ReferenceVectors.root();
  }
}
