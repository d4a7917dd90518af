package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.video.VideoTransition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The videos a channel tracks and the steps each may take (youtube-synch's video states). */
class ChannelVideosTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Instant SIGNED_UP = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant OLD = Instant.parse("2025-03-01T00:00:00Z");
  private static final Instant RECENT = Instant.parse("2026-11-05T00:00:00Z");
  private static final JoystreamVideo ON_CHAIN = new JoystreamVideo(77, List.of(1001L, 1002L));

  private EventSourcedBehaviorTestKit<
          ChannelEntity.Command, ChannelEntity.Event, ChannelEntity.State>
      kit;

  @BeforeEach
  void fresh() {
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), ChannelEntity.create("UCtestchannel00000000001"));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static VideoFacts facts(String id, Instant publishedAt) {
    return new VideoFacts(
        id,
        "Title " + id,
        "Description",
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

  private void signUp() {
    kit.<StatusReply<ChannelState>>runCommand(
        r -> new ChannelEntity.SignUp(ChannelEntityTest.registration(SIGNED_UP, true), r));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          ChannelEntity.Command,
          ChannelEntity.Event,
          ChannelEntity.State,
          StatusReply<ChannelEntity.TrackedVideos>>
      track(VideoFacts... videos) {
    return kit.runCommand(
        r -> new ChannelEntity.TrackVideos(List.of(videos), RECENT.plusSeconds(60), r));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          ChannelEntity.Command, ChannelEntity.Event, ChannelEntity.State, StatusReply<VideoRecord>>
      step(String videoId, VideoTransition step) {
    return kit.runCommand(
        r -> new ChannelEntity.AdvanceVideo(videoId, step, RECENT.plusSeconds(120), r));
  }

  @Test
  void trackedVideosStartNewWithTheChannelsCategoryAndAreTrackedOnce() {
    signUp();

    var first = track(facts("vid-old", OLD), facts("vid-new", RECENT));
    assertThat(first.reply().getValue().added()).containsExactly("vid-old", "vid-new");
    VideoRecord old = first.state().video("vid-old").orElseThrow();
    assertThat(old.state()).isEqualTo(VideoState.NEW);
    assertThat(old.category()).isEqualTo("cat-1");
    // Videos take the Joystream channel's language, not the YouTube channel's.
    assertThat(old.languageIso()).contains("de");
    assertThat(old.historical()).isTrue();
    assertThat(first.state().video("vid-new").orElseThrow().historical()).isFalse();

    var again = track(facts("vid-old", OLD), facts("vid-3", RECENT), facts("vid-3", RECENT));
    assertThat(again.reply().getValue().added()).containsExactly("vid-3");
    assertThat(again.reply().getValue().alreadyTracked()).containsExactly("vid-old", "vid-3");

    var nothingNew = track(facts("vid-old", OLD));
    assertThat(nothingNew.hasNoEvents()).isTrue();
    assertThat(nothingNew.reply().getValue().added()).isEmpty();
  }

  @Test
  void aVideoGoesFromNewToUploadSucceededAndHistoricalBytesCountAgainstTheCap() {
    signUp();
    track(facts("vid-old", OLD), facts("vid-new", RECENT));

    for (String id : List.of("vid-old", "vid-new")) {
      assertThat(step(id, new VideoTransition.StartCreating()).reply().getValue().state())
          .isEqualTo(VideoState.CREATING_VIDEO);
      VideoRecord created =
          step(id, new VideoTransition.Created(ON_CHAIN, 400_000_000L)).reply().getValue();
      assertThat(created.state().wireName()).isEqualTo("VideoCreated");
      assertThat(created.joystreamVideo()).contains(ON_CHAIN);
      step(id, new VideoTransition.StartUpload());
      assertThat(step(id, new VideoTransition.Uploaded()).reply().getValue().state())
          .isEqualTo(VideoState.UPLOAD_SUCCEEDED);
    }

    ChannelState s = kit.getState().channel();
    assertThat(s.historicalVideoSyncedSize()).isEqualTo(400_000_000L);
    assertThat(s.hasSizeLimitReached()).isFalse();

    kit.restart();
    assertThat(kit.getState().video("vid-old").orElseThrow().state())
        .isEqualTo(VideoState.UPLOAD_SUCCEEDED);
    assertThat(kit.getState().channel().historicalVideoSyncedSize()).isEqualTo(400_000_000L);
  }

  @Test
  void aStepThatDoesNotFollowFromTheStateIsRefusedAndChangesNothing() {
    signUp();
    track(facts("vid-1", RECENT));

    var early = step("vid-1", new VideoTransition.Uploaded());
    assertThat(early.reply().getError().getMessage())
        .isEqualTo("Video vid-1 is New; cannot mark it uploaded.");
    assertThat(early.hasNoEvents()).isTrue();

    var unknown = step("vid-404", new VideoTransition.StartCreating());
    assertThat(unknown.reply().getError().getMessage())
        .isEqualTo("Video vid-404 is not tracked for channel UCtestchannel00000000001");
    assertThat(unknown.hasNoEvents()).isTrue();

    step("vid-1", new VideoTransition.MarkUnavailable(UnavailableReason.PRIVATE, "private"));
    var afterFinal = step("vid-1", new VideoTransition.StartCreating());
    assertThat(afterFinal.reply().getError().getMessage())
        .isEqualTo("Video vid-1 is VideoUnavailable::Private; cannot start creating it.");
  }

  @Test
  void aStepRepeatedAfterACrashIsDoneOnceAndADifferentChainVideoIsRefused() {
    signUp();
    track(facts("vid-1", OLD));
    step("vid-1", new VideoTransition.StartCreating());
    step("vid-1", new VideoTransition.Created(ON_CHAIN, 1000));

    var repeated = step("vid-1", new VideoTransition.Created(ON_CHAIN, 1000));
    assertThat(repeated.reply().isSuccess()).isTrue();
    assertThat(repeated.hasNoEvents()).isTrue();
    assertThat(kit.getState().channel().historicalVideoSyncedSize()).isEqualTo(1000);

    var other =
        step("vid-1", new VideoTransition.Created(new JoystreamVideo(78, List.of(5L, 6L)), 1000));
    assertThat(other.reply().getError().getMessage())
        .isEqualTo("Video vid-1 was already created on Joystream as video 77");
    assertThat(other.hasNoEvents()).isTrue();
  }

  @Test
  void creatingCanFailOrBeResetAndTheVideoIsTriedAgain() {
    signUp();
    track(facts("vid-1", RECENT), facts("vid-2", RECENT));
    step("vid-1", new VideoTransition.StartCreating());
    assertThat(
            step("vid-1", new VideoTransition.CreationFailed("batch failed"))
                .reply()
                .getValue()
                .state())
        .isEqualTo(VideoState.VIDEO_CREATION_FAILED);
    assertThat(step("vid-1", new VideoTransition.StartCreating()).reply().isSuccess()).isTrue();

    step("vid-2", new VideoTransition.StartCreating());
    assertThat(step("vid-2", new VideoTransition.Reset()).reply().getValue().state())
        .isEqualTo(VideoState.NEW);
    step("vid-2", new VideoTransition.StartCreating());
    step("vid-2", new VideoTransition.Created(ON_CHAIN, 10));
    step("vid-2", new VideoTransition.StartUpload());
    assertThat(
            step("vid-2", new VideoTransition.MarkUnavailable(UnavailableReason.OTHER, "hash"))
                .reply()
                .getValue()
                .state()
                .wireName())
        .isEqualTo("VideoUnavailable::Other");
  }

  @Test
  void oversizedTrackingsAreRefusedAndRepliesStaySmallHoweverManyVideosAChannelHas() {
    signUp();
    for (int part = 0; part < 40; part++) {
      int first = part * ChannelEntity.MAX_VIDEOS_PER_TRACK;
      var result =
          track(
              IntStream.range(first, first + ChannelEntity.MAX_VIDEOS_PER_TRACK)
                  .mapToObj(i -> facts("v" + i, RECENT))
                  .toArray(VideoFacts[]::new));
      assertThat(result.events()).hasSize(1);
    }
    assertThat(kit.getState().videos()).hasSize(2000);

    var get = kit.<Optional<ChannelState>>runCommand(ChannelEntity.Get::new);
    var verify =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.Verify(Tier.GOLD, RECENT.plusSeconds(300), r));
    int limit = 16 * 1024;
    assertThat(serializedSize(get.reply().orElseThrow())).isLessThan(limit);
    assertThat(serializedSize(verify.reply().getValue())).isLessThan(limit);

    VideoFacts[] tooMany =
        IntStream.range(0, ChannelEntity.MAX_VIDEOS_PER_TRACK + 1)
            .mapToObj(i -> facts("w" + i, RECENT))
            .toArray(VideoFacts[]::new);
    var refused = track(tooMany);
    assertThat(refused.reply().getError().getMessage())
        .isEqualTo("At most 50 videos can be tracked at once");
    assertThat(refused.hasNoEvents()).isTrue();
  }

  private static int serializedSize(Object message) {
    var serialization = org.apache.pekko.serialization.SerializationExtension.get(testKit.system());
    return serialization.serialize(message).get().length;
  }

  @Test
  void anUnknownChannelTracksNothing() {
    var result = track(facts("vid-1", RECENT));
    assertThat(result.reply().getError().getMessage())
        .isEqualTo("Could not find channel with id UCtestchannel00000000001");
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void videoStatesReadBackFromTheirWireNames() {
    for (String wire :
        List.of("New", "CreatingVideo", "UploadSucceeded", "VideoUnavailable::DownloadTimedOut")) {
      assertThat(VideoState.parse(wire).map(VideoState::wireName)).contains(wire);
    }
    assertThat(VideoState.parse("VideoUnavailable::Nope")).isEmpty();
    assertThat(VideoState.parse("VideoUnavailable")).isEmpty();
  }

  @Test
  void historicalVideosStopAtTheTiersSizeCapWhileNewUploadsGoOn() {
    signUp();
    track(facts("old-1", OLD), facts("old-2", OLD), facts("new-1", RECENT));
    step("old-1", new VideoTransition.StartCreating());
    step("old-1", new VideoTransition.Created(ON_CHAIN, 1_000_000_000L));
    assertThat(kit.getState().channel().hasSizeLimitReached()).isTrue();

    var refused = step("old-2", new VideoTransition.StartCreating());
    assertThat(refused.reply().getError().getMessage())
        .isEqualTo(
            "Channel UCtestchannel00000000001 has reached the historical size cap of its tier"
                + " (1000000000 bytes); video old-2 is historical and cannot be created.");
    assertThat(refused.hasNoEvents()).isTrue();
    assertThat(step("new-1", new VideoTransition.StartCreating()).reply().isSuccess()).isTrue();

    kit.<StatusReply<ChannelState>>runCommand(
        r -> new ChannelEntity.Verify(Tier.SILVER, RECENT, r));
    assertThat(step("old-2", new VideoTransition.StartCreating()).reply().isSuccess()).isTrue();
  }
}
