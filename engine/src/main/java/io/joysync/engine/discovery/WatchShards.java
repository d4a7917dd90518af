package io.joysync.engine.discovery;

import java.time.Duration;
import java.time.Instant;

/**
 * How the watch schedule is cut: every channel belongs to one of {@link #SHARDS} shards (a stable
 * hash of its id) and every schedule entry to the minute its check is due ({@link #bucketOf}). A
 * schedule worker reads only its shards, one minute bucket at a time, so a cluster of any size
 * shares the channels without coordination. Candidates (videos waiting for their details) are
 * spread over {@link #CANDIDATE_PARTITIONS} partitions the same way. Both counts are part of the
 * stored layout and never change.
 */
public final class WatchShards {

  public static final int SHARDS = 64;
  public static final int CANDIDATE_PARTITIONS = 16;
  public static final Duration BUCKET = Duration.ofMinutes(1);

  private WatchShards() {}

  public static int shardOf(String channelId) {
    return Math.floorMod(channelId.hashCode(), SHARDS);
  }

  public static int candidatePartitionOf(String channelId) {
    return shardOf(channelId) % CANDIDATE_PARTITIONS;
  }

  /** The minute bucket an entry due at {@code due} is kept in. */
  public static long bucketOf(Instant due) {
    return Math.floorDiv(due.getEpochSecond(), BUCKET.toSeconds());
  }

  public static Instant bucketStart(long bucket) {
    return Instant.ofEpochSecond(bucket * BUCKET.toSeconds());
  }

  /** Whether worker {@code worker} of {@code workers} owns {@code shardOrPartition}. */
  public static boolean owns(int worker, int workers, int shardOrPartition) {
    return shardOrPartition % workers == worker;
  }
}
