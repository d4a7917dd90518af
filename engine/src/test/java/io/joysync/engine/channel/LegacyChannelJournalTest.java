package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.video.VideoTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Journals written when a channel still kept its videos (events {@code VideosTracked} and {@code
 * VideoAdvanced}, snapshots with a {@code videos} map) keep working: the channel recovers with its
 * historical bytes, and each of its videos becomes a {@link VideoEntity} with the progress it had.
 */
class LegacyChannelJournalTest {

  private static final Instant SIGNED_UP = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant OLD = Instant.parse("2025-03-01T00:00:00Z");
  private static final Instant RECENT = Instant.parse("2026-11-05T00:00:00Z");
  private static final JoystreamVideo ON_CHAIN = new JoystreamVideo(77, List.of(1001L, 1002L));
  private static final long CREATED_BYTES = 300_000_000L;

  private static ActorTestKit testKit;
  private static PersistenceTestKit journal;

  @BeforeAll
  static void start() {
    testKit = ShardedEntities.start("legacy-journal");
    journal = PersistenceTestKit.create(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static String freshChannel() {
    return "UClegacy" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static VideoFacts facts(String id, Instant publishedAt) {
    return new VideoFacts(
        id,
        "Title " + id,
        "Description of " + id,
        10,
        Map.of("medium", "https://i.ytimg.example/" + id + "/mq.jpg"),
        120,
        Optional.of("processed"),
        Optional.of("public"),
        Optional.of("youtube"),
        Optional.of("mp4"),
        Optional.empty(),
        publishedAt);
  }

  private static VideoRecord newRecord(String id, Instant publishedAt, boolean historical) {
    return new VideoRecord(
        id,
        VideoState.NEW,
        "cat-1",
        Optional.of("de"),
        publishedAt,
        120,
        historical,
        Optional.empty(),
        0,
        SIGNED_UP.plusSeconds(10),
        SIGNED_UP.plusSeconds(10));
  }

  /**
   * What an old node wrote for a channel: sign-up, three videos tracked, the first created on
   * Joystream (its bytes counted as historical), the second found private.
   */
  private static List<Object> legacyEvents(String channel, String v1, String v2, String v3) {
    VideoRecord r1 = newRecord(v1, OLD, true);
    VideoRecord r2 = newRecord(v2, RECENT, false);
    VideoRecord r3 = newRecord(v3, OLD, true);
    Instant later = SIGNED_UP.plusSeconds(600);
    VideoRecord creating = r1.advance(VideoState.CREATING_VIDEO, Optional.empty(), 0, later);
    VideoRecord created =
        creating.advance(VideoState.VIDEO_CREATED, Optional.of(ON_CHAIN), CREATED_BYTES, later);
    VideoRecord unavailable =
        r2.advance(VideoState.unavailable(UnavailableReason.PRIVATE), Optional.empty(), 0, later);
    return List.of(
        new ChannelEntity.SignedUp(channel, ChannelEntityTest.registration(SIGNED_UP, true)),
        new ChannelEntity.VideosTracked(
            channel,
            List.of(
                new ChannelEntity.TrackedVideo(facts(v1, OLD), r1),
                new ChannelEntity.TrackedVideo(facts(v2, RECENT), r2),
                new ChannelEntity.TrackedVideo(facts(v3, OLD), r3)),
            SIGNED_UP.plusSeconds(10)),
        new ChannelEntity.VideoAdvanced(channel, creating, new VideoTransition.StartCreating(), 0),
        new ChannelEntity.VideoAdvanced(
            channel, created, new VideoTransition.Created(ON_CHAIN, CREATED_BYTES), CREATED_BYTES),
        new ChannelEntity.VideoAdvanced(
            channel,
            unavailable,
            new VideoTransition.MarkUnavailable(UnavailableReason.PRIVATE, "private"),
            0));
  }

  private static TrackedVideo awaitVideo(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ShardedEntities.video(testKit, id), Optional::isPresent)
        .orElseThrow();
  }

  private static List<ChannelEntity.LegacyVideosMoved> moved(String channel) {
    return journal.persistedInStorage("Channel|" + channel).stream()
        .filter(ChannelEntity.LegacyVideosMoved.class::isInstance)
        .map(ChannelEntity.LegacyVideosMoved.class::cast)
        .toList();
  }

  @Test
  void aChannelFromAnOldJournalRecoversAndItsVideosBecomeVideoEntitiesWithTheirProgress()
      throws Exception {
    String channel = freshChannel();
    String v1 = channel + "-v1";
    String v2 = channel + "-v2";
    String v3 = channel + "-v3";
    journal.persistForRecovery("Channel|" + channel, legacyEvents(channel, v1, v2, v3));

    ChannelState recovered = ShardedEntities.channel(testKit, channel).orElseThrow();
    assertThat(recovered.historicalVideoSyncedSize()).isEqualTo(CREATED_BYTES);
    assertThat(recovered.registration().orElseThrow().email()).isEqualTo("creator@example.com");

    TrackedVideo created = awaitVideo(v1);
    assertThat(created.channelId()).isEqualTo(channel);
    assertThat(created.state()).isEqualTo(VideoState.VIDEO_CREATED);
    assertThat(created.record().joystreamVideo()).contains(ON_CHAIN);
    assertThat(created.record().sizeBytes()).isEqualTo(CREATED_BYTES);
    assertThat(created.record().historical()).isTrue();
    assertThat(created.facts().title()).isEqualTo("Title " + v1);
    assertThat(awaitVideo(v2).state().wireName()).isEqualTo("VideoUnavailable::Private");
    TrackedVideo fresh = awaitVideo(v3);
    assertThat(fresh.state()).isEqualTo(VideoState.NEW);
    assertThat(fresh.facts().description()).isEqualTo("Description of " + v3);

    // The channel records the hand-over once, so a later recovery hands nothing over again.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(moved(channel))
                    .singleElement()
                    .satisfies(
                        m -> assertThat(m.videoIds()).containsExactlyInAnyOrder(v1, v2, v3)));

    // An imported video continues from where it was: it can be uploaded now.
    VideoRecord uploading =
        org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(testKit.system())
            .entityRefFor(VideoEntity.ENTITY_KEY, v1)
            .<VideoRecord>askWithStatus(
                r -> new VideoEntity.Advance(new VideoTransition.StartUpload(), RECENT, r),
                ShardedEntities.ASK_TIMEOUT)
            .toCompletableFuture()
            .get();
    assertThat(uploading.state()).isEqualTo(VideoState.UPLOAD_STARTED);
  }

  @Test
  void aVideoWhoseEntityAlreadyHasItKeepsItsNewerProgress() throws Exception {
    String channel = freshChannel();
    String v1 = channel + "-v1";
    String v2 = channel + "-v2";
    String v3 = channel + "-v3";
    // A hand-over cut short by a crash: v3 reached its entity and moved on, the channel did not
    // record it.
    VideoRecord r3 = newRecord(v3, OLD, true);
    journal.persistForRecovery(
        "Video|" + v3,
        List.of(
            new VideoEntity.VideoTracked(channel, facts(v3, OLD), r3, 0),
            new VideoEntity.VideoAdvanced(
                channel,
                r3.advance(VideoState.CREATING_VIDEO, Optional.empty(), 0, RECENT),
                new VideoTransition.StartCreating(),
                false)));
    journal.persistForRecovery("Channel|" + channel, legacyEvents(channel, v1, v2, v3));

    ShardedEntities.channel(testKit, channel).orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(moved(channel)).hasSize(1));
    assertThat(awaitVideo(v3).state()).isEqualTo(VideoState.CREATING_VIDEO);
    assertThat(journal.persistedInStorage("Video|" + v3)).hasSize(2);
    assertThat(awaitVideo(v1).state()).isEqualTo(VideoState.VIDEO_CREATED);
  }

