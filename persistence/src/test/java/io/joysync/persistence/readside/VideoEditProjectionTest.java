package io.joysync.persistence.readside;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.ConfigFactory;
import io.joysync.engine.pipeline.WorkIndex;
import io.joysync.engine.pipeline.WorkItem;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.video.VideoTransition;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.harness.TestEnvironment;
import io.joysync.persistence.pipeline.SyncWorkTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The video projection on title and description edits: an uploaded video whose Joystream video owes
 * an edit is work again until the edit is on chain, the listed title changes once it is (or at once
 * for a video not on Joystream yet), and a redelivered event changes nothing more.
 */
@Needs(Service.CASSANDRA)
class VideoEditProjectionTest {
  private static final String KEYSPACE =
      "joysync_edit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final String CHANNEL = "UCedited";
  private static final String TAG = VideoEntity.tagFor(CHANNEL);
  private static ActorSystem<Void> system;
  private static VideoReadModel videos;
  private static SyncWorkTable work;
  private static CassandraSession session;
  private static VideoProjection.VideoRowWriter writer;
  private static long seqNr;

  @BeforeAll
  static void start() throws Exception {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "edit-projection-test",
            ConfigFactory.parseString(
                    "datastax-java-driver.basic.load-balancing-policy.local-datacenter ="
                        + " datacenter1\n"
                        + "datastax-java-driver.basic.contact-points = [\"127.0.0.1:"
                        + TestEnvironment.cassandraPort()
                        + "\"]\n"
                        + "datastax-java-driver.basic.request.timeout = 30s\n")
                .withFallback(ConfigFactory.load()));
    session = CassandraSessionRegistry.get(system).sessionFor("pekko.connectors.cassandra");
    await(
        session.executeDDL(
            "CREATE KEYSPACE IF NOT EXISTS "
                + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"));
    videos = new VideoReadModel(session, KEYSPACE);
    work = new SyncWorkTable(session, KEYSPACE);
    RecentFailures failures = new RecentFailures(session, KEYSPACE);
    await(videos.createTable());
    await(work.createTable());
    await(failures.createTable());
    writer = new VideoProjection.VideoRowWriter(TAG, videos, work, failures);
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

  /** Each event delivered twice, as an at-least-once projection may. */
  private static void deliver(String videoId, VideoEntity.Event event) throws Exception {
    var envelope =
        EventEnvelope.create(Offset.sequence(++seqNr), "Video|" + videoId, seqNr, event, 0L);
    await(writer.process(envelope));
    await(writer.process(envelope));
  }

  private static Optional<WorkItem> workOf(String videoId) throws Exception {
    return await(work.items(WorkIndex.slotOf(CHANNEL), 1000)).stream()
        .filter(i -> i.videoId().equals(videoId))
        .findFirst();
  }

  private static String listedTitle(String videoId) throws Exception {
    return await(videos.ofChannel(CHANNEL)).stream()
        .filter(r -> r.videoId().equals(videoId))
        .findFirst()
        .orElseThrow()
        .title();
  }

  private static VideoFacts facts(String id) {
    return new VideoFacts(
        id,
        "First title",
        "About it",
        7,
        Map.of(),
        61,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Instant.parse("2026-10-30T08:00:00Z"));
  }

  private static VideoRecord record(String id, VideoState state, boolean onChain) {
    Instant at = Instant.parse("2026-11-02T10:00:00Z");
    return new VideoRecord(
        id,
        state,
        "cat-1",
        Optional.empty(),
        Instant.parse("2026-10-30T08:00:00Z"),
        61,
        false,
        onChain ? Optional.of(new JoystreamVideo(88, List.of(3L, 4L))) : Optional.empty(),
        0,
        at,
        at);
  }

  @Test
  void aSlotOfManyWaitingVideosIsReadWithoutTombstonesAndAFailedOneWaitsForItsRetry()
      throws Exception {
    String channel = "UCmanywaiting";
    int slot = WorkIndex.slotOf(channel);
    // More than Cassandra's tombstone warning threshold (1 000) of videos, each tracked, one step
    // further and, one in ten, failed and retried: a null written for "no retry time" would leave
    // a tombstone per video for every read of the slot to skip.
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      ids.add("many-" + i);
    }
    for (int from = 0; from < ids.size(); from += 100) {
      List<CompletableFuture<?>> writes = new ArrayList<>();
      for (String id : ids.subList(from, from + 100)) {
        writes.add(
            work.tracked(channel, facts(id), record(id, VideoState.NEW, false), 0)
                .thenCompose(
                    d ->
                        work.advanced(
                            channel, record(id, VideoState.VIDEO_CREATED, true), true, false))
                .toCompletableFuture());
      }
      await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
    }
    Instant retryAt = Instant.parse("2030-01-01T00:00:00Z");
    await(work.failed(channel, "many-7", 1, retryAt));

    CqlSession cql = await(session.underlying());
    ResultSet rows =
        cql.execute(
            SimpleStatement.newInstance(
                    "SELECT * FROM " + KEYSPACE + ".sync_work WHERE slot = ? LIMIT 2000", slot)
                .setTimeout(Duration.ofSeconds(30)));
    rows.all();
    assertThat(rows.getExecutionInfo().getWarnings())
        .as("warnings of the slot's read")
        .noneMatch(w -> w.contains("tombstone"));

    List<WorkItem> listed =
        await(work.items(slot, 2000)).stream().filter(i -> i.channelId().equals(channel)).toList();
    assertThat(listed).hasSize(1100);
    assertThat(listed)
        .filteredOn(i -> !i.isDue(Instant.now()))
        .extracting(WorkItem::videoId)
        .containsExactly("many-7");
    assertThat(listed).filteredOn(i -> i.retryAt().isPresent()).hasSize(1);
  }

  @Test
  void anUploadedVideoWithAnEditDueIsWorkUntilTheEditIsOnChainThenListedWithTheNewTitle()
      throws Exception {
    String id = "vid-up-" + UUID.randomUUID().toString().substring(0, 6);
    deliver(
        id, new VideoEntity.VideoTracked(CHANNEL, facts(id), record(id, VideoState.NEW, false), 0));
    VideoRecord uploaded = record(id, VideoState.UPLOAD_SUCCEEDED, true);
    deliver(
        id,
        new VideoEntity.VideoAdvanced(CHANNEL, uploaded, new VideoTransition.Uploaded(), false));
    assertThat(workOf(id)).isEmpty();

    VideoFacts edited = facts(id).withText("Second title", "About it");
    deliver(id, new VideoEntity.MetadataEdited(CHANNEL, edited, uploaded, 1, true, Instant.now()));
    assertThat(workOf(id)).map(WorkItem::state).contains(VideoState.UPLOAD_SUCCEEDED);
    assertThat(listedTitle(id)).as("not on Joystream yet").isEqualTo("First title");

    deliver(
        id,
        new VideoEntity.MetadataUpdated(
            CHANNEL, "Second title", "About it", 1, 120, false, Instant.now()));
    assertThat(workOf(id)).isEmpty();
    assertThat(listedTitle(id)).isEqualTo("Second title");
  }

  @Test
  void aVideoThatReachesUploadedWithAnEditDueStaysWorkAndOneNotOnJoystreamShowsTheEditAtOnce()
      throws Exception {
    String due = "vid-due-" + UUID.randomUUID().toString().substring(0, 6);
    deliver(
        due,
        new VideoEntity.VideoTracked(CHANNEL, facts(due), record(due, VideoState.NEW, false), 0));
    deliver(
        due,
        new VideoEntity.VideoAdvanced(
            CHANNEL,
            record(due, VideoState.UPLOAD_SUCCEEDED, true),
            new VideoTransition.Uploaded(),
            true));
    assertThat(workOf(due)).map(WorkItem::state).contains(VideoState.UPLOAD_SUCCEEDED);

    String fresh = "vid-new-" + UUID.randomUUID().toString().substring(0, 6);
    VideoRecord isNew = record(fresh, VideoState.NEW, false);
    deliver(fresh, new VideoEntity.VideoTracked(CHANNEL, facts(fresh), isNew, 0));
    deliver(
        fresh,
        new VideoEntity.MetadataEdited(
            CHANNEL, facts(fresh).withText("Renamed", ""), isNew, 1, false, Instant.now()));
    assertThat(listedTitle(fresh)).isEqualTo("Renamed");
    assertThat(workOf(fresh)).map(WorkItem::state).contains(VideoState.NEW);
  }
}
