package io.joysync.engine.discovery;

import java.time.Instant;

/**
 * "Channel X may have a new or changed video Y": recorded durably as soon as a notification or a
 * feed names a video discovery has not settled, and resolved later with the Data API, in batches.
 * One row per channel and video, so ten notifications of one video are one candidate.
 */
public record Candidate(
    String channelId,
    String videoId,
    Reason reason,
    Source source,
    Instant noticedAt,
    Instant entryUpdatedAt,
    String title) {

  /** Why the video is looked at. */
  public enum Reason {
    /** A notification or feed entry named it: new, or an edit of a video already tracked. */
    NOTIFIED,
    /** It could not be synced when last looked at (premiere, processing, private): look again. */
    RECHECK,
    /** YouTube announced its deletion and deletions are propagated. */
    DELETED
  }

  public enum Source {
    WEBSUB,
    RSS,
    SCHEDULE
  }

  public int partition() {
    return WatchShards.candidatePartitionOf(channelId);
  }
}
