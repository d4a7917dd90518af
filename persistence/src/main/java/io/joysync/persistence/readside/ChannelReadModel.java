package io.joysync.persistence.readside;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.joysync.engine.channel.Tier;
import io.joysync.persistence.ProfiledSession;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The channel tables of the read side and the queries the HTTP API answers from them. Every listing
 * is partitioned (by month of sign-up, by Joystream channel, by referrer) so no query scans the
 * whole table and no partition grows with the number of channels.
 */
public final class ChannelReadModel {

  /** Referrers are spread over this many partitions of the referrers table. */
  static final int REFERRER_SHARDS = 16;

  /** How many rows one listing reads at a time. */
  public static final int READ_PARALLELISM = 32;

  private final CassandraSession session;

  /** The HTTP API's reads (their own consistency level; see {@link ProfiledSession}). */
  private final ProfiledSession queries;

  private final String ks;
  private final YearMonth firstMonth;

  public ChannelReadModel(CassandraSession session, String keyspace, YearMonth firstMonth) {
    this.session = session;
    this.queries = ProfiledSession.of(session, ProfiledSession.QUERIES);
    this.ks = keyspace;
    this.firstMonth = firstMonth;
  }

  /** The channel tables (the keyspace must exist), for the schema and for {@link #createTables}. */
  public static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".channels (channel_id text PRIMARY KEY,"
            + " joystream_channel_id bigint, user_id text, email text, title text,"
            + " description text, handle text, language text, thumbnails map<text,text>,"
            + " subscriber_count bigint, video_count bigint, ypp_status text,"
            + " pre_opt_out_status text, should_be_ingested boolean,"
            + " allow_operator_ingestion boolean, video_category_id text,"
            + " referrer_channel_id bigint, created_at timestamp, last_acted_at timestamp,"
            + " state blob, state_seq_nr bigint,"
            + " processed_at timestamp)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".channels_by_month (month text,"
            + " created_at timestamp, channel_id text,"
            + " PRIMARY KEY (month, created_at, channel_id))"
            + " WITH CLUSTERING ORDER BY (created_at DESC, channel_id ASC)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".channels_by_user (user_id text, created_at timestamp, channel_id text,"
            + " PRIMARY KEY (user_id, created_at, channel_id))",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".unverified_channels (month text,"
            + " created_at timestamp, channel_id text,"
            + " PRIMARY KEY (month, created_at, channel_id))"
            + " WITH CLUSTERING ORDER BY (created_at DESC, channel_id ASC)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".referrals (referrer_channel_id bigint,"
            + " channel_id text, PRIMARY KEY (referrer_channel_id, channel_id))",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".referrers (shard int,"
            + " referrer_channel_id bigint, PRIMARY KEY (shard, referrer_channel_id))");
  }

  /** Creates the channel tables when missing; the keyspace must exist. */
  public CompletionStage<Done> createTables() {
    CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
    for (String statement : tables(ks)) {
      done = done.thenCompose(d -> session.executeDDL(statement));
    }
    return done;
  }

  private static String month(Instant at) {
    return YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString();
  }

  /**
   * A channel as the projection left it: its row, the state it was built from (serialized, without
   * tokens) and the sequence number of the last event applied to it.
   */
  public record Stored(ChannelRow row, ByteBuffer state, long seqNr) {}

  /**
   * Writes the row, the state it was built from as of event {@code seqNr}, and its index entries,
   * removing the index entries the previous version of the row had and this one has not.
   * Idempotent: writing the same row twice changes nothing.
   */
  public CompletionStage<Done> save(
      ChannelRow row, Optional<ChannelRow> previous, ByteBuffer state, long seqNr) {
    List<SimpleStatement> statements = new ArrayList<>();
    statements.add(
        SimpleStatement.newInstance(
            "INSERT INTO "
                + ks
                + ".channels (channel_id, joystream_channel_id, user_id, email,"
                + " title, description, handle, language, thumbnails, subscriber_count,"
                + " video_count, ypp_status, pre_opt_out_status, should_be_ingested,"
                + " allow_operator_ingestion, video_category_id, referrer_channel_id, created_at,"
                + " last_acted_at, processed_at, state, state_seq_nr)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row.channelId(),
            row.joystreamChannelId(),
            row.userId(),
            row.email(),
            row.title(),
            row.description(),
            row.handle().orElse(null),
            row.language().orElse(null),
            row.thumbnails(),
            row.subscriberCount(),
            row.videoCount(),
            row.yppStatus(),
            row.preOptOutStatus().orElse(null),
            row.shouldBeIngested(),
            row.allowOperatorIngestion(),
            row.videoCategoryId().orElse(null),
            row.referrerChannelId().orElse(null),
            row.createdAt(),
            row.lastActedAt().orElse(null),
            row.processedAt().orElse(null),
            state,
            seqNr));
    String month = month(row.createdAt());
    statements.add(
        SimpleStatement.newInstance(
            "INSERT INTO "
                + ks
                + ".channels_by_month (month, created_at, channel_id)"
                + " VALUES (?, ?, ?)",
            month,
            row.createdAt(),
            row.channelId()));
    statements.add(
        SimpleStatement.newInstance(
            "INSERT INTO "
                + ks
                + ".channels_by_user (user_id, created_at, channel_id) VALUES (?, ?, ?)",
            row.userId(),
            row.createdAt(),
            row.channelId()));
    if (row.isUnverified()) {
      statements.add(
          SimpleStatement.newInstance(
              "INSERT INTO "
                  + ks
                  + ".unverified_channels (month, created_at, channel_id)"
                  + " VALUES (?, ?, ?)",
              month,
              row.createdAt(),
              row.channelId()));
    } else {
      statements.add(
          SimpleStatement.newInstance(
              "DELETE FROM "
                  + ks
                  + ".unverified_channels WHERE month = ? AND created_at = ?"
                  + " AND channel_id = ?",
              month,
              row.createdAt(),
              row.channelId()));
    }
    row.referrerChannelId()
        .ifPresent(
            referrer -> {
              statements.add(
                  SimpleStatement.newInstance(
                      "INSERT INTO "
                          + ks
                          + ".referrals (referrer_channel_id, channel_id)"
                          + " VALUES (?, ?)",
                      referrer,
                      row.channelId()));
              statements.add(
                  SimpleStatement.newInstance(
                      "INSERT INTO "
                          + ks
                          + ".referrers (shard, referrer_channel_id)"
                          + " VALUES (?, ?)",
                      (int) Math.floorMod(referrer, (long) REFERRER_SHARDS),
                      referrer));
            });
    previous.ifPresent(old -> statements.addAll(staleIndexEntries(old, row)));
    BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED).addAll(statements);
    return session.executeWriteBatch(batch);
  }

