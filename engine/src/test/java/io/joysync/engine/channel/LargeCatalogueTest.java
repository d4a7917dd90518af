package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.video.VideoTransition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.testkit.SnapshotMeta;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A channel with a large catalogue (5 000 tracked videos, every one historical, so every one
 * reserves bytes through the channel): a video's step persists one small event in the video's own
 * journal, and the channel's snapshot is as large with 5 000 videos as with 1 000.
 */
class LargeCatalogueTest {

  private static final Instant SIGNED_UP = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant OLD = Instant.parse("2025-03-01T00:00:00Z");
  private static final int CATALOGUE = 5_000;

  private static ActorTestKit testKit;
  private static ClusterSharding sharding;

  @BeforeAll
  static void start() {
    testKit = ShardedEntities.start("large-catalogue");
    sharding = ClusterSharding.get(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static VideoFacts facts(String id) {
    return new VideoFacts(
        id,
        "A title of an ordinary length for " + id,
        "A description of an ordinary length. ".repeat(20),
        1234,
        Map.of("medium", "https://i.ytimg.example/" + id + "/mqdefault.jpg"),
        600,
        Optional.of("processed"),
        Optional.of("public"),
        Optional.of("youtube"),
        Optional.of("mp4"),
        Optional.empty(),
        OLD);
  }

  private static void reserve(String channel, List<String> videoIds) throws Exception {
    Source.from(videoIds)
        .mapAsync(
            8,
            id ->
                sharding
                    .entityRefFor(ChannelEntity.ENTITY_KEY, channel)
                    .<ChannelState>askWithStatus(
                        r -> new ChannelEntity.ReserveHistoricalBytes(id, 100_000L, r),
                        ShardedEntities.ASK_TIMEOUT))
        .runWith(Sink.ignore(), testKit.system())
        .toCompletableFuture()
        .get(5, TimeUnit.MINUTES);
  }

  /** The serialized size of the channel's latest snapshot, as the snapshot store keeps it. */
  private static int latestSnapshotBytes(String channel) {
    List<Pair<SnapshotMeta, Object>> snapshots =
        SnapshotTestKit.create(testKit.system()).persistedInStorage("Channel|" + channel);
    assertThat(snapshots).isNotEmpty();
    Object latest = snapshots.get(snapshots.size() - 1).second();
    return SerializationExtension.get(testKit.system()).serialize(latest).get().length;
  }

  @Test
  void aVideoStepStaysSmallAndTheChannelsSnapshotDoesNotGrowWithItsCatalogue() throws Exception {
    String channel = "UCcatalogue" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
    sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channel)
        .<ChannelState>askWithStatus(
            r -> new ChannelEntity.SignUp(ChannelEntityTest.registration(SIGNED_UP, true), r),
            ShardedEntities.ASK_TIMEOUT)
        .toCompletableFuture()
        .get();
    List<String> ids =
        IntStream.range(0, CATALOGUE).mapToObj(i -> String.format("%s-%05d", channel, i)).toList();

    VideoTracking.TrackedVideos tracked =
        new VideoTracking(testKit.system(), ShardedEntities.ASK_TIMEOUT)
            .track(channel, ids.stream().map(LargeCatalogueTest::facts).toList(), SIGNED_UP)
            .toCompletableFuture()
            .get(5, TimeUnit.MINUTES);
    assertThat(tracked.added()).hasSize(CATALOGUE);

    reserve(channel, ids.subList(0, 1_000));
    int snapshotWithAThousand = latestSnapshotBytes(channel);
    reserve(channel, ids.subList(1_000, CATALOGUE));
    int snapshotWithFiveThousand = latestSnapshotBytes(channel);
    assertThat(ShardedEntities.channel(testKit, channel).orElseThrow().historicalVideoSyncedSize())
        .isEqualTo(CATALOGUE * 100_000L);
    assertThat(snapshotWithFiveThousand).isLessThan(16 * 1024);
    assertThat(snapshotWithFiveThousand)
        .isBetween(snapshotWithAThousand - 8, snapshotWithAThousand + 8);

    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    int channelEvents = journal.persistedInStorage("Channel|" + channel).size();
    String stepped = ids.get(CATALOGUE / 2);
    VideoRecord creating =
        sharding
            .entityRefFor(VideoEntity.ENTITY_KEY, stepped)
            .<VideoRecord>askWithStatus(
                r -> new VideoEntity.Advance(new VideoTransition.StartCreating(), SIGNED_UP, r),
                ShardedEntities.ASK_TIMEOUT)
            .toCompletableFuture()
            .get();
    assertThat(creating.state()).isEqualTo(VideoState.CREATING_VIDEO);
    List<Object> videoEvents = journal.persistedInStorage("Video|" + stepped);
    Object step = videoEvents.get(videoEvents.size() - 1);
    assertThat(step).isInstanceOf(VideoEntity.VideoAdvanced.class);
    int stepBytes = SerializationExtension.get(testKit.system()).serialize(step).get().length;
    assertThat(stepBytes).isLessThan(1024);
    assertThat(journal.persistedInStorage("Channel|" + channel)).hasSize(channelEvents);
    System.out.printf(
        "Catalogue of %d videos: one step persists %d bytes; the channel's snapshot is %d bytes"
            + " (%d bytes with 1 000 videos)%n",
        CATALOGUE, stepBytes, snapshotWithFiveThousand, snapshotWithAThousand);
  }
}
