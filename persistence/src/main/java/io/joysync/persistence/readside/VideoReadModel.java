package io.joysync.persistence.readside;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.joysync.engine.pipeline.UploadRate;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.persistence.ProfiledSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The videos table of the read side: one partition per YouTube channel, one row per tracked video.
 * A video's facts are written once when it is tracked; each step afterwards rewrites only its
 * progress columns, so a redelivered event writes the same values again and changes nothing.
 *
 * <p>Beside it, {@link VideoTallies} keeps the sync backlog (per channel and per projection tag),
 * the videos in each state and the uploads per minute. Only the tag's projection writes them, one
 * event at a time; a change of a video's row and of its counts go in one logged batch, and the
 * change is computed from the row as stored, so a redelivered event finds the row already changed
 * and counts nothing again.
 */
public final class VideoReadModel {

  private final CassandraSession session;

  /** The HTTP API's reads (their own consistency level; see {@link ProfiledSession}). */
  private final ProfiledSession queries;

  private final String ks;
  private final VideoTallies tallies;

  public VideoReadModel(CassandraSession session, String keyspace) {
    this.session = session;
    this.queries = ProfiledSession.of(session, ProfiledSession.QUERIES);
    this.ks = keyspace;
    this.tallies = new VideoTallies(session, keyspace);
  }

  /** The video table and its tallies (the keyspace must exist). */
  public static List<String> tables(String keyspace) {
    List<String> ddl = new ArrayList<>();
    ddl.add(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".videos (channel_id text, video_id text, title text, description text,"
            + " view_count bigint, thumbnails map<text,text>, state text, category text,"
            + " language_iso text, duration bigint, upload_status text, privacy_status text,"
            + " license text, container text, is_short boolean, joystream_video_id bigint,"
            + " asset_ids list<bigint>, published_at timestamp, created_at timestamp,"
            + " updated_at timestamp, PRIMARY KEY (channel_id, video_id))");
    ddl.addAll(VideoTallies.tables(keyspace));
    return List.copyOf(ddl);
  }

  /** Creates the video table and its tallies when missing; the keyspace must exist. */
  public CompletionStage<Done> createTable() {
    CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
    for (String statement : tables(ks)) {
      done = done.thenCompose(d -> session.executeDDL(statement));
    }
    return done;
  }

  /**
   * Writes the row of a newly tracked video with the backlog counts in one batch (one batch per
   * video: a batch of many long descriptions could exceed Cassandra's batch size limit). A video
   * already written is left as it is.
   */
  public CompletionStage<Done> track(
      String tag, String channelId, VideoFacts facts, VideoRecord record) {
    return state(channelId, record.id())
        .thenCompose(
            stored ->
                stored.isPresent()
                    ? CompletableFuture.completedFuture(Done.getInstance())
                    : write(
                        tag,
                        channelId,
                        insert(channelId, facts, record),
                        Optional.empty(),
                        record));
  }

  /** Rewrites a video's progress after a step, and the backlog counts if it left or entered it. */
  public CompletionStage<Done> advance(String tag, String channelId, VideoRecord r) {
    SimpleStatement update =
        SimpleStatement.newInstance(
            "UPDATE "
                + ks
                + ".videos SET state = ?, joystream_video_id = ?, asset_ids = ?, updated_at = ?"
                + " WHERE channel_id = ? AND video_id = ?",
            r.state().wireName(),
            r.joystreamVideo().map(JoystreamVideo::id).orElse(null),
            r.joystreamVideo().map(JoystreamVideo::assetIds).orElse(List.of()),
            ms(r.updatedAt()),
            channelId,
            r.id());
    return state(channelId, r.id()).thenCompose(stored -> write(tag, channelId, update, stored, r));
  }

  /** The title and description Atlas lists for a video (after an edit reached Joystream). */
  public CompletionStage<Done> retitle(
      String channelId, String videoId, String title, String description) {
    return session.executeWrite(
        "UPDATE "
            + ks
            + ".videos SET title = ?, description = ? WHERE channel_id = ? AND video_id = ?",
        title,
        description,
        channelId,
        videoId);
  }