  private List<SimpleStatement> staleIndexEntries(ChannelRow old, ChannelRow row) {
    List<SimpleStatement> stale = new ArrayList<>();
    if (!old.userId().equals(row.userId()) || !old.createdAt().equals(row.createdAt())) {
      stale.add(
          SimpleStatement.newInstance(
              "DELETE FROM "
                  + ks
                  + ".channels_by_user WHERE user_id = ? AND created_at = ? AND channel_id = ?",
              old.userId(),
              old.createdAt(),
              old.channelId()));
    }
    if (old.referrerChannelId().isPresent()
        && !old.referrerChannelId().equals(row.referrerChannelId())) {
      stale.add(
          SimpleStatement.newInstance(
              "DELETE FROM " + ks + ".referrals WHERE referrer_channel_id = ? AND channel_id = ?",
              old.referrerChannelId().get(),
              old.channelId()));
    }
    return stale;
  }

  public CompletionStage<Optional<ChannelRow>> byChannelId(String channelId) {
    return queries
        .selectOne("SELECT * FROM " + ks + ".channels WHERE channel_id = ?", channelId)
        .thenApply(r -> r.map(ChannelReadModel::toRow));
  }

  /** The channel as the projection left it, for the projection to apply the next event to. */
  public CompletionStage<Optional<Stored>> stored(String channelId) {
    return session
        .selectOne("SELECT * FROM " + ks + ".channels WHERE channel_id = ?", channelId)
        .thenApply(
            r ->
                r.filter(row -> !row.isNull("state"))
                    .map(
                        row ->
                            new Stored(
                                toRow(row),
                                row.getByteBuffer("state"),
                                row.getLong("state_seq_nr"))));
  }

  /** The newest {@code limit} channels, any status, newest first. */
  public CompletionStage<List<ChannelRow>> recent(int limit, Instant now) {
    return newestFirst(
        "channels_by_month", limit, YearMonth.from(now.atOffset(ZoneOffset.UTC)), firstMonth, "");
  }

  /** The first channel a Google account signed up (youtube-synch's "channel of the user"). */
  public CompletionStage<Optional<ChannelRow>> firstOfUser(String userId) {
    return queries
        .selectOne(
            "SELECT channel_id FROM " + ks + ".channels_by_user WHERE user_id = ? LIMIT 1", userId)
        .thenCompose(
            r ->
                r.isPresent()
                    ? byChannelId(r.get().getString("channel_id"))
                    : CompletableFuture.completedFuture(Optional.empty()));
  }

  /**
   * Channels that signed up in {@code [from, to)}, newest first, at most {@code limit}: one
   * partition per month of the range, never a scan of the table.
   */
  public CompletionStage<List<ChannelRow>> createdBetween(Instant from, Instant to, int limit) {
    YearMonth first = YearMonth.from(from.atOffset(ZoneOffset.UTC));
    return newestFirst(
        "channels_by_month",
        limit,
        YearMonth.from(to.atOffset(ZoneOffset.UTC)),
        first.isAfter(firstMonth) ? first : firstMonth,
        " AND created_at >= ? AND created_at < ?",
        from,
        to);
  }

