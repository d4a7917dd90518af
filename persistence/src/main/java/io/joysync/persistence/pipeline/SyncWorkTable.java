package io.joysync.persistence.pipeline;

import com.datastax.oss.driver.api.core.cql.Row;
import io.joysync.engine.pipeline.WorkIndex;
import io.joysync.engine.pipeline.WorkItem;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.persistence.ProfiledSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The work index in Cassandra: one partition per slot, one row per video with work left. Only the
 * video projection writes it, each change an upsert or a delete keyed by the video, so a
 * redelivered event writes the same row again; a video that reaches a final state leaves it, unless
 * its Joystream video still waits for a title or description edit (and until it no longer does).
 */
public final class SyncWorkTable implements WorkIndex {

  /**
   * {@code retry_at} of a video that waits for no retry. Not null: writing a null is a cell
   * tombstone, one per video per step in a slot's partition, which every read of the slot would
   * have to skip.
   */
  static final Instant NO_RETRY = Instant.EPOCH;

  private final ProfiledSession session;
  private final String ks;

  public SyncWorkTable(CassandraSession session, String keyspace) {
    this.session = ProfiledSession.of(session, ProfiledSession.WORK_INDEX);
    this.ks = keyspace;
  }

  /** The work index table (the keyspace must exist). */
  public static String table(String keyspace) {
    return "CREATE TABLE IF NOT EXISTS "
        + keyspace
        + ".sync_work (slot int, video_id text, channel_id text, state text,"
        + " historical boolean, published_at timestamp, view_count bigint, duration bigint,"
        + " failed_attempts int, retry_at timestamp, PRIMARY KEY (slot, video_id))";
  }

  public CompletionStage<Done> createTable() {
    return session.executeDDL(table(ks));
  }

  /** A newly tracked video (left out when it is final already). */
  public CompletionStage<Done> tracked(String channelId, VideoFacts facts, VideoRecord record) {
    if (record.state().isFinal()) {
      return removed(channelId, record.id());
    }
    return upsert(channelId, facts, record);
  }

  /**
   * A title or description edit: a video whose Joystream video must be updated is work (again, when
   * it was final), with its failures cleared.
   */
  public CompletionStage<Done> edited(
      String channelId, VideoFacts facts, VideoRecord record, boolean updateDue) {
    if (!updateDue) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return upsert(channelId, facts, record);
  }

  /** An edit reached Joystream: a final video leaves the index unless a later edit waits. */
  public CompletionStage<Done> updated(String channelId, String videoId, boolean updateDue) {
    if (updateDue) {
      return session.executeWrite(
          "UPDATE "
              + ks
              + ".sync_work SET failed_attempts = 0, retry_at = ?"
              + " WHERE slot = ? AND video_id = ?",
          NO_RETRY,
          WorkIndex.slotOf(channelId),
          videoId);
    }
    return session
        .selectOne(
            "SELECT state FROM " + ks + ".sync_work WHERE slot = ? AND video_id = ?",
            WorkIndex.slotOf(channelId),
            videoId)
        .thenCompose(
            row ->
                row.flatMap(r -> VideoState.parse(r.getString(0)))
                        .filter(VideoState::isFinal)
                        .isPresent()
                    ? removed(channelId, videoId)
                    : CompletableFuture.completedFuture(Done.getInstance()));
  }

  private CompletionStage<Done> upsert(String channelId, VideoFacts facts, VideoRecord record) {
    return session.executeWrite(
        "INSERT INTO "
            + ks
            + ".sync_work (slot, video_id, channel_id, state, historical, published_at,"
            + " view_count, duration, failed_attempts, retry_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        WorkIndex.slotOf(channelId),
        record.id(),
        channelId,
        record.state().wireName(),
        record.historical(),
        ms(facts.publishedAt()),
        facts.viewCount(),
        facts.durationSeconds(),
        NO_RETRY);
  }

  /**
   * A video took a step: its new state, its failures cleared when the step made progress. A final
   * video leaves the index unless its Joystream video waits for an edit ({@code updateDue}).
   */
  public CompletionStage<Done> advanced(
      String channelId, VideoRecord record, boolean progress, boolean updateDue) {
    if (record.state().isFinal() && !updateDue) {
      return removed(channelId, record.id());
    }
    if (progress) {
      return session.executeWrite(
          "UPDATE "
              + ks
              + ".sync_work SET channel_id = ?, state = ?, failed_attempts = 0, retry_at = ?"
              + " WHERE slot = ? AND video_id = ?",
          channelId,
          record.state().wireName(),
          NO_RETRY,
          WorkIndex.slotOf(channelId),
          record.id());
    }
    return session.executeWrite(
        "UPDATE " + ks + ".sync_work SET channel_id = ?, state = ? WHERE slot = ? AND video_id = ?",
        channelId,
        record.state().wireName(),
        WorkIndex.slotOf(channelId),
        record.id());
  }

  /** A transient failure: the video waits until {@code retryAt}. */
  public CompletionStage<Done> failed(
      String channelId, String videoId, int attempt, Instant retryAt) {
    return session.executeWrite(
        "UPDATE "
            + ks
            + ".sync_work SET channel_id = ?, failed_attempts = ?, retry_at = ?"
            + " WHERE slot = ? AND video_id = ?",
        channelId,
        attempt,
        ms(retryAt),
        WorkIndex.slotOf(channelId),
        videoId);
  }

  private CompletionStage<Done> removed(String channelId, String videoId) {
    return session.executeWrite(
        "DELETE FROM " + ks + ".sync_work WHERE slot = ? AND video_id = ?",
        WorkIndex.slotOf(channelId),
        videoId);
  }

  @Override
  public CompletionStage<List<WorkItem>> items(int slot, int limit) {
    return session
        .selectAll("SELECT * FROM " + ks + ".sync_work WHERE slot = ? LIMIT ?", slot, limit)
        .thenApply(rows -> rows.stream().flatMap(r -> item(r).stream()).toList());
  }

  /** A channel and how many of its videos have work left (of those read). */
  public record ChannelWork(String channelId, long videos) {}

  /**
   * The channels with the most videos waiting, counted over up to {@code perSlot} rows of each slot
   * (an operator's view, not a census).
   */
  public CompletionStage<List<ChannelWork>> busiestChannels(int perSlot, int top) {
    List<CompletableFuture<List<WorkItem>>> reads = new ArrayList<>();
    for (int slot = 0; slot < WorkIndex.SLOTS; slot++) {
      reads.add(items(slot, perSlot).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<String, Long> counts = new HashMap<>();
              reads.forEach(r -> r.join().forEach(i -> counts.merge(i.channelId(), 1L, Long::sum)));
              return counts.entrySet().stream()
                  .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                  .limit(top)
                  .map(e -> new ChannelWork(e.getKey(), e.getValue()))
                  .toList();
            });
  }

  /** A row whose facts never arrived (only a later update of it) is not work yet. */
  private static Optional<WorkItem> item(Row r) {
    if (r.isNull("published_at")) {
      return Optional.empty();
    }
    return VideoState.parse(r.getString("state"))
        .map(
            state ->
                new WorkItem(
                    r.getString("video_id"),
                    r.getString("channel_id"),
                    state,
                    r.getBoolean("historical"),
                    r.getInstant("published_at"),
                    r.getLong("view_count"),
                    r.getLong("duration"),
                    r.getInt("failed_attempts"),
                    Optional.ofNullable(r.getInstant("retry_at")).filter(NO_RETRY::isBefore)));
  }

  private static Instant ms(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }
}
