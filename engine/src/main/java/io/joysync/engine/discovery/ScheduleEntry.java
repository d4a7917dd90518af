package io.joysync.engine.discovery;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of the watch schedule: at {@code due}, check the channel's feed and lease, or, when {@code
 * videoId} is set, look again at a video that could not be synced yet (a premiere, a video still
 * processing, a private one).
 */
public record ScheduleEntry(
    long bucket, int shard, Instant due, String channelId, Optional<String> videoId) {

  public static ScheduleEntry channelCheck(String channelId, Instant due) {
    return new ScheduleEntry(
        WatchShards.bucketOf(due),
        WatchShards.shardOf(channelId),
        due,
        channelId,
        Optional.empty());
  }

  public static ScheduleEntry videoRecheck(String channelId, String videoId, Instant due) {
    return new ScheduleEntry(
        WatchShards.bucketOf(due),
        WatchShards.shardOf(channelId),
        due,
        channelId,
        Optional.of(videoId));
  }

  /** The entry's key within its bucket and due time. */
  public String key() {
    return videoId.map(v -> "v:" + v).orElse(channelId);
  }
}
