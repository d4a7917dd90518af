package io.joysync.persistence.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.ConfigFactory;
import io.joysync.engine.pipeline.WorkIndex;
import io.joysync.engine.pipeline.WorkItem;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.harness.TestEnvironment;
import io.joysync.persistence.schema.CassandraSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The work index's lanes on real Cassandra: however large a slot's back catalogue, a read with a
 * small limit still holds the videos already started, the new uploads and every channel's first
 * place in its back catalogue; a video whose creation starts changes lane; a table of the version
 * before lanes gains them, and its rows are found at the first read.
 */
@Needs(Service.CASSANDRA)
class SyncWorkLanesTest {
  private static final Instant OLD = Instant.parse("2025-03-01T00:00:00Z");
  private static final Instant RECENT = Instant.parse("2026-11-20T00:00:00Z");
  private static ActorSystem<Void> system;
  private static CassandraSession session;

  @BeforeAll
  static void start() {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "sync-work-lanes-test",
            ConfigFactory.parseString(
                    "datastax-java-driver.basic.load-balancing-policy.local-datacenter ="
                        + " datacenter1\n"
                        + "datastax-java-driver.basic.contact-points = [\"127.0.0.1:"
                        + TestEnvironment.cassandraPort()
                        + "\"]\n"
                        + "datastax-java-driver.basic.request.timeout = 30s\n")
                .withFallback(ConfigFactory.load()));
    session = CassandraSessionRegistry.get(system).sessionFor("pekko.connectors.cassandra");
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.terminate();
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static String keyspace() throws Exception {
    String ks = "joysync_lanes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    await(
        session.executeDDL(
            "CREATE KEYSPACE "
                + ks
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"));
    return ks;
  }

  private static SyncWorkTable table(String keyspace) throws Exception {
    SyncWorkTable work = new SyncWorkTable(session, keyspace);
    await(work.createTable());
    return work;
  }

  /** A channel id other than {@code other} in the same slot. */
  private static String sameSlotAs(String other) {
    for (int i = 0; ; i++) {
      String candidate = "UCneighbour" + i;
      if (WorkIndex.slotOf(candidate) == WorkIndex.slotOf(other)) {
        return candidate;
      }
    }
  }

  private static VideoFacts facts(String id, Instant publishedAt) {
    return new VideoFacts(
        id,
        "Title " + id,
        "About " + id,
        10,
        Map.of(),
        60,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        publishedAt);
  }

  private static VideoRecord record(String id, VideoState state, boolean historical) {
    Instant at = Instant.parse("2026-11-21T10:00:00Z");
    return new VideoRecord(
        id,
        state,
        "cat-1",
        Optional.empty(),
        historical ? OLD : RECENT,
        60,
        historical,
        state.equals(VideoState.NEW)
            ? Optional.empty()
            : Optional.of(new JoystreamVideo(9, List.of(1L, 2L))),
        0,
        at,
        at);
  }

  /** Tracks a back catalogue of {@code count} videos ranked in the order of their ids. */
  private static void trackCatalogue(SyncWorkTable work, String channel, String prefix, int count)
      throws Exception {
    inGroups(
        count,
        rank -> {
          String id = String.format("%s-%02d", prefix, rank);
          return work.tracked(channel, facts(id, OLD), record(id, VideoState.NEW, true), rank);
        });
  }

  /**
   * Writes {@code count} rows, a hundred at a time (the driver's in-flight requests are bounded).
   */
  private static void inGroups(int count, IntFunction<CompletionStage<?>> write) throws Exception {
    for (int from = 0; from < count; from += 100) {
      List<CompletableFuture<?>> writes = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 100); i++) {
        writes.add(write.apply(i).toCompletableFuture());
      }
      await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
    }
  }

  private static List<String> ids(List<WorkItem> items) {
    return items.stream().map(WorkItem::videoId).toList();
  }

  @Test
  void aSmallReadHoldsTheStartedVideosTheNewUploadsAndEveryChannelsFirstPlace() throws Exception {
    String ks = keyspace();
    SyncWorkTable work = table(ks);
    String big = "UCbigcatalogue";
    String newcomer = sameSlotAs(big);
    int slot = WorkIndex.slotOf(big);
    trackCatalogue(work, big, "a", 40);
    // The newcomer's ids sort after every id of the big catalogue.
    trackCatalogue(work, newcomer, "z", 3);
    await(work.tracked(big, facts("zz-new", RECENT), record("zz-new", VideoState.NEW, false), 0));
    await(
        work.tracked(big, facts("zz-started", OLD), record("zz-started", VideoState.NEW, true), 35)
            .thenCompose(
                d ->
                    work.advanced(
                        big, record("zz-started", VideoState.VIDEO_CREATED, true), true, false)));

    List<WorkItem> read = await(work.items(slot, 5));

    assertThat(ids(read)).contains("zz-started", "zz-new", "z-00", "a-00");
    // The back catalogue is read by rank: both first places, then the next window in id order.
    assertThat(read)
        .filteredOn(i -> i.historical() && i.state().equals(VideoState.NEW))
        .extracting(WorkItem::videoId)
        .containsExactlyInAnyOrder("a-00", "z-00", "a-01", "a-02", "a-03");
    // What reading the slot's first rows would have found: the big catalogue's alone.
    CqlSession cql = await(session.underlying());
    List<String> firstRows =
        cql
            .execute(
                SimpleStatement.newInstance(
                    "SELECT video_id FROM " + ks + ".sync_work WHERE slot = ? LIMIT 5", slot))
            .all()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(firstRows).allMatch(id -> id.startsWith("a-"));
  }

  /**
   * Finished videos leave row tombstones in their slot's partition; a read of the whole slot counts
   * them (Cassandra warns at 1 000 and refuses at 100 000), a read of a lane through its index does
   * not meet them.
   */
  @Test
  void aLaneIsReadWithoutMeetingTheTombstonesOfFinishedVideos() throws Exception {
    String ks = keyspace();
    SyncWorkTable work = table(ks);
    String channel = "UCmanyfinished";
    int slot = WorkIndex.slotOf(channel);
    trackCatalogue(work, channel, "f", 1200);
    inGroups(
        1150,
        rank ->
            work.advanced(
                channel,
                record(String.format("f-%02d", rank), VideoState.UPLOAD_SUCCEEDED, true),
                true,
                false));

    CqlSession cql = await(session.underlying());
    List<String> slotRead =
        cql.execute(
                SimpleStatement.newInstance(
                    "SELECT * FROM " + ks + ".sync_work WHERE slot = ? LIMIT 100", slot))
            .getExecutionInfo()
            .getWarnings();
    assertThat(slotRead).anyMatch(w -> w.contains("tombstone"));
    List<String> laneRead =
        cql.execute(
                SimpleStatement.newInstance(
                    "SELECT * FROM "
                        + ks
                        + ".sync_work WHERE slot = ? AND lane = 'catalogue'"
                        + " AND catalogue_rank >= 1024 LIMIT 100",
                    slot))
            .getExecutionInfo()
            .getWarnings();
    assertThat(laneRead).noneMatch(w -> w.contains("tombstone"));
    assertThat(await(work.items(slot, 100))).hasSize(50);
  }

  @Test
  void aVideoWhoseCreationStartsIsReadWithTheStartedOnesAndLeavesTheCatalogue() throws Exception {
    SyncWorkTable work = table(keyspace());
    String channel = "UCmovinglane";
    int slot = WorkIndex.slotOf(channel);
    trackCatalogue(work, channel, "m", 30);
    assertThat(ids(await(work.items(slot, 1)))).containsExactly("m-00");

    await(work.advanced(channel, record("m-29", VideoState.CREATING_VIDEO, true), true, false));

    List<WorkItem> read = await(work.items(slot, 1));
    assertThat(ids(read)).containsExactlyInAnyOrder("m-29", "m-00");
    assertThat(read)
        .filteredOn(i -> i.videoId().equals("m-29"))
        .extracting(WorkItem::state)
        .containsExactly(VideoState.CREATING_VIDEO);
  }

  @Test
  void aTableOfTheVersionBeforeLanesGainsThemAndItsRowsAreFoundAtTheFirstRead() throws Exception {
    String ks = keyspace();
    String channel = "UCearlierversion";
    int slot = WorkIndex.slotOf(channel);
    await(
        session.executeDDL(
            "CREATE TABLE "
                + ks
                + ".sync_work (slot int, video_id text, channel_id text, state text,"
                + " historical boolean, published_at timestamp, view_count bigint, duration bigint,"
                + " failed_attempts int, retry_at timestamp, PRIMARY KEY (slot, video_id))"));
    String insert =
        "INSERT INTO "
            + ks
            + ".sync_work (slot, video_id, channel_id, state, historical, published_at,"
            + " view_count, duration, failed_attempts, retry_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 10, 60, 0, ?)";
    CqlSession cql = await(session.underlying());
    for (int i = 0; i < 5; i++) {
      cql.execute(
          SimpleStatement.newInstance(
              insert, slot, "old-" + i, channel, "New", true, OLD, Instant.EPOCH));
    }
    cql.execute(
        SimpleStatement.newInstance(
            insert, slot, "old-new", channel, "New", false, RECENT, Instant.EPOCH));
    cql.execute(
        SimpleStatement.newInstance(
            insert, slot, "old-created", channel, "VideoCreated", true, OLD, Instant.EPOCH));
    assertThat(await(CassandraSchema.missing(cql, SyncWorkTable.tables(ks))))
        .containsExactly(
            "index " + ks + ".sync_work_lane", "index " + ks + ".sync_work_catalogue_rank");

    SyncWorkTable work = table(ks);

    assertThat(await(CassandraSchema.missing(cql, SyncWorkTable.tables(ks)))).isEmpty();
    // Each lane read apart, with a limit of two: the catalogue's first two in the order the
    // earlier version read them.
    assertThat(ids(await(work.items(slot, 2))))
        .containsExactlyInAnyOrder("old-created", "old-new", "old-0", "old-1");
    assertThat(ids(await(work.items(slot, 10))))
        .containsExactlyInAnyOrder(
            "old-created", "old-new", "old-0", "old-1", "old-2", "old-3", "old-4");
  }
}
