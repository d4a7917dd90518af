package io.joysync.engine.youtube.discovery;

import java.time.Instant;

/** A deleted video announced by the hub (an Atom tombstone, {@code at:deleted-entry}). */
public record FeedDeletion(String videoId, String channelId, Instant deletedAt) {}
