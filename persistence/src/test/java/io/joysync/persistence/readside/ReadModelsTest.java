package io.joysync.persistence.readside;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelProfile;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.Tier;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.engine.pipeline.UploadRate;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.harness.TestEnvironment;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The channel and video tables on a real Cassandra: listings by date range and by user read only
 * their partitions and return what was written; video rows follow their steps, and writing the same
 * event twice leaves the same row.
 */
@Needs(Service.CASSANDRA)
class ReadModelsTest {

  private static final String KEYSPACE =
      "joysync_readside_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static ActorSystem<Void> system;
  private static ChannelReadModel channels;
  private static VideoReadModel videos;

  @BeforeAll
  static void start() throws Exception {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "readside-test",
            ConfigFactory.parseString(
                    "datastax-java-driver.basic.load-balancing-policy.local-datacenter ="
                        + " datacenter1\n"
                        + "datastax-java-driver.basic.contact-points = [\"127.0.0.1:"
                        + TestEnvironment.cassandraPort()
                        + "\"]\n"
                        + "datastax-java-driver.basic.request.timeout = 30s\n")
                .withFallback(ConfigFactory.load()));
    CassandraSession session =
        CassandraSessionRegistry.get(system).sessionFor("pekko.connectors.cassandra");
    channels = new ChannelReadModel(session, KEYSPACE, YearMonth.of(2024, 1));
    videos = new VideoReadModel(session, KEYSPACE);
    await(
        session.executeDDL(
            "CREATE KEYSPACE IF NOT EXISTS "
                + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"));
    await(channels.createTables());
    await(videos.createTable());
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.terminate();
    }
  }

