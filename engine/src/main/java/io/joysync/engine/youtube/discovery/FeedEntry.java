package io.joysync.engine.youtube.discovery;

import java.time.Instant;

/** One upload in a channel's Atom feed or WebSub notification. */
public record FeedEntry(String videoId, String channelId, String title, Instant publishedAt) {}
