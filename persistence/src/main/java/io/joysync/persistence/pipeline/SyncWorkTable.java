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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work index in Cassandra: one partition per slot, one row per video with work left. Only the
 * video projection writes it, each change an upsert or a delete keyed by the video, so a
 * redelivered event writes the same row again; a video that reaches a final state leaves it, unless
 * its Joystream video still waits for a title or description edit (and until it no longer does).
 *
 * <p>Each row names its {@link WorkIndex.Lane} and, in the back catalogue, its rank; two
 * storage-attached indexes (Cassandra 5's SAI) let a read take one lane of a slot, and the back
 * catalogue by rank windows (0, then 1 to 3, 4 to 15, ... ), so what waits longest in the order is
 * never hidden behind a read limit. Rows written before lanes existed get theirs at the first read
 * of their slot in a process ({@link #fillLanes}).
 */
public final class SyncWorkTable implements WorkIndex {

  /**
   * {@code retry_at} of a video that waits for no retry. Not null: writing a null is a cell
   * tombstone, one per video per step in a slot's partition, which every read of the slot would
   * have to skip.
   */
  static final Instant NO_RETRY = Instant.EPOCH;

  /** The rank windows of a back-catalogue read: [0, 1), [1, 4), [4, 16), ... [1024, ...). */
  static final int FIRST_WINDOW_END = 1;

  static final int LAST_WINDOW_START = 1024;

  /** Rows a page of the lane fill reads. */
  static final int FILL_PAGE = 1000;

  private static final Logger log = LoggerFactory.getLogger(SyncWorkTable.class);

  private final ProfiledSession session;
  private final String ks;

  /** The slots whose rows of an earlier version this process has given their lanes. */
  private final Set<Integer> filledSlots = ConcurrentHashMap.newKeySet();

  public SyncWorkTable(CassandraSession session, String keyspace) {
    this.session = ProfiledSession.of(session, ProfiledSession.WORK_INDEX);
    this.ks = keyspace;
  }

  /**
   * The work index table and its lane indexes (the keyspace must exist); a table of an earlier
   * version gains the lane columns.
   */
  public static List<String> tables(String keyspace) {
    String table = keyspace + ".sync_work";
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (slot int, video_id text, channel_id text, state text,"
            + " historical boolean, published_at timestamp, view_count bigint, duration bigint,"
            + " failed_attempts int, retry_at timestamp, lane text, catalogue_rank int,"
            + " PRIMARY KEY (slot, video_id))",
        "ALTER TABLE " + table + " ADD IF NOT EXISTS lane text",
        "ALTER TABLE " + table + " ADD IF NOT EXISTS catalogue_rank int",
        "CREATE INDEX IF NOT EXISTS sync_work_lane ON " + table + " (lane) USING 'sai'",
        "CREATE INDEX IF NOT EXISTS sync_work_catalogue_rank ON "
            + table
            + " (catalogue_rank) USING 'sai'");
  }

  public CompletionStage<Done> createTable() {
    CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
    for (String statement : tables(ks)) {
      done = done.thenCompose(d -> session.executeDDL(statement));
    }
    return done;
  }

  /**
   * A newly tracked video (left out when it is final already); {@code catalogueRank} its place in
   * its channel's back catalogue as found.
   */
  public CompletionStage<Done> tracked(
      String channelId, VideoFacts facts, VideoRecord record, int catalogueRank) {
    if (record.state().isFinal()) {
      return removed(channelId, record.id());
    }
    return upsert(channelId, facts, record, catalogueRank);
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
    return upsert(channelId, facts, record, 0);
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

  private CompletionStage<Done> upsert(
      String channelId, VideoFacts facts, VideoRecord record, int catalogueRank) {
    return session.executeWrite(
        "INSERT INTO "
            + ks
            + ".sync_work (slot, video_id, channel_id, state, historical, published_at,"
            + " view_count, duration, failed_attempts, retry_at, lane, catalogue_rank)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
        WorkIndex.slotOf(channelId),
        record.id(),
        channelId,
        record.state().wireName(),
        record.historical(),
        ms(facts.publishedAt()),
        facts.viewCount(),
        facts.durationSeconds(),
        NO_RETRY,
        laneOf(record),
        catalogueRank);
  }

  private static String laneOf(VideoRecord record) {
    return WorkIndex.Lane.of(record.state(), record.historical()).wireName();
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
              + ".sync_work SET channel_id = ?, state = ?, lane = ?, failed_attempts = 0,"
              + " retry_at = ? WHERE slot = ? AND video_id = ?",
          channelId,
          record.state().wireName(),
          laneOf(record),
          NO_RETRY,
          WorkIndex.slotOf(channelId),
          record.id());
    }
    return session.executeWrite(
        "UPDATE "
            + ks
            + ".sync_work SET channel_id = ?, state = ?, lane = ? WHERE slot = ? AND video_id = ?",
        channelId,
        record.state().wireName(),
        laneOf(record),
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
    return fillLanes(slot)
        .thenCompose(
            d ->
                lane(slot, WorkIndex.Lane.STARTED, limit)
                    .thenCombine(
                        lane(slot, WorkIndex.Lane.NEW_UPLOAD, limit), SyncWorkTable::joined)
                    .thenCombine(catalogue(slot, limit), SyncWorkTable::joined));
  }

  /**
   * The back catalogue: all of it when it holds fewer than {@code limit} videos (one query, the
   * usual case), else its lowest ranks.
   */
  private CompletionStage<List<WorkItem>> catalogue(int slot, int limit) {
    return lane(slot, WorkIndex.Lane.CATALOGUE, limit)
        .thenCompose(
            all ->
                all.size() < limit
                    ? CompletableFuture.completedFuture(all)
                    : catalogue(slot, limit, 0, List.of()));
  }

  private CompletionStage<List<WorkItem>> lane(int slot, WorkIndex.Lane lane, int limit) {
    return select(
        "SELECT * FROM " + ks + ".sync_work WHERE slot = ? AND lane = ? LIMIT ?",
        slot,
        lane.wireName(),
        limit);
  }

  /** The back catalogue's lowest ranks: window after window until {@code limit} are read. */
  private CompletionStage<List<WorkItem>> catalogue(
      int slot, int limit, int from, List<WorkItem> read) {
    if (read.size() >= limit) {
      return CompletableFuture.completedFuture(read);
    }
    String lane = WorkIndex.Lane.CATALOGUE.wireName();
    String query = "SELECT * FROM " + ks + ".sync_work WHERE slot = ? AND lane = ?";
    if (from >= LAST_WINDOW_START) {
      return select(
              query + " AND catalogue_rank >= ? LIMIT ?", slot, lane, from, limit - read.size())
          .thenApply(found -> joined(read, found));
    }
    int to = from == 0 ? FIRST_WINDOW_END : from * 4;
    return select(
            query + " AND catalogue_rank >= ? AND catalogue_rank < ? LIMIT ?",
            slot,
            lane,
            from,
            to,
            limit - read.size())
        .thenCompose(found -> catalogue(slot, limit, to, joined(read, found)));
  }

  private CompletionStage<List<WorkItem>> select(String cql, Object... values) {
    return session
        .selectAll(cql, values)
        .thenApply(rows -> rows.stream().flatMap(r -> item(r).stream()).toList());
  }

  private static List<WorkItem> joined(List<WorkItem> a, List<WorkItem> b) {
    List<WorkItem> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  /**
   * Gives the rows of the slot written by an earlier version (without a lane) their lane, once per
   * process and slot: a paged scan of the slot's few columns. Each lane is written with the
   * timestamp of the state it follows from, so a newer step of the projection always wins; the back
   * catalogue of a channel is ranked in the order the earlier version read it ({@code video_id}).
   */
  CompletionStage<Done> fillLanes(int slot) {
    if (filledSlots.contains(slot)) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return fillPage(slot, "", new HashMap<>(), 0)
        .thenApply(
            filled -> {
              if (filled > 0) {
                log.info(
                    "Work index slot {}: gave {} rows of an earlier version their lane",
                    slot,
                    filled);
              }
              filledSlots.add(slot);
              return Done.getInstance();
            });
  }

  private CompletionStage<Integer> fillPage(
      int slot, String after, Map<String, Integer> ranks, int filled) {
    return session
        .selectAll(
            "SELECT video_id, channel_id, state, historical, lane, writetime(state) AS written"
                + " FROM "
                + ks
                + ".sync_work WHERE slot = ? AND video_id > ? LIMIT ?",
            slot,
            after,
            FILL_PAGE)
        .thenCompose(
            rows -> {
              List<CompletableFuture<Done>> writes = new ArrayList<>();
              for (Row r : rows) {
                Optional<VideoState> state =
                    Optional.ofNullable(r.getString("state")).flatMap(VideoState::parse);
                if (!r.isNull("lane") || state.isEmpty() || r.isNull("written")) {
                  continue;
                }
                WorkIndex.Lane lane = WorkIndex.Lane.of(state.get(), r.getBoolean("historical"));
                int rank =
                    lane == WorkIndex.Lane.CATALOGUE
                        ? ranks.merge(r.getString("channel_id"), 1, Integer::sum) - 1
                        : 0;
                writes.add(
                    session
                        .executeWrite(
                            "UPDATE "
                                + ks
                                + ".sync_work USING TIMESTAMP ? SET lane = ?, catalogue_rank = ?"
                                + " WHERE slot = ? AND video_id = ?",
                            r.getLong("written"),
                            lane.wireName(),
                            rank,
                            slot,
                            r.getString("video_id"))
                        .toCompletableFuture());
              }
              int total = filled + writes.size();
              CompletableFuture<Void> written =
                  CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
              if (rows.size() < FILL_PAGE) {
                return written.thenApply(v -> total);
              }
              String last = rows.get(rows.size() - 1).getString("video_id");
              return written.thenCompose(v -> fillPage(slot, last, ranks, total));
            });
  }

  /** A channel and how many of its videos have work left (of those read). */
  public record ChannelWork(String channelId, long videos) {}

  /**
   * The channels with the most videos waiting, counted over up to {@code perSlot} rows of each lane
   * of each slot (an operator's view, not a census).
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