  private static CompletionStage<org.apache.pekko.Done> save(ChannelRow row) {
    return channels.save(row, Optional.empty(), java.nio.ByteBuffer.wrap(new byte[] {1}), 1);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static ChannelRow channel(String id, String userId, Instant createdAt) {
    return new ChannelRow(
        id,
        Math.abs(id.hashCode()),
        userId,
        id + "@example.com",
        "Title " + id,
        "",
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        10,
        2,
        "Unverified",
        Optional.empty(),
        true,
        true,
        Optional.of("cat-1"),
        Optional.empty(),
        createdAt,
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void channelsAreListedByDateRangeAcrossMonthsAndByTheirUser() throws Exception {
    await(save(channel("UCjan", "u-1", Instant.parse("2025-01-20T00:00:00Z"))));
    await(save(channel("UCfeb", "u-2", Instant.parse("2025-02-03T00:00:00Z"))));
    await(save(channel("UCmar", "u-1", Instant.parse("2025-03-01T00:00:00Z"))));

    List<ChannelRow> range =
        await(
            channels.createdBetween(
                Instant.parse("2025-01-15T00:00:00Z"), Instant.parse("2025-03-01T00:00:00Z"), 100));
    assertThat(range).extracting(ChannelRow::channelId).containsExactly("UCfeb", "UCjan");

    List<ChannelRow> limited =
        await(
            channels.createdBetween(
                Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2025-12-01T00:00:00Z"), 2));
    assertThat(limited).extracting(ChannelRow::channelId).containsExactly("UCmar", "UCfeb");

    assertThat(await(channels.firstOfUser("u-1")).map(ChannelRow::channelId)).contains("UCjan");
    assertThat(await(channels.firstOfUser("u-404"))).isEmpty();
  }

  @Test
  void videoRowsAndTheSyncBacklogFollowTheirStepsAndARepeatedEventChangesNothing()
      throws Exception {
    Instant found = Instant.parse("2026-11-02T10:00:00.123456Z");
    VideoFacts facts =
        new VideoFacts(
            "vid-1",
            "A video",
            "About it",
            7,
            Map.of("medium", "https://i.example/vid-1.jpg"),
            61,
            Optional.of("processed"),
            Optional.of("public"),
            Optional.of("youtube"),
            Optional.empty(),
            Optional.of(true),
            Instant.parse("2026-10-30T08:00:00Z"));
    VideoRecord fresh =
        new VideoRecord(
            "vid-1",
            VideoState.NEW,
            "cat-1",
            Optional.of("en"),
            facts.publishedAt(),
            61,
            true,
            Optional.empty(),
            0,
            found,
            found);
    VideoFacts other =
        new VideoFacts(
            "vid-2",
            "B",
            "",
            0,
            Map.of(),
            5,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Instant.parse("2026-10-31T08:00:00Z"));
    VideoRecord otherRecord =
        new VideoRecord(
            "vid-2",
            VideoState.NEW,
            "cat-1",
            Optional.empty(),
            other.publishedAt(),
            5,
            true,
            Optional.empty(),
            0,
            found,
            found);
    for (int delivery = 0; delivery < 2; delivery++) {
      await(videos.track("channel-1", "UCvid", facts, fresh));
      await(videos.track("channel-1", "UCvid", other, otherRecord));
    }
    assertThat(await(videos.backlog("UCvid"))).isEqualTo(2);
    assertThat(await(videos.syncBacklog(List.of("channel-1")))).isEqualTo(2);
    await(videos.track("channel-2", "UCother", other, otherRecord));
    assertThat(await(videos.syncBacklog(List.of("channel-1", "channel-2")))).isEqualTo(3);

    VideoRecord created =
        fresh.advance(
            VideoState.VIDEO_CREATED,
            Optional.of(new JoystreamVideo(88, List.of(3L, 4L))),
            1000,
            found.plusSeconds(30));
    await(videos.advance("channel-1", "UCvid", created));
    await(videos.advance("channel-1", "UCvid", created));
    assertThat(await(videos.syncBacklog(List.of("channel-1")))).isEqualTo(2);
    VideoRecord unavailable =
        otherRecord.advance(
            VideoState.unavailable(UnavailableReason.PRIVATE),
            Optional.empty(),
            0,
            found.plusSeconds(40));
    await(videos.advance("channel-1", "UCvid", unavailable));
    await(videos.advance("channel-1", "UCvid", unavailable));
    assertThat(await(videos.syncBacklog(List.of("channel-1")))).isEqualTo(1);
    assertThat(await(videos.syncBacklog(List.of("channel-1", "channel-2")))).isEqualTo(2);
    await(videos.advance("channel-2", "UCother", unavailable));
    assertThat(await(videos.syncBacklog(List.of("channel-1", "channel-2")))).isEqualTo(1);
    assertThat(await(videos.backlog("UCother"))).isZero();
    assertThat(await(videos.backlog("UCnone"))).isZero();

    List<VideoRow> rows = await(videos.ofChannel("UCvid"));
    assertThat(rows).extracting(VideoRow::videoId).containsExactly("vid-1", "vid-2");
    VideoRow row = rows.get(0);
    assertThat(row.state()).isEqualTo("VideoCreated");
    assertThat(row.joystreamVideoId()).contains(88L);
    assertThat(row.assetIds()).containsExactly(3L, 4L);
    assertThat(row.title()).isEqualTo("A video");
    assertThat(row.isShort()).contains(true);
    assertThat(row.container()).isEmpty();
    assertThat(row.createdAt()).isEqualTo(Instant.parse("2026-11-02T10:00:00.123Z"));
    assertThat(rows.get(1).state()).isEqualTo("VideoUnavailable::Private");
    assertThat(await(videos.backlog("UCvid"))).isEqualTo(1);
    assertThat(await(videos.ofChannel("UCnone"))).isEmpty();
  }

  @Test
  void videosAreCountedByStateAndEachUploadOnceEvenWhenAnEventIsRedelivered() throws Exception {
    Instant found = Instant.parse("2026-11-04T10:00:00.000Z");
    VideoFacts facts =
        new VideoFacts(
            "tally-1",
            "T",
            "",
            0,
            Map.of(),
            5,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            found);
    VideoRecord record =
        new VideoRecord(
            "tally-1",
            VideoState.NEW,
            "cat-1",
            Optional.empty(),
            found,
            5,
            false,
            Optional.empty(),
            0,
            found,
            found);
    await(videos.track("channel-4", "UCtally", facts, record));
    assertThat(await(videos.byState(List.of("channel-4")))).containsEntry("New", 1L);

    VideoRecord uploaded =
        record.advance(
            VideoState.UPLOAD_SUCCEEDED,
            Optional.of(new JoystreamVideo(90, List.of(7L, 8L))),
            10,
            found.plusSeconds(90));
    for (int delivery = 0; delivery < 3; delivery++) {
      await(videos.advance("channel-4", "UCtally", uploaded));
    }
    assertThat(await(videos.byState(List.of("channel-4"))))
        .containsEntry("UploadSucceeded", 1L)
        .doesNotContainKey("New");
    assertThat(await(videos.uploadsSince(List.of("channel-4"), found))).isEqualTo(1);
    assertThat(await(videos.uploadsSince(List.of("channel-4"), found.plusSeconds(3600)))).isZero();
    // The throughput counts from the minute of the first upload, not over the whole hour.
    Instant uploadMinute = found.plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    assertThat(await(videos.uploadRate(List.of("channel-4"), uploadMinute.plusSeconds(180))))
        .isEqualTo(new UploadRate(1, java.time.Duration.ofMinutes(3)));
    assertThat(await(videos.uploadRate(List.of("channel-4"), uploadMinute.plusSeconds(7200))))
        .isEqualTo(UploadRate.NONE);
    assertThat(await(videos.syncBacklog(List.of("channel-4")))).isZero();
  }

  private static EventEnvelope<ChannelEntity.Event> envelope(
      String channelId, long seqNr, ChannelEntity.Event event) {
    return EventEnvelope.create(Offset.sequence(seqNr), "Channel|" + channelId, seqNr, event, 0L);
  }

  @Test
  void theProjectionBuildsAChannelFromItsEventsAndSkipsEventsItAppliedAlready() throws Exception {
    String id = "UCprojected";
    Instant at = Instant.parse("2026-11-03T10:00:00Z");
    TokenCipher cipher =
        new TokenCipher("k", Map.of("k", Base64.getEncoder().encodeToString(new byte[32])));
    Registration signUp =
        new Registration(
            "user-p",
            "p@example.com",
            77,
            Optional.of("de"),
            true,
            Optional.of("cat-1"),
            Optional.empty(),
            new ChannelProfile(
                "Projected",
                "About",
                Optional.of("@projected"),
                Optional.of("en"),
                Map.of(),
                Optional.empty(),
                10,
                2,
                3,
                Optional.empty(),
                Optional.empty()),
            Optional.of(
                new Registration.OwnerTokens(
                    cipher.encrypt(id, "ya29.secret-access"),
                    cipher.encrypt(id, "1//secret-refresh"))),
            at);
    ObjectMapper cbor =
        JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
    var writer = new ChannelProjection.ChannelRowWriter(channels, cbor);
    var first = envelope(id, 1, new ChannelEntity.SignedUp(id, signUp));
    var verified =
        envelope(id, 2, new ChannelEntity.ChannelVerified(id, Tier.GOLD, at.plusSeconds(60)));
    var optedOut = envelope(id, 3, new ChannelEntity.OwnerOptedOut(id, true, at.plusSeconds(120)));

    for (var e : List.of(first, verified, optedOut, verified, optedOut, first)) {
      await(writer.process(e));
    }

    ChannelRow row = await(channels.byChannelId(id)).orElseThrow();
    assertThat(row.yppStatus()).isEqualTo("OptedOut");
    assertThat(row.preOptOutStatus()).contains("Verified::Gold");
    assertThat(row.shouldBeIngested()).isFalse();
    assertThat(row.joystreamChannelId()).isEqualTo(77);
    ChannelReadModel.Stored stored = await(channels.stored(id)).orElseThrow();
    assertThat(stored.seqNr()).isEqualTo(3);
    byte[] state = new byte[stored.state().remaining()];
    stored.state().duplicate().get(state);
    assertThat(cbor.readValue(state, ChannelState.class).registration().orElseThrow().tokens())
        .isEmpty();
  }
}
