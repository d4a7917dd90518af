package io.joysync.engine.discovery;

import io.joysync.engine.channel.ChannelState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The durable watch schedule (the persistence module keeps it in Cassandra): entries bucketed by
 * the minute they are due and by shard, each channel's watch row, and each shard's cursor (the
 * first bucket not yet fully processed). A check moves its channel's entry in one atomic write: the
 * new entry, the watch row, and the removal of the old entry, so a crash leaves the channel
 * scheduled once or, at worst, twice (the stale entry is recognised and dropped, never checked).
 */
public interface WatchStore {

  /** Entries of one bucket and shard due at or before {@code upTo}, earliest first. */
  CompletionStage<List<ScheduleEntry>> due(int shard, long bucket, Instant upTo, int limit);

  /** The watch rows of the given channels (absent when a channel was never watched). */
  CompletionStage<List<Watch>> watches(List<String> channelIds);

  CompletionStage<Optional<Watch>> watch(String channelId);

  /**
   * The channel as the projection that feeds the schedule last saw it (empty before it saw the
   * channel, or when its copy cannot be read): read from the schedule, never by waking the
   * channel's entity.
   */
  CompletionStage<Optional<ChannelState>> channel(String channelId);

  /** Writes a checked watch (its new due time and what the check learned) and moves its entry. */
  CompletionStage<Done> reschedule(Watch checked, ScheduleEntry done);

  /** Adds an entry (a video recheck). */
  CompletionStage<Done> schedule(ScheduleEntry entry);

  /** Removes an entry that is done with (a recheck done, a channel no longer watched). */
  CompletionStage<Done> remove(ScheduleEntry entry);

  /** Records that the statistics of these channels were asked of the Data API at {@code at}. */
  CompletionStage<Done> recordStatistics(List<String> channelIds, Instant at);

  /** Records the lease the hub confirmed (empty after an unsubscription). */
  CompletionStage<Done> recordLease(String channelId, Optional<Instant> leaseEnd);

  /** The shard's first bucket not yet fully processed, if the shard was ever read. */
  CompletionStage<Optional<Long>> cursor(int shard);

  CompletionStage<Done> saveCursor(int shard, long bucket);
}
