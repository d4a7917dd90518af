package io.joysync.engine.serialization;

/**
 * Marker for every message, event and state that crosses an actor boundary or is persisted. It is
 * bound once to Pekko's jackson-cbor serializer in {@code serialization.conf}, so the wire and
 * journal contract of joysync is owned in one place.
 */
public interface CborSerializable {}
