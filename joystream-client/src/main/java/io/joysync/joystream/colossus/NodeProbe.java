package io.joysync.joystream.colossus;

/** The answer of a storage node's {@code GET /api/v1/version}: alive with its version, or down. */
public sealed interface NodeProbe {
  /** The node answered its version endpoint. */
  record Alive(StorageNode node, String version, String userAgent) implements NodeProbe {}

  /** The node did not answer usefully; {@code reason} says how. */
  record Down(StorageNode node, String reason) implements NodeProbe {}
}
