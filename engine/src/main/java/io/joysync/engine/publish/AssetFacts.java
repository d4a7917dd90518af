package io.joysync.engine.publish;

import io.joysync.engine.serialization.CborSerializable;

/**
 * One file of a video as the chain registers it: its exact byte size and its content id (the
 * 46-character base58 BLAKE3 multihash, {@code gW...}).
 */
public record AssetFacts(long sizeBytes, String contentId) implements CborSerializable {}
