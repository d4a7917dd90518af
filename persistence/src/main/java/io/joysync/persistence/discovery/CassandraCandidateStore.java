package io.joysync.persistence.discovery;

import com.datastax.oss.driver.api.core.cql.Row;
import io.joysync.engine.discovery.Candidate;
import io.joysync.engine.discovery.CandidateStore;
import io.joysync.engine.discovery.MetadataChange;
import io.joysync.engine.discovery.VideoKnowledge;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.persistence.ProfiledSession;
import java.time.Instant;
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
 * Discovery's finds in Cassandra: {@code discovery_candidates} (one partition per candidate
 * partition, one row per channel and video, so a repeat overwrites), {@code discovery_videos} (per
 * channel: the tracked state, title, description and Joystream id written by the video projection,
 * and what discovery saw and decided, written by discovery, each in its own columns), {@code
 * joystream_videos} (Joystream video id to YouTube video), and the changes and deletions noticed
 * after tracking ({@code video_metadata_changes}, {@code youtube_deletions}).
 */
public final class CassandraCandidateStore implements CandidateStore {

  private final ProfiledSession session;
  private final String ks;

  public CassandraCandidateStore(CassandraSession session, String keyspace) {
    this.session = ProfiledSession.of(session, ProfiledSession.DISCOVERY);
    this.ks = keyspace;
  }

