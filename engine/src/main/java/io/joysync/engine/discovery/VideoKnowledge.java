package io.joysync.engine.discovery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What discovery knows of one video without asking its entity: its tracked state, title,
 * description and Joystream id (a projection of the video's events), the title and description it
 * last saw on YouTube and when that entry last changed, and its verdict when it was looked up and
 * could not be synced.
 */
public record VideoKnowledge(
    String channelId,
    String videoId,
    Optional<String> trackedState,
    Optional<String> title,
    Optional<String> description,
    Optional<Long> joystreamVideoId,
    Optional<Verdict> verdict,
    Optional<String> verdictReason,
    Optional<Instant> seenUpdatedAt,
    int checks) {

  public enum Verdict {
    /** Found but not syncable (not public, live or upcoming, processing, age-restricted). */
    UNSYNCABLE,
    /** Not returned by the Data API (deleted, or never public). */
    GONE
  }

  public boolean tracked() {
    return trackedState.isPresent();
  }

  /**
   * Whether an entry last changed at {@code updatedAt} says something not yet seen (compared to the
   * millisecond, the precision the time is stored with).
   */
  public boolean isNewerEntry(Instant updatedAt) {
    Instant at = updatedAt.truncatedTo(ChronoUnit.MILLIS);
    return seenUpdatedAt.map(seen -> at.isAfter(seen.truncatedTo(ChronoUnit.MILLIS))).orElse(true);
  }
}
