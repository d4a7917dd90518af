package io.joysync.persistence.readside;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.joysync.engine.channel.ChannelEntity.TrackedVideo;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
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
 */
public final class VideoReadModel {

  private final CassandraSession session;
  private final String ks;

  public VideoReadModel(CassandraSession session, String keyspace) {
    this.session = session;
    this.ks = keyspace;
  }

  public CompletionStage<Done> createTable() {
    return session.executeDDL(
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".videos (channel_id text, video_id text, title text, description text,"
            + " view_count bigint, thumbnails map<text,text>, state text, category text,"
            + " language_iso text, duration bigint, upload_status text, privacy_status text,"
            + " license text, container text, is_short boolean, joystream_video_id bigint,"
            + " asset_ids list<bigint>, published_at timestamp, created_at timestamp,"
            + " updated_at timestamp, PRIMARY KEY (channel_id, video_id))");
  }

  /**
   * Writes the rows of newly tracked videos, one write each (a batch of long descriptions could
   * exceed Cassandra's batch size limit).
   */
  public CompletionStage<Done> track(String channelId, List<TrackedVideo> videos) {
    List<CompletableFuture<Done>> writes = new ArrayList<>();
    for (TrackedVideo v : videos) {
      VideoFacts f = v.facts();
      VideoRecord r = v.record();
      writes.add(
          session
              .executeWrite(
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
                  ms(r.updatedAt()))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(v -> Done.getInstance());
  }

  /** Rewrites a video's progress after a step. */
  public CompletionStage<Done> advance(String channelId, VideoRecord r) {
    return session.executeWrite(
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
            r.id()));
  }

  /** How many of a channel's videos are still on their way (not uploaded, not unavailable). */
  public CompletionStage<Long> backlog(String channelId) {
    return session
        .selectAll("SELECT state FROM " + ks + ".videos WHERE channel_id = ?", channelId)
        .thenApply(
            rows ->
                rows.stream()
                    .filter(
                        r -> VideoState.parse(r.getString(0)).map(v -> !v.isFinal()).orElse(false))
                    .count());
  }

  /** Every tracked video of a channel, oldest publication first. */
  public CompletionStage<List<VideoRow>> ofChannel(String channelId) {
    return session
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
