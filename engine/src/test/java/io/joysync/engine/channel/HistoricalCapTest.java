package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The historical size cap spans a channel's videos, so it is reserved through the channel before a
 * historical video is created: once, however often asked, and never past the tier's cap.
 */
class HistoricalCapTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Instant SIGNED_UP = Instant.parse("2026-11-01T00:00:00Z");

  private EventSourcedBehaviorTestKit<
          ChannelEntity.Command, ChannelEntity.Event, ChannelEntity.State>
      kit;

  @BeforeEach
  void signedUp() {
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), ChannelEntity.create("UCtestchannel00000000001"));
    kit.<StatusReply<ChannelState>>runCommand(
        r -> new ChannelEntity.SignUp(ChannelEntityTest.registration(SIGNED_UP, true), r));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          ChannelEntity.Command,
          ChannelEntity.Event,
          ChannelEntity.State,
          StatusReply<ChannelState>>
      reserve(String videoId, long bytes) {
    return kit.runCommand(r -> new ChannelEntity.ReserveHistoricalBytes(videoId, bytes, r));
  }

  @Test
  void aReservationCountsOnceAndSurvivesARestart() {
    assertThat(reserve("old-1", 400_000_000L).reply().getValue().historicalVideoSyncedSize())
        .isEqualTo(400_000_000L);
    var repeated = reserve("old-1", 400_000_000L);
    assertThat(repeated.hasNoEvents()).isTrue();
    assertThat(repeated.reply().getValue().historicalVideoSyncedSize()).isEqualTo(400_000_000L);

    kit.restart();
    assertThat(kit.getState().channel().historicalVideoSyncedSize()).isEqualTo(400_000_000L);
    assertThat(reserve("old-1", 400_000_000L).hasNoEvents()).isTrue();
  }

  @Test
  void historicalVideosStopAtTheTiersSizeCapUntilTheTierGrows() {
    reserve("old-1", 1_000_000_000L);
    assertThat(kit.getState().channel().hasSizeLimitReached()).isTrue();

    var refused = reserve("old-2", 10);
    assertThat(refused.reply().getError().getMessage())
        .isEqualTo(
            "Channel UCtestchannel00000000001 has reached the historical size cap of its tier"
                + " (1000000000 bytes); video old-2 is historical and cannot be created.");
    assertThat(refused.hasNoEvents()).isTrue();

    kit.<StatusReply<ChannelState>>runCommand(
        r -> new ChannelEntity.Verify(Tier.SILVER, SIGNED_UP.plusSeconds(60), r));
    assertThat(reserve("old-2", 10).reply().isSuccess()).isTrue();
  }

  @Test
  void aReleasedReservationGivesItsBytesBackOnce() {
    reserve("old-1", 1_000_000_000L);
    var released =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.ReleaseHistoricalBytes("old-1", 1_000_000_000L, r));
    assertThat(released.reply().getValue().historicalVideoSyncedSize()).isZero();
    var again =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.ReleaseHistoricalBytes("old-1", 1_000_000_000L, r));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(reserve("old-2", 10).reply().isSuccess()).isTrue();
  }

  @Test
  void theChannelsStateAndReservationsStaySmallWithThousandsOfVideos() {
    var serialization = SerializationExtension.get(testKit.system());
    IntStream.range(0, 5000).forEach(i -> reserve("video-" + i, 1000));
    assertThat(kit.getState().channel().historicalVideoSyncedSize()).isEqualTo(5_000_000L);

    var event = reserve("video-5000", 1000).event();
    assertThat(serialization.serialize(event).get().length).isLessThan(512);
    int stateBytes = serialization.serialize(kit.getState()).get().length;
    assertThat(kit.getState().recentReservations()).hasSize(ChannelEntity.REMEMBERED_RESERVATIONS);
    assertThat(stateBytes).isLessThan(16 * 1024);
  }
}
