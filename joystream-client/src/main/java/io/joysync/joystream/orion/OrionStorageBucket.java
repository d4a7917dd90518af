package io.joysync.joystream.orion;

/**
 * A storage bucket that stores a bag, with the endpoint of the node operating it and its fill
 * state. Sizes are bytes.
 */
public record OrionStorageBucket(
    long id,
    String nodeEndpoint,
    long dataObjectsSize,
    long dataObjectsSizeLimit,
    long dataObjectsCount,
    long dataObjectCountLimit) {}
