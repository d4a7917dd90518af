package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The terms a channel gives the videos it tracks, and the size of what travels between nodes. */
class VideoTrackingTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Instant SIGNED_UP = Instant.parse("2026-11-01T00:00:00Z");

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static VideoFacts video(String id, Instant publishedAt, int descriptionLength) {
    return video(id, publishedAt, descriptionLength, 0, 60);
  }

  private static VideoFacts video(
      String id, Instant publishedAt, int descriptionLength, long views, long seconds) {
    return new VideoFacts(
        id,
        "Video " + id,
        "d".repeat(descriptionLength),
        views,
        Map.of("medium", "https://i.example/" + id + "/mqdefault.jpg"),
        seconds,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        publishedAt);
  }

  @Test
  void videosTakeTheChannelsCategoryAndJoystreamLanguageAndOlderOnesAreHistorical() {
    ChannelState channel =
        ChannelState.EMPTY.signUp(ChannelEntityTest.registration(SIGNED_UP, true));

    VideoEntity.TrackingTerms old =
        VideoTracking.terms(channel, video("old", Instant.parse("2025-03-01T00:00:00Z"), 10), 0);
    VideoEntity.TrackingTerms fresh =
        VideoTracking.terms(channel, video("new", SIGNED_UP.plusSeconds(3600), 10), 0);

    assertThat(old.category()).isEqualTo("cat-1");
    // The Joystream channel's language, not the YouTube channel's ("en" in its profile).
    assertThat(old.languageIso()).contains("de");
    assertThat(old.historical()).isTrue();
    assertThat(fresh.historical()).isFalse();
  }

  @Test
  void theBackCatalogueIsRankedMostViewedFirstThenShortestAndNewUploadsHaveNoRank() {
    ChannelState channel =
        ChannelState.EMPTY.signUp(ChannelEntityTest.registration(SIGNED_UP, true));
    Instant old = Instant.parse("2025-03-01T00:00:00Z");

    Map<String, Integer> ranks =
        VideoTracking.catalogueRanks(
            channel,
            List.of(
                video("quiet", old, 10, 5, 60),
                video("popular-long", old, 10, 900, 3600),
                video("fresh", SIGNED_UP.plusSeconds(3600), 10, 100_000, 30),
                video("popular-short", old, 10, 900, 45),
                video("middling", old, 10, 300, 60)));

    assertThat(ranks)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("popular-short", 0, "popular-long", 1, "middling", 2, "quiet", 3));
  }

  @Test
  void aTrackCommandWithTheLongestYoutubeDescriptionTravelsWellWithinTheFrameLimit() {
    TestProbe<StatusReply<VideoEntity.Tracking>> probe = testKit.createTestProbe();
    var command =
        new VideoEntity.Track(
            "UCtestchannel00000000001",
            video("long", SIGNED_UP, 5000),
            new VideoEntity.TrackingTerms("cat-1", Optional.of("de"), false),
            SIGNED_UP,
            probe.getRef());
    int bytes = SerializationExtension.get(testKit.system()).serialize(command).get().length;
    assertThat(bytes).isLessThan(32 * 1024);
  }
}
