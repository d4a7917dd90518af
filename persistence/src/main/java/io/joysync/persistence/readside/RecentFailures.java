package io.joysync.persistence.readside;

import com.datastax.oss.driver.api.core.cql.Row;
import io.joysync.persistence.ProfiledSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The pipeline's latest failures, for operators: each failed attempt and each video given up for
 * good, newest first per projection tag, kept a week. A redelivered event writes the same row.
 */
public final class RecentFailures {

  /** One failure: when, which video of which channel, and what happened. */
  public record Failure(Instant at, String videoId, String channelId, String detail) {}

  private final CassandraSession session;

  /** Operators' reads (their own consistency level; see {@link ProfiledSession}). */
  private final ProfiledSession queries;

  private final String ks;

  public RecentFailures(CassandraSession session, String keyspace) {
    this.session = session;
    this.queries = ProfiledSession.of(session, ProfiledSession.QUERIES);
    this.ks = keyspace;
  }

  /** The failures table (the keyspace must exist). */
  public static String table(String keyspace) {
    return "CREATE TABLE IF NOT EXISTS "
        + keyspace
        + ".recent_failures (tag text, at timestamp, video_id text, channel_id text,"
        + " detail text, PRIMARY KEY (tag, at, video_id))"
        + " WITH CLUSTERING ORDER BY (at DESC, video_id ASC) AND default_time_to_live = 604800";
  }

  CompletionStage<Done> createTable() {
    return session.executeDDL(table(ks));
  }

  CompletionStage<Done> record(String tag, Failure f) {
    String detail = f.detail().length() > 500 ? f.detail().substring(0, 500) : f.detail();
    return session.executeWrite(
        "INSERT INTO "
            + ks
            + ".recent_failures (tag, at, video_id, channel_id, detail) VALUES (?, ?, ?, ?, ?)",
        tag,
        f.at().truncatedTo(ChronoUnit.MILLIS),
        f.videoId(),
        f.channelId(),
        detail);
  }

  /** The {@code limit} latest failures over the given tags, newest first. */
  public CompletionStage<List<Failure>> latest(List<String> tags, int limit) {
    List<CompletableFuture<List<Failure>>> reads = new ArrayList<>();
    for (String tag : tags) {
      reads.add(
          queries
              .selectAll(
                  "SELECT at, video_id, channel_id, detail FROM "
                      + ks
                      + ".recent_failures WHERE tag = ? LIMIT ?",
                  tag,
                  limit)
              .thenApply(rows -> rows.stream().map(RecentFailures::failure).toList())
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                reads.stream()
                    .flatMap(r -> r.join().stream())
                    .sorted(Comparator.comparing(Failure::at).reversed())
                    .limit(limit)
                    .toList());
  }

  private static Failure failure(Row r) {
    return new Failure(
        r.getInstant("at"),
        r.getString("video_id"),
        r.getString("channel_id"),
        r.getString("detail"));
  }
}