  public static List<String> tables(String ks) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".discovery_candidates (partition int, channel_id text, video_id text,"
            + " reason text, source text, noticed_at timestamp, entry_updated_at timestamp,"
            + " title text, PRIMARY KEY ((partition), channel_id, video_id))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".discovery_videos (channel_id text, video_id text, state text, title text,"
            + " description text, joystream_video_id bigint, seen_updated_at timestamp,"
            + " seen_title text, seen_description text, verdict text, verdict_reason text,"
            + " checks int, PRIMARY KEY (channel_id, video_id))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".joystream_videos (joystream_video_id bigint PRIMARY KEY, channel_id text,"
            + " video_id text)",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".video_metadata_changes (channel_id text, video_id text, title text,"
            + " description text, joystream_video_id bigint, noticed_at timestamp,"
            + " PRIMARY KEY (channel_id, video_id))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".youtube_deletions (channel_id text, video_id text, deleted_at timestamp,"
            + " PRIMARY KEY (channel_id, video_id))");
  }

  @Override
  public CompletionStage<Done> record(List<Candidate> candidates) {
    List<CompletableFuture<Done>> writes = new ArrayList<>();
    for (Candidate c : candidates) {
      writes.add(
          session
              .executeWrite(
                  "INSERT INTO "
                      + ks
                      + ".discovery_candidates (partition, channel_id, video_id, reason, source,"
                      + " noticed_at, entry_updated_at, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  c.partition(),
                  c.channelId(),
                  c.videoId(),
                  c.reason().name(),
                  c.source().name(),
                  CassandraWatchStore.ms(c.noticedAt()),
                  CassandraWatchStore.ms(c.entryUpdatedAt()),
                  c.title())
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(x -> Done.getInstance());
  }

  @Override
  public CompletionStage<List<Candidate>> pending(int partition, int limit) {
    return session
        .selectAll(
            "SELECT * FROM " + ks + ".discovery_candidates WHERE partition = ? LIMIT ?",
            partition,
            limit)
        .thenApply(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new Candidate(
                                r.getString("channel_id"),
                                r.getString("video_id"),
                                Candidate.Reason.valueOf(r.getString("reason")),
                                Candidate.Source.valueOf(r.getString("source")),
                                r.getInstant("noticed_at"),
                                r.getInstant("entry_updated_at"),
                                Optional.ofNullable(r.getString("title")).orElse("")))
                    .toList());
  }

  @Override
  public CompletionStage<Done> remove(Candidate c) {
    return session.executeWrite(
        "DELETE FROM "
            + ks
            + ".discovery_candidates WHERE partition = ? AND channel_id = ? AND video_id = ?",
        c.partition(),
        c.channelId(),
        c.videoId());
  }

  @Override
  public CompletionStage<Map<String, VideoKnowledge>> knowledge(
      String channelId, List<String> videoIds) {
    return session
        .selectAll(
            "SELECT * FROM " + ks + ".discovery_videos WHERE channel_id = ? AND video_id IN ?",
            channelId,
            List.copyOf(videoIds))
        .thenApply(
            rows -> {
              Map<String, VideoKnowledge> known = new HashMap<>();
              for (Row r : rows) {
                VideoKnowledge k = knowledge(r);
                known.put(k.videoId(), k);
              }
              return known;
            });
  }

  @Override
  public CompletionStage<Done> seen(
      String channelId,
      String videoId,
      Instant updatedAt,
      String title,
      Optional<String> description) {
    if (description.isPresent()) {
      return session.executeWrite(
          "UPDATE "
              + ks
              + ".discovery_videos SET seen_updated_at = ?, seen_title = ?, seen_description = ?"
              + " WHERE channel_id = ? AND video_id = ?",
          CassandraWatchStore.ms(updatedAt),
          title,
          description.get(),
          channelId,
          videoId);
    }
    return session.executeWrite(
        "UPDATE "
            + ks
            + ".discovery_videos SET seen_updated_at = ?, seen_title = ?"
            + " WHERE channel_id = ? AND video_id = ?",
        CassandraWatchStore.ms(updatedAt),
        title,
        channelId,
        videoId);
  }

  @Override
  public CompletionStage<Done> verdict(
      String channelId,
      String videoId,
      VideoKnowledge.Verdict verdict,
      String reason,
      int checks,
      Instant updatedAt) {
    return session.executeWrite(
        "UPDATE "
            + ks
            + ".discovery_videos SET verdict = ?, verdict_reason = ?, checks = ?,"
            + " seen_updated_at = ? WHERE channel_id = ? AND video_id = ?",
        verdict.name(),
        reason,
        checks,
        CassandraWatchStore.ms(updatedAt),
        channelId,
        videoId);
  }

  @Override
  public CompletionStage<Done> recordChange(MetadataChange change) {
    return session.executeWrite(
        "INSERT INTO "
            + ks
            + ".video_metadata_changes (channel_id, video_id, title, description,"
            + " joystream_video_id, noticed_at) VALUES (?, ?, ?, ?, ?, ?)",
        change.channelId(),
        change.videoId(),
        change.title(),
        change.description(),
        change.joystreamVideoId().orElse(null),
        CassandraWatchStore.ms(change.noticedAt()));
  }

  @Override
  public CompletionStage<Done> recordDeletion(String channelId, String videoId, Instant deletedAt) {
    return session.executeWrite(
        "INSERT INTO "
            + ks
            + ".youtube_deletions (channel_id, video_id, deleted_at) VALUES (?, ?, ?)",
        channelId,
        videoId,
        CassandraWatchStore.ms(deletedAt));
  }

  /** The video projection's write for a tracked video. */
  CompletionStage<Done> tracked(String channelId, VideoFacts facts, VideoRecord record) {
    return session
        .executeWrite(
            "UPDATE "
                + ks
                + ".discovery_videos SET state = ?, title = ?, description = ?,"
                + " joystream_video_id = ? WHERE channel_id = ? AND video_id = ?",
            record.state().wireName(),
            facts.title(),
            facts.description(),
            record.joystreamVideo().map(JoystreamVideo::id).orElse(null),
            channelId,
            record.id())
        .thenCompose(d -> joystreamVideo(channelId, record));
  }

  /** The video projection's write for a step. */
  CompletionStage<Done> advanced(String channelId, VideoRecord record) {
    return session
        .executeWrite(
            "UPDATE "
                + ks
                + ".discovery_videos SET state = ?, joystream_video_id = ?"
                + " WHERE channel_id = ? AND video_id = ?",
            record.state().wireName(),
            record.joystreamVideo().map(JoystreamVideo::id).orElse(null),
            channelId,
            record.id())
        .thenCompose(d -> joystreamVideo(channelId, record));
  }

  private CompletionStage<Done> joystreamVideo(String channelId, VideoRecord record) {
    if (record.joystreamVideo().isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return session.executeWrite(
        "INSERT INTO "
            + ks
            + ".joystream_videos (joystream_video_id, channel_id, video_id) VALUES (?, ?, ?)",
        record.joystreamVideo().get().id(),
        channelId,
        record.id());
  }

  private static VideoKnowledge knowledge(Row r) {
    Optional<String> seenTitle = Optional.ofNullable(r.getString("seen_title"));
    Optional<String> seenDescription = Optional.ofNullable(r.getString("seen_description"));
    return new VideoKnowledge(
        r.getString("channel_id"),
        r.getString("video_id"),
        Optional.ofNullable(r.getString("state")),
        seenTitle.or(() -> Optional.ofNullable(r.getString("title"))),
        seenDescription.or(() -> Optional.ofNullable(r.getString("description"))),
        Optional.ofNullable(r.get("joystream_video_id", Long.class)),
        Optional.ofNullable(r.getString("verdict")).map(VideoKnowledge.Verdict::valueOf),
        Optional.ofNullable(r.getString("verdict_reason")),
        Optional.ofNullable(r.getInstant("seen_updated_at")),
        r.isNull("checks") ? 0 : r.getInt("checks"));
  }
}
