package io.joysync.persistence.discovery;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.discovery.ScheduleEntry;
import io.joysync.engine.discovery.Watch;
import io.joysync.engine.discovery.WatchShards;
import io.joysync.engine.discovery.WatchStore;
import io.joysync.engine.youtube.discovery.FeedValidators;
import io.joysync.persistence.ProfiledSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch schedule in Cassandra. {@code watch_schedule} holds the entries, partitioned by (minute
 * bucket, shard) and ordered by due time, so a worker reads exactly its due rows; {@code
 * watch_channels} holds each channel's watch row, whose columns each have one writer (membership:
 * the channel projection; feed state: the schedule worker; lease: the callback), so concurrent
 * writers never undo each other; {@code watch_cursors} holds each shard's first unfinished bucket.
 * A check moves its entry with one logged batch (new entry, watch row, old entry removed).
 */
public final class CassandraWatchStore implements WatchStore {

  private static final int IN_CHUNK = 100;

  private static final Logger log = LoggerFactory.getLogger(CassandraWatchStore.class);

  private final ProfiledSession session;
  private final String ks;
  private final ObjectMapper cbor;

  /** {@code cbor}: the mapper the projection writes its copies of the channels with. */
  public CassandraWatchStore(CassandraSession session, String keyspace, ObjectMapper cbor) {
    this.session = ProfiledSession.of(session, ProfiledSession.DISCOVERY);
    this.ks = keyspace;
    this.cbor = cbor;
  }