  /** Writes a video's row in one logged batch with the counts its change moves. */
  private CompletionStage<Done> write(
      String tag,
      String channelId,
      SimpleStatement row,
      Optional<VideoState> before,
      VideoRecord after) {
    return tallies
        .changes(tag, channelId, before, after.state(), after.updatedAt())
        .thenCompose(
            counts -> {
              if (counts.isEmpty()) {
                return session.executeWrite(row);
              }
              BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED, row);
              for (SimpleStatement c : counts) {
                batch = batch.add(c);
              }
              return session.executeWriteBatch(batch);
            });
  }

  private SimpleStatement insert(String channelId, VideoFacts f, VideoRecord r) {
    return SimpleStatement.newInstance(
        "INSERT INTO "
            + ks
            + ".videos (channel_id, video_id, title, description, view_count,"
            + " thumbnails, state, category, language_iso, duration, upload_status,"
            + " privacy_status, license, container, is_short, joystream_video_id,"
            + " asset_ids, published_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        channelId,
        f.id(),
        f.title(),
        f.description(),
        f.viewCount(),
        f.thumbnails(),
        r.state().wireName(),
        r.category(),
        r.languageIso().orElse(null),
        f.durationSeconds(),
        f.uploadStatus().orElse(null),
        f.privacyStatus().orElse(null),
        f.license().orElse(null),
        f.container().orElse(null),
        f.isShort().orElse(null),
        r.joystreamVideo().map(JoystreamVideo::id).orElse(null),
        r.joystreamVideo().map(JoystreamVideo::assetIds).orElse(List.of()),
        ms(f.publishedAt()),
        ms(r.createdAt()),
        ms(r.updatedAt()));
  }

  /**
   * A video's state as the read side holds it now (empty: not tracked there yet), read as the
   * projections read it.
   */
  public CompletionStage<Optional<VideoState>> state(String channelId, String videoId) {
    return session
        .selectOne(
            "SELECT state FROM " + ks + ".videos WHERE channel_id = ? AND video_id = ?",
            channelId,
            videoId)
        .thenApply(row -> row.flatMap(r -> VideoState.parse(r.getString(0))));
  }

  /** Videos not yet on Joystream across all channels: the sum of the given tags' totals. */
  public CompletionStage<Long> syncBacklog(List<String> tags) {
    return tallies.syncBacklog(tags);
  }

  /** How many of a channel's videos are still on their way (not uploaded, not unavailable). */
  public CompletionStage<Long> backlog(String channelId) {
    return tallies.backlog(channelId);
  }

  /** Channels with videos waiting, over the given tags. */
  public CompletionStage<Long> activeChannels(List<String> tags) {
    return tallies.activeChannels(tags);
  }

  /** Videos by state (youtube-synch's wire names) over the given tags. */
  public CompletionStage<Map<String, Long>> byState(List<String> tags) {
    return tallies.byState(tags);
  }

  /** The pipeline's throughput over the last hour, as seen at {@code now} ({@link UploadRate}). */
  public CompletionStage<UploadRate> uploadRate(List<String> tags, Instant now) {
    return tallies.uploadRate(tags, now);
  }

  /** Videos that reached Joystream since {@code since}, over the given tags. */
  public CompletionStage<Long> uploadsSince(List<String> tags, Instant since) {
    return tallies.uploadsSince(tags, since);
  }

  /** How many of a channel's videos are in each state. */
  public CompletionStage<Map<VideoState, Long>> statesOf(String channelId) {
    return queries
        .selectAll("SELECT state FROM " + ks + ".videos WHERE channel_id = ?", channelId)
        .thenApply(
            rows -> {
              Map<VideoState, Long> counts = new java.util.HashMap<>();
              for (Row r : rows) {
                VideoState.parse(r.getString(0)).ifPresent(s -> counts.merge(s, 1L, Long::sum));
              }
              return counts;
            });
  }

  /** Every tracked video of a channel, oldest publication first. */
  public CompletionStage<List<VideoRow>> ofChannel(String channelId) {
    return queries
        .selectAll("SELECT * FROM " + ks + ".videos WHERE channel_id = ?", channelId)
        .thenApply(
            rows ->
                rows.stream()
                    .map(VideoReadModel::toRow)
                    .sorted(
                        Comparator.comparing(VideoRow::publishedAt)
                            .thenComparing(VideoRow::videoId))
                    .toList());
  }

  private static Instant ms(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  private static VideoRow toRow(Row r) {
    Map<String, String> thumbnails = r.getMap("thumbnails", String.class, String.class);
    List<Long> assets = r.getList("asset_ids", Long.class);
    return new VideoRow(
        r.getString("channel_id"),
        r.getString("video_id"),
        r.getString("title"),
        r.getString("description"),
        r.getLong("view_count"),
        thumbnails == null ? Map.of() : thumbnails,
        r.getString("state"),
        r.getString("category"),
        Optional.ofNullable(r.getString("language_iso")),
        r.getLong("duration"),
        Optional.ofNullable(r.getString("upload_status")),
        Optional.ofNullable(r.getString("privacy_status")),
        Optional.ofNullable(r.getString("license")),
        Optional.ofNullable(r.getString("container")),
        r.isNull("is_short") ? Optional.empty() : Optional.of(r.getBoolean("is_short")),
        r.isNull("joystream_video_id")
            ? Optional.empty()
            : Optional.of(r.getLong("joystream_video_id")),
        assets == null ? List.of() : assets,
        r.getInstant("published_at"),
        r.getInstant("created_at"),
        r.getInstant("updated_at"));
  }
}
