package io.joysync.persistence.discovery;

import io.joysync.engine.discovery.ChainWatchStore;
import io.joysync.persistence.ProfiledSession;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The chain watch's tables in Cassandra: its position ({@code chain_watch_position}), the YouTube
 * channels linked to each Joystream channel ({@code joystream_channel_links}, kept by the watch
 * projection) and the YouTube video of each Joystream video ({@code joystream_videos}, kept by the
 * video index projection).
 */
public final class CassandraChainWatchStore implements ChainWatchStore {

  private static final String WATCH = "finalized";

  private final ProfiledSession session;
  private final String ks;

  public CassandraChainWatchStore(CassandraSession session, String keyspace) {
    this.session = ProfiledSession.of(session, ProfiledSession.DISCOVERY);
    this.ks = keyspace;
  }

  public static List<String> tables(String ks) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".chain_watch_position (watch text PRIMARY KEY, block_number bigint,"
            + " block_hash text)",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".joystream_channel_links (joystream_channel_id bigint, channel_id text,"
            + " in_program boolean, PRIMARY KEY (joystream_channel_id, channel_id))");
  }

  @Override
  public CompletionStage<Optional<Position>> position() {
    return session
        .selectOne(
            "SELECT block_number, block_hash FROM " + ks + ".chain_watch_position WHERE watch = ?",
            WATCH)
        .thenApply(
            row ->
                row.map(r -> new Position(r.getLong("block_number"), r.getString("block_hash"))));
  }

  @Override
  public CompletionStage<Done> savePosition(Position position) {
    return session.executeWrite(
        "UPDATE "
            + ks
            + ".chain_watch_position SET block_number = ?, block_hash = ? WHERE watch = ?",
        position.number(),
        position.hash(),
        WATCH);
  }

  @Override
  public CompletionStage<List<String>> channelsOf(long joystreamChannelId) {
    return session
        .selectAll(
            "SELECT channel_id, in_program FROM "
                + ks
                + ".joystream_channel_links WHERE joystream_channel_id = ?",
            joystreamChannelId)
        .thenApply(
            rows ->
                rows.stream()
                    .filter(r -> r.getBoolean("in_program"))
                    .map(r -> r.getString("channel_id"))
                    .toList());
  }

  @Override
  public CompletionStage<Optional<VideoOnChain>> videoOf(long joystreamVideoId) {
    return session
        .selectOne(
            "SELECT channel_id, video_id FROM "
                + ks
                + ".joystream_videos WHERE joystream_video_id = ?",
            joystreamVideoId)
        .thenCompose(
            row ->
                row.isEmpty()
                    ? java.util.concurrent.CompletableFuture.completedFuture(
                        Optional.<VideoOnChain>empty())
                    : session
                        .selectOne(
                            "SELECT state FROM "
                                + ks
                                + ".discovery_videos WHERE channel_id = ? AND video_id = ?",
                            row.get().getString("channel_id"),
                            row.get().getString("video_id"))
                        .thenApply(
                            state ->
                                Optional.of(
                                    new VideoOnChain(
                                        row.get().getString("channel_id"),
                                        row.get().getString("video_id"),
                                        state.map(s -> s.getString("state"))))));
  }
}