  public static List<String> tables(String ks) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".watch_schedule (bucket bigint, shard int, due timestamp, entry text,"
            + " channel_id text, video_id text, PRIMARY KEY ((bucket, shard), due, entry))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".watch_cursors (shard int PRIMARY KEY, bucket bigint)",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".watch_channels (channel_id text PRIMARY KEY, watched boolean, joined_at timestamp,"
            + " joystream_channel_id bigint, projected_state blob, projected_seq bigint,"
            + " due timestamp, next_poll timestamp, etag text, last_modified text,"
            + " last_upload_at timestamp,"
            + " failures int, subscribe_requested_at timestamp, lease_end timestamp,"
            + " statistics_at timestamp)",
        // Schedules created before the statistics refresh gain its column.
        "ALTER TABLE " + ks + ".watch_channels ADD IF NOT EXISTS statistics_at timestamp");
  }

  @Override
  public CompletionStage<List<ScheduleEntry>> due(int shard, long bucket, Instant upTo, int limit) {
    return session
        .selectAll(
            "SELECT due, channel_id, video_id FROM "
                + ks
                + ".watch_schedule WHERE bucket = ? AND shard = ? AND due <= ? LIMIT ?",
            bucket,
            shard,
            ms(upTo),
            limit)
        .thenApply(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new ScheduleEntry(
                                bucket,
                                shard,
                                r.getInstant("due"),
                                r.getString("channel_id"),
                                Optional.ofNullable(r.getString("video_id"))))
                    .toList());
  }

  @Override
  public CompletionStage<List<Watch>> watches(List<String> channelIds) {
    List<CompletableFuture<List<Row>>> reads = new ArrayList<>();
    for (int from = 0; from < channelIds.size(); from += IN_CHUNK) {
      List<String> chunk =
          List.copyOf(channelIds.subList(from, Math.min(channelIds.size(), from + IN_CHUNK)));
      reads.add(
          session
              .selectAll("SELECT * FROM " + ks + ".watch_channels WHERE channel_id IN ?", chunk)
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            x ->
                reads.stream()
                    .flatMap(r -> r.join().stream())
                    .map(CassandraWatchStore::watch)
                    .flatMap(Optional::stream)
                    .toList());
  }

  @Override
  public CompletionStage<Optional<Watch>> watch(String channelId) {
    return session
        .selectOne("SELECT * FROM " + ks + ".watch_channels WHERE channel_id = ?", channelId)
        .thenApply(row -> row.flatMap(CassandraWatchStore::watch));
  }

  @Override
  public CompletionStage<Optional<ChannelState>> channel(String channelId) {
    return membership(channelId)
        .thenApply(
            stored ->
                stored.flatMap(
                    m -> {
                      try {
                        return Optional.of(decode(m.state()));
                      } catch (UncheckedIOException e) {
                        log.warn(
                            "the schedule's copy of channel {} cannot be read ({}); its entity"
                                + " will be asked",
                            channelId,
                            e.getCause().toString());
                        return Optional.empty();
                      }
                    }));
  }

  ByteBuffer encode(ChannelState state) {
    try {
      return ByteBuffer.wrap(cbor.writeValueAsBytes(state));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ChannelState decode(ByteBuffer bytes) {
    byte[] array = new byte[bytes.remaining()];
    bytes.duplicate().get(array);
    try {
      return cbor.readValue(array, ChannelState.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CompletionStage<Done> reschedule(Watch checked, ScheduleEntry done) {
    ScheduleEntry next = ScheduleEntry.channelCheck(checked.channelId(), ms(checked.due()));
    BatchStatement batch =
        BatchStatement.newInstance(
            BatchType.LOGGED,
            insert(next),
            SimpleStatement.newInstance(
                "UPDATE "
                    + ks
                    + ".watch_channels SET due = ?, next_poll = ?, etag = ?, last_modified = ?,"
                    + " last_upload_at = ?, failures = ?, subscribe_requested_at = ?"
                    + " WHERE channel_id = ?",
                next.due(),
                checked.nextPoll().map(CassandraWatchStore::ms).orElse(null),
                checked.validators().etag().orElse(null),
                checked.validators().lastModified().orElse(null),
                checked.lastUploadAt().map(CassandraWatchStore::ms).orElse(null),
                checked.failures(),
                checked.subscribeRequestedAt().map(CassandraWatchStore::ms).orElse(null),
                checked.channelId()),
            delete(done));
    return session.executeWriteBatch(batch);
  }

  @Override
  public CompletionStage<Done> schedule(ScheduleEntry entry) {
    return session.executeWrite(insert(entry));
  }

  @Override
  public CompletionStage<Done> remove(ScheduleEntry entry) {
    return session.executeWrite(delete(entry));
  }

  @Override
  public CompletionStage<Done> recordStatistics(List<String> channelIds, Instant at) {
    List<CompletableFuture<Done>> writes = new ArrayList<>();
    for (String channelId : channelIds) {
      writes.add(
          session
              .executeWrite(
                  "UPDATE " + ks + ".watch_channels SET statistics_at = ? WHERE channel_id = ?",
                  ms(at),
                  channelId)
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(x -> Done.getInstance());
  }

  @Override
  public CompletionStage<Done> recordLease(String channelId, Optional<Instant> leaseEnd) {
    return session.executeWrite(
        "UPDATE " + ks + ".watch_channels SET lease_end = ? WHERE channel_id = ?",
        leaseEnd.map(CassandraWatchStore::ms).orElse(null),
        channelId);
  }

  @Override
  public CompletionStage<Optional<Long>> cursor(int shard) {
    return session
        .selectOne("SELECT bucket FROM " + ks + ".watch_cursors WHERE shard = ?", shard)
        .thenApply(row -> row.map(r -> r.getLong("bucket")));
  }

  @Override
  public CompletionStage<Done> saveCursor(int shard, long bucket) {
    return session.executeWrite(
        "UPDATE " + ks + ".watch_cursors SET bucket = ? WHERE shard = ?", bucket, shard);
  }

  /** The stored membership of a channel: the projection's own copy and the last event applied. */
  record Membership(boolean watched, ByteBuffer state, long seqNr) {}

  CompletionStage<Optional<Membership>> membership(String channelId) {
    return session
        .selectOne(
            "SELECT watched, projected_state, projected_seq FROM "
                + ks
                + ".watch_channels WHERE channel_id = ?",
            channelId)
        .thenApply(
            row ->
                row.filter(r -> r.getByteBuffer("projected_state") != null)
                    .map(
                        r ->
                            new Membership(
                                r.getBoolean("watched"),
                                r.getByteBuffer("projected_state"),
                                r.getLong("projected_seq"))));
  }

  /**
   * The projection's write for one channel event: its copy of the channel, whether it is watched
   * and since when, its Joystream channel in the link table, and, when it (re)joins, an entry due
   * now.
   */
  CompletionStage<Done> project(
      String channelId,
      ByteBuffer state,
      long seqNr,
      boolean watched,
      Optional<Instant> joinedAt,
      Optional<Long> joystreamChannelId,
      boolean inProgram,
      Instant now) {
    List<com.datastax.oss.driver.api.core.cql.BatchableStatement<?>> statements = new ArrayList<>();
    statements.add(
        SimpleStatement.newInstance(
            "UPDATE "
                + ks
                + ".watch_channels SET projected_state = ?, projected_seq = ?, watched = ?,"
                + " joystream_channel_id = ? WHERE channel_id = ?",
            state,
            seqNr,
            watched,
            joystreamChannelId.orElse(null),
            channelId));
    if (joinedAt.isPresent()) {
      ScheduleEntry first = ScheduleEntry.channelCheck(channelId, ms(now));
      statements.add(
          SimpleStatement.newInstance(
              "UPDATE "
                  + ks
                  + ".watch_channels SET joined_at = ?, due = ?, next_poll = null, failures = 0"
                  + " WHERE channel_id = ?",
              ms(joinedAt.get()),
              first.due(),
              channelId));
      statements.add(insert(first));
    }
    joystreamChannelId.ifPresent(
        id ->
            statements.add(
                SimpleStatement.newInstance(
                    "INSERT INTO "
                        + ks
                        + ".joystream_channel_links (joystream_channel_id, channel_id,"
                        + " in_program) VALUES (?, ?, ?)",
                    id,
                    channelId,
                    inProgram)));
    return session.executeWriteBatch(
        BatchStatement.newInstance(BatchType.LOGGED).addAll(statements));
  }

  private SimpleStatement insert(ScheduleEntry e) {
    return SimpleStatement.newInstance(
        "INSERT INTO "
            + ks
            + ".watch_schedule (bucket, shard, due, entry, channel_id, video_id)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        WatchShards.bucketOf(ms(e.due())),
        e.shard(),
        ms(e.due()),
        e.key(),
        e.channelId(),
        e.videoId().orElse(null));
  }

  private SimpleStatement delete(ScheduleEntry e) {
    return SimpleStatement.newInstance(
        "DELETE FROM "
            + ks
            + ".watch_schedule WHERE bucket = ? AND shard = ? AND due = ? AND entry = ?",
        e.bucket(),
        e.shard(),
        ms(e.due()),
        e.key());
  }

  private static Optional<Watch> watch(Row r) {
    if (r.getInstant("due") == null || r.getInstant("joined_at") == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Watch(
            r.getString("channel_id"),
            r.getBoolean("watched"),
            r.getInstant("joined_at"),
            r.getInstant("due"),
            Optional.ofNullable(r.getInstant("next_poll")),
            new FeedValidators(
                Optional.ofNullable(r.getString("etag")),
                Optional.ofNullable(r.getString("last_modified"))),
            Optional.ofNullable(r.getInstant("last_upload_at")),
            r.getInt("failures"),
            Optional.ofNullable(r.getInstant("lease_end")),
            Optional.ofNullable(r.getInstant("subscribe_requested_at")),
            Optional.ofNullable(r.getInstant("statistics_at"))));
  }

  static Instant ms(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS);
  }
}
