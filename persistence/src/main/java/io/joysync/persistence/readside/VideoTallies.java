package io.joysync.persistence.readside;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.joysync.engine.pipeline.UploadRate;
import io.joysync.engine.video.VideoState;
import io.joysync.persistence.ProfiledSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The counts the read side keeps beside the video rows, per projection tag: the sync backlog (per
 * tag and per channel), the videos in each state, and the uploads completed per minute (the
 * pipeline's measured throughput). Only the tag's projection changes them, one video at a time, as
 * statements that go into the same logged batch as the video's row; the change is computed from the
 * row as stored, so a redelivered event finds the row changed already and counts nothing.
 */
final class VideoTallies {

  private final CassandraSession session;

  /** The HTTP API's reads (their own consistency level; see {@link ProfiledSession}). */
  private final ProfiledSession queries;

  private final String ks;

  VideoTallies(CassandraSession session, String keyspace) {
    this.session = session;
    this.queries = ProfiledSession.of(session, ProfiledSession.QUERIES);
    this.ks = keyspace;
  }

  /** The tally tables (the keyspace must exist). */
  static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".backlog_by_tag (tag text PRIMARY KEY, videos bigint)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".backlog_by_channel (channel_id text PRIMARY KEY, videos bigint)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".videos_by_state (tag text, state text, videos bigint, PRIMARY KEY (tag, state))",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".active_channels_by_tag (tag text PRIMARY KEY, channels bigint)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".uploads_by_minute (tag text, minute timestamp, videos bigint,"
            + " PRIMARY KEY (tag, minute)) WITH CLUSTERING ORDER BY (minute DESC)"
            + " AND default_time_to_live = 604800");
  }

  /** The statements that move the counts for a video going from {@code before} to {@code after}. */
  CompletionStage<List<SimpleStatement>> changes(
      String tag, String channelId, Optional<VideoState> before, VideoState after, Instant at) {
    if (before.filter(after::equals).isPresent()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<CompletionStage<List<SimpleStatement>>> parts = new ArrayList<>();
    long backlog = inBacklog(after) - before.map(VideoTallies::inBacklog).orElse(0L);
    if (backlog != 0) {
      parts.add(add(new Counter("backlog_by_tag", "videos", "tag"), backlog, tag));
      parts.add(channelBacklog(tag, channelId, backlog));
    }
    before.ifPresent(b -> parts.add(add(BY_STATE, -1, tag, b.wireName())));
    parts.add(add(BY_STATE, 1, tag, after.wireName()));
    if (after.equals(VideoState.UPLOAD_SUCCEEDED)) {
      parts.add(add(UPLOADS, 1, tag, at.truncatedTo(ChronoUnit.MINUTES)));
    }
    CompletionStage<List<SimpleStatement>> all = CompletableFuture.completedFuture(List.of());
    for (CompletionStage<List<SimpleStatement>> part : parts) {
      all = all.thenCombine(part, VideoTallies::joined);
    }
    return all;
  }

  /** A count kept in {@code column} of {@code table}, one row per value of the key columns. */
  private record Counter(String table, String column, String... keyColumns) {
    String where() {
      return String.join(" AND ", Arrays.stream(keyColumns).map(k -> k + " = ?").toList());
    }
  }

  private static final Counter BY_STATE = new Counter("videos_by_state", "videos", "tag", "state");
  private static final Counter UPLOADS =
      new Counter("uploads_by_minute", "videos", "tag", "minute");
  private static final Counter CHANNEL = new Counter("backlog_by_channel", "videos", "channel_id");
  private static final Counter ACTIVE = new Counter("active_channels_by_tag", "channels", "tag");

  /** The count now (0 when there is no row). */
  private CompletionStage<Long> read(Counter c, Object... key) {
    return session
        .selectOne(
            "SELECT " + c.column() + " FROM " + ks + "." + c.table() + " WHERE " + c.where(), key)
        .thenApply(row -> row.map(r -> r.getLong(0)).orElse(0L));
  }

  private SimpleStatement write(Counter c, long value, Object... key) {
    Object[] values = new Object[key.length + 1];
    values[0] = value;
    System.arraycopy(key, 0, values, 1, key.length);
    return SimpleStatement.newInstance(
        "UPDATE " + ks + "." + c.table() + " SET " + c.column() + " = ? WHERE " + c.where(),
        values);
  }

  /** The statement that moves a count by {@code delta}. */
  private CompletionStage<List<SimpleStatement>> add(Counter c, long delta, Object... key) {
    return read(c, key).thenApply(now -> List.of(write(c, now + delta, key)));
  }

  /**
   * The channel's backlog moves by {@code delta}; when it leaves or reaches zero, the tag's count
   * of channels with videos waiting moves too (the same batch carries both).
   */
  private CompletionStage<List<SimpleStatement>> channelBacklog(
      String tag, String channelId, long delta) {
    return read(CHANNEL, channelId)
        .thenCompose(
            before -> {
              long after = before + delta;
              List<SimpleStatement> channel = List.of(write(CHANNEL, after, channelId));
              long active = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
              return active == 0
                  ? CompletableFuture.completedFuture(channel)
                  : add(ACTIVE, active, tag).thenApply(a -> joined(channel, a));
            });
  }

  private static List<SimpleStatement> joined(List<SimpleStatement> a, List<SimpleStatement> b) {
    List<SimpleStatement> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static long inBacklog(VideoState state) {
    return state.isFinal() ? 0 : 1;
  }

  CompletionStage<Long> syncBacklog(List<String> tags) {
    return queries
        .selectAll("SELECT videos FROM " + ks + ".backlog_by_tag WHERE tag IN ?", tags)
        .thenApply(rows -> rows.stream().mapToLong(r -> r.getLong(0)).sum());
  }

  CompletionStage<Long> backlog(String channelId) {
    return read(CHANNEL, channelId);
  }

  /** Channels with videos waiting, over the given tags. */
  CompletionStage<Long> activeChannels(List<String> tags) {
    return queries
        .selectAll("SELECT channels FROM " + ks + ".active_channels_by_tag WHERE tag IN ?", tags)
        .thenApply(rows -> rows.stream().mapToLong(r -> r.getLong(0)).sum());
  }

  /** Videos by state (wire name) over the given tags; states without videos are left out. */
  CompletionStage<Map<String, Long>> byState(List<String> tags) {
    return queries
        .selectAll("SELECT state, videos FROM " + ks + ".videos_by_state WHERE tag IN ?", tags)
        .thenApply(
            rows -> {
              Map<String, Long> counts = new HashMap<>();
              for (Row r : rows) {
                counts.merge(r.getString("state"), r.getLong("videos"), Long::sum);
              }
              counts.values().removeIf(v -> v <= 0);
              return counts;
            });
  }

  /**
   * The pipeline's throughput as seen at {@code now}: the uploads of the last hour over the given
   * tags, over the time since the first minute with one ({@link UploadRate}).
   */
  CompletionStage<UploadRate> uploadRate(List<String> tags, Instant now) {
    return queries
        .selectAll(
            "SELECT minute, videos FROM "
                + ks
                + ".uploads_by_minute WHERE tag IN ? AND minute >= ?",
            tags,
            now.minus(UploadRate.WINDOW).truncatedTo(ChronoUnit.MINUTES))
        .thenApply(
            rows -> {
              long videos = 0;
              Instant first = now;
              for (Row r : rows) {
                if (r.getLong(1) > 0) {
                  videos += r.getLong(1);
                  Instant minute = r.getInstant(0);
                  first = minute.isBefore(first) ? minute : first;
                }
              }
              return UploadRate.since(videos, first, now);
            });
  }

  /** Uploads completed since {@code since} (whole minutes) over the given tags. */
  CompletionStage<Long> uploadsSince(List<String> tags, Instant since) {
    return queries
        .selectAll(
            "SELECT videos FROM " + ks + ".uploads_by_minute WHERE tag IN ? AND minute >= ?",
            tags,
            since.truncatedTo(ChronoUnit.MINUTES))
        .thenApply(rows -> rows.stream().mapToLong(r -> r.getLong(0)).sum());
  }
}