  /** Unverified channels, newest first, at most {@code limit}. */
  public CompletionStage<List<ChannelRow>> unverified(int limit, Instant now) {
    return newestFirst(
        "unverified_channels", limit, YearMonth.from(now.atOffset(ZoneOffset.UTC)), firstMonth, "");
  }

  /**
   * Walks the month partitions of {@code table} from {@code last} back to {@code first}, newest
   * first, until {@code limit} channels are found; {@code range} narrows each partition.
   */
  private CompletionStage<List<ChannelRow>> newestFirst(
      String table,
      int limit,
      YearMonth last,
      YearMonth first,
      String range,
      Object... rangeValues) {
    List<String> ids = new ArrayList<>();
    CompletionStage<Void> walk = CompletableFuture.completedFuture(null);
    for (YearMonth m = last; !m.isBefore(first); m = m.minusMonths(1)) {
      String month = m.toString();
      walk =
          walk.thenCompose(
              v -> {
                if (ids.size() >= limit) {
                  return CompletableFuture.completedFuture(null);
                }
                List<Object> values = new ArrayList<>();
                values.add(month);
                values.addAll(List.of(rangeValues));
                values.add(limit - ids.size());
                return queries
                    .selectAll(
                        "SELECT channel_id FROM "
                            + ks
                            + "."
                            + table
                            + " WHERE month = ?"
                            + range
                            + " LIMIT ?",
                        values.toArray())
                    .thenAccept(rows -> rows.forEach(r -> ids.add(r.getString(0))));
              });
    }
    return walk.thenCompose(v -> rows(ids));
  }

  /** The channels a referrer brought in. */
  public CompletionStage<List<ChannelRow>> referrals(long referrerChannelId) {
    return queries
        .selectAll(
            "SELECT channel_id FROM " + ks + ".referrals WHERE referrer_channel_id = ?",
            referrerChannelId)
        .thenCompose(rs -> rows(rs.stream().map(r -> r.getString(0)).toList()));
  }

  /** Every Joystream channel that referred at least one channel. */
  public CompletionStage<List<Long>> referrers() {
    List<CompletableFuture<List<Row>>> shards = new ArrayList<>();
    for (int shard = 0; shard < REFERRER_SHARDS; shard++) {
      shards.add(
          queries
              .selectAll(
                  "SELECT referrer_channel_id FROM " + ks + ".referrers WHERE shard = ?", shard)
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> shards.stream().flatMap(f -> f.join().stream()).map(r -> r.getLong(0)).toList());
  }

  /**
   * The YPP tiers of those of the channels the read side knows, as the pipeline weighs them (a
   * channel not verified has Bronze's, as its limits are Bronze's).
   */
  public CompletionStage<Map<String, Tier>> tiers(Set<String> channelIds) {
    return rows(List.copyOf(channelIds))
        .thenApply(
            rows -> {
              Map<String, Tier> tiers = new HashMap<>();
              rows.forEach(row -> tiers.put(row.channelId(), row.limits()));
              return tiers;
            });
  }

  /** The rows of the ids, in their order, a window of reads at a time. */
  private CompletionStage<List<ChannelRow>> rows(List<String> ids) {
    return Windowed.map(ids, READ_PARALLELISM, this::byChannelId)
        .thenApply(rows -> rows.stream().flatMap(Optional::stream).toList());
  }

  private static ChannelRow toRow(Row r) {
    Map<String, String> thumbnails = r.getMap("thumbnails", String.class, String.class);
    return new ChannelRow(
        r.getString("channel_id"),
        r.getLong("joystream_channel_id"),
        r.getString("user_id"),
        r.getString("email"),
        r.getString("title"),
        r.getString("description"),
        Optional.ofNullable(r.getString("handle")),
        Optional.ofNullable(r.getString("language")),
        thumbnails == null ? Map.of() : thumbnails,
        r.getLong("subscriber_count"),
        r.getLong("video_count"),
        r.getString("ypp_status"),
        Optional.ofNullable(r.getString("pre_opt_out_status")),
        r.getBoolean("should_be_ingested"),
        r.getBoolean("allow_operator_ingestion"),
        Optional.ofNullable(r.getString("video_category_id")),
        r.isNull("referrer_channel_id")
            ? Optional.empty()
            : Optional.of(r.getLong("referrer_channel_id")),
        r.getInstant("created_at"),
        Optional.ofNullable(r.getInstant("last_acted_at")),
        Optional.ofNullable(r.getInstant("processed_at")));
  }
}