  /**
   * A snapshot from before videos had entities holds the videos' records without what YouTube said
   * of them, so it cannot hand them over: it is refused when read, and the snapshot store (for
   * which a snapshot is optional) recovers the channel from its events, which hold both.
   */
  @Test
  void anOldSnapshotIsSetAsideAndTheChannelRecoversFromItsEvents() throws Exception {
    Serialization serialization = SerializationExtension.get(testKit.system());
    SerializerWithStringManifest serializer =
        (SerializerWithStringManifest) serialization.findSerializerFor(ChannelEntity.State.EMPTY);
    String channel = freshChannel();
    ObjectMapper cbor =
        JacksonObjectMapperProvider.get(testKit.system().classicSystem())
            .getOrCreate("jackson-cbor", Optional.of(new CBORFactory()));
    byte[] oldSnapshot =
        cbor.writeValueAsBytes(
            Map.of(
                "channel",
                ChannelState.EMPTY.signUp(ChannelEntityTest.registration(SIGNED_UP, true)),
                "videos",
                Map.of(channel + "-v1", newRecord(channel + "-v1", OLD, true))));
    assertThat(
            serialization
                .deserialize(
                    oldSnapshot,
                    serializer.identifier(),
                    serializer.manifest(ChannelEntity.State.EMPTY))
                .isFailure())
        .isTrue();
    assertThat(ShardedEntities.snapshotIsOptionalInProduction()).isTrue();

    String v1 = channel + "-v1";
    journal.persistForRecovery(
        "Channel|" + channel, legacyEvents(channel, v1, channel + "-v2", channel + "-v3"));
    SnapshotTestKit.create(testKit.system()).failNextRead("Channel|" + channel);
    assertThat(ShardedEntities.channel(testKit, channel).orElseThrow().historicalVideoSyncedSize())
        .isEqualTo(CREATED_BYTES);
    assertThat(awaitVideo(v1).state()).isEqualTo(VideoState.VIDEO_CREATED);
  }

  /** A video tracked before videos had a back-catalogue rank reads back with the first place. */
  @Test
  void aVideoTrackedEventWrittenBeforeRanksReadsBackWithRankZero() throws Exception {
    Serialization serialization = SerializationExtension.get(testKit.system());
    String channel = freshChannel();
    VideoEntity.VideoTracked current =
        new VideoEntity.VideoTracked(
            channel, facts(channel + "-v1", OLD), newRecord(channel + "-v1", OLD, true), 7);
    SerializerWithStringManifest serializer =
        (SerializerWithStringManifest) serialization.findSerializerFor(current);
    ObjectMapper cbor =
        JacksonObjectMapperProvider.get(testKit.system().classicSystem())
            .getOrCreate("jackson-cbor", Optional.of(new CBORFactory()));
    var written = cbor.valueToTree(current);
    assertThat(((ObjectNode) written).remove("catalogueRank")).isNotNull();
    byte[] old = cbor.writeValueAsBytes(written);

    Object read =
        serialization.deserialize(old, serializer.identifier(), serializer.manifest(current)).get();

    assertThat(read)
        .isEqualTo(new VideoEntity.VideoTracked(channel, current.facts(), current.record(), 0));
  }
}
