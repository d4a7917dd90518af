package io.joysync.joystream.colossus;

import java.net.URI;

/**
 * A storage node chosen for an upload: the bucket it operates (uploads name it) and its root
 * endpoint as published in the operator metadata.
 */
public record StorageNode(long bucketId, URI endpoint) {
  public StorageNode {
    if (endpoint == null
        || endpoint.getScheme() == null
        || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "storage node endpoint '" + endpoint + "' is not an absolute http(s) URL");
    }
  }

  /** Parses an operator's {@code nodeEndpoint}. */
  public static StorageNode of(long bucketId, String nodeEndpoint) {
    try {
      return new StorageNode(bucketId, URI.create(nodeEndpoint.trim()));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "storage node endpoint '" + nodeEndpoint + "' is not an absolute http(s) URL", e);
    }
  }

  /** {@code <endpoint>/api/v1/}, with exactly one slash between the parts. */
  public URI apiBase() {
    String root = endpoint.toString();
    return URI.create((root.endsWith("/") ? root : root + "/") + "api/v1/");
  }
}
