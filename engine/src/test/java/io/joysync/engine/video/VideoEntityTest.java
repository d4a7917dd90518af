package io.joysync.engine.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tracked video and the steps it may take (youtube-synch's video states), each once. */
class VideoEntityTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  static final String CHANNEL = "UCtestchannel00000000001";
  static final Instant OLD = Instant.parse("2025-03-01T00:00:00Z");
  static final Instant RECENT = Instant.parse("2026-11-05T00:00:00Z");
  private static final JoystreamVideo ON_CHAIN = new JoystreamVideo(77, List.of(1001L, 1002L));
  private static final VideoEntity.TrackingTerms TERMS =
      new VideoEntity.TrackingTerms("cat-1", Optional.of("de"), true);

  private EventSourcedBehaviorTestKit<VideoEntity.Command, VideoEntity.Event, VideoEntity.State>
      kit;

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), VideoEntity.create("vid-1"));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  public static VideoFacts facts(String id, Instant publishedAt) {
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

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          VideoEntity.Command,
          VideoEntity.Event,
          VideoEntity.State,
          StatusReply<VideoEntity.Tracking>>
      track(VideoFacts facts) {
    return kit.runCommand(
        r -> new VideoEntity.Track(CHANNEL, facts, TERMS, RECENT.plusSeconds(60), r));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          VideoEntity.Command, VideoEntity.Event, VideoEntity.State, StatusReply<VideoRecord>>
      step(VideoTransition step) {
    return kit.runCommand(r -> new VideoEntity.Advance(step, RECENT.plusSeconds(120), r));
  }

  private TrackedVideo video() {
    return kit.getState().video().orElseThrow();
  }

  @Test
  void aTrackedVideoStartsNewWithItsTermsAndIsTrackedOnce() {
    var first = track(facts("vid-1", OLD));
    assertThat(first.reply().getValue()).isEqualTo(VideoEntity.Tracking.ADDED);
    VideoRecord record = video().record();
    assertThat(record.state()).isEqualTo(VideoState.NEW);
    assertThat(record.category()).isEqualTo("cat-1");
    assertThat(record.languageIso()).contains("de");
    assertThat(record.historical()).isTrue();
    assertThat(video().channelId()).isEqualTo(CHANNEL);
    assertThat(video().facts().title()).isEqualTo("Title vid-1");

    var again = track(facts("vid-1", OLD));
    assertThat(again.reply().getValue()).isEqualTo(VideoEntity.Tracking.ALREADY_TRACKED);
    assertThat(again.hasNoEvents()).isTrue();

    var wrongVideo = track(facts("vid-2", OLD));
    assertThat(wrongVideo.hasNoEvents()).isTrue();
  }

  @Test
  void aStepAskedOnlyFromSomeStagesIsRefusedOnceTheVideoHasMovedOn() {
    track(facts("vid-1", OLD));
    step(new VideoTransition.StartCreating());
    step(new VideoTransition.Created(ON_CHAIN, 1_000L));
    VideoTransition settle =
        new VideoTransition.MarkUnavailable(UnavailableReason.UNAVAILABLE, "made private");
    Set<VideoState.Stage> waiting = Set.of(VideoState.Stage.VIDEO_CREATED);
    step(new VideoTransition.StartUpload());

    var refused =
        kit.<StatusReply<VideoRecord>>runCommand(
            r -> VideoEntity.Advance.onlyFrom(waiting, settle, RECENT.plusSeconds(180), r));

    assertThat(refused.reply().isError()).isTrue();
    assertThat(refused.reply().getError().getMessage()).contains("is UploadStarted now");
    assertThat(refused.hasNoEvents()).isTrue();
    assertThat(video().state()).isEqualTo(VideoState.UPLOAD_STARTED);

    step(new VideoTransition.UploadFailed("storage node down"));
    var taken =
        kit.<StatusReply<VideoRecord>>runCommand(
            r ->
                VideoEntity.Advance.onlyFrom(
                    Set.of(VideoState.Stage.UPLOAD_FAILED), settle, RECENT.plusSeconds(240), r));
    assertThat(taken.reply().getValue().state().wireName())
        .isEqualTo("VideoUnavailable::Unavailable");
    var again =
        kit.<StatusReply<VideoRecord>>runCommand(
            r ->
                VideoEntity.Advance.onlyFrom(
                    Set.of(VideoState.Stage.UPLOAD_FAILED), settle, RECENT.plusSeconds(300), r));
    assertThat(again.reply().isError()).as("taken already: not from there").isTrue();
    assertThat(again.hasNoEvents()).isTrue();
  }

  /** A node of the version before {@code onlyFrom} sends steps without it: taken from anywhere. */
  @Test
  void aStepFromANodeThatSendsNoStagesReadsBackAsTakenFromAnyStage() throws Exception {
    var serialization = SerializationExtension.get(testKit.system());
    VideoEntity.Advance current =
        VideoEntity.Advance.onlyFrom(
            Set.of(VideoState.Stage.NEW),
            new VideoTransition.StartCreating(),
            RECENT,
            testKit.<StatusReply<VideoRecord>>createTestProbe().getRef());
    var serializer = (SerializerWithStringManifest) serialization.findSerializerFor(current);
    ObjectMapper cbor =
        JacksonObjectMapperProvider.get(testKit.system().classicSystem())
            .getOrCreate("jackson-cbor", Optional.of(new CBORFactory()));
    ObjectNode written = (ObjectNode) cbor.readTree(serialization.serialize(current).get());
    assertThat(written.remove("onlyFrom")).isNotNull();

    VideoEntity.Advance read =
        (VideoEntity.Advance)
            serialization
                .deserialize(
                    cbor.writeValueAsBytes(written),
                    serializer.identifier(),
                    serializer.manifest(current))
                .get();

    assertThat(read.onlyFrom()).isEmpty();
    assertThat(read.step()).isEqualTo(current.step());
  }

  @Test
  void aVideoGoesFromNewToUploadSucceededAndKeepsItAfterARestart() {
    track(facts("vid-1", OLD));

    assertThat(step(new VideoTransition.StartCreating()).reply().getValue().state())
        .isEqualTo(VideoState.CREATING_VIDEO);
    VideoRecord created =
        step(new VideoTransition.Created(ON_CHAIN, 400_000_000L)).reply().getValue();
    assertThat(created.state().wireName()).isEqualTo("VideoCreated");
    assertThat(created.joystreamVideo()).contains(ON_CHAIN);
    assertThat(created.sizeBytes()).isEqualTo(400_000_000L);
    step(new VideoTransition.StartUpload());
    assertThat(step(new VideoTransition.Uploaded()).reply().getValue().state())
        .isEqualTo(VideoState.UPLOAD_SUCCEEDED);

    kit.restart();
    assertThat(video().state()).isEqualTo(VideoState.UPLOAD_SUCCEEDED);
    assertThat(video().record().joystreamVideo()).contains(ON_CHAIN);
  }

  @Test
  void aStepThatDoesNotFollowFromTheStateIsRefusedAndChangesNothing() {
    var untracked = step(new VideoTransition.StartCreating());
    assertThat(untracked.reply().getError().getMessage()).isEqualTo("Video vid-1 is not tracked");
    assertThat(untracked.hasNoEvents()).isTrue();

    track(facts("vid-1", RECENT));
    var early = step(new VideoTransition.Uploaded());
    assertThat(early.reply().getError().getMessage())
        .isEqualTo("Video vid-1 is New; cannot mark it uploaded.");
    assertThat(early.hasNoEvents()).isTrue();

    step(new VideoTransition.MarkUnavailable(UnavailableReason.PRIVATE, "private"));
    var afterFinal = step(new VideoTransition.StartCreating());
    assertThat(afterFinal.reply().getError().getMessage())
        .isEqualTo("Video vid-1 is VideoUnavailable::Private; cannot start creating it.");
  }

  @Test
  void aStepRepeatedAfterACrashIsDoneOnceAndADifferentChainVideoIsRefused() {
    track(facts("vid-1", OLD));
    step(new VideoTransition.StartCreating());
    step(new VideoTransition.Created(ON_CHAIN, 1000));

    var repeated = step(new VideoTransition.Created(ON_CHAIN, 1000));
    assertThat(repeated.reply().isSuccess()).isTrue();
    assertThat(repeated.hasNoEvents()).isTrue();

    var other = step(new VideoTransition.Created(new JoystreamVideo(78, List.of(5L, 6L)), 1000));
    assertThat(other.reply().getError().getMessage())
        .isEqualTo("Video vid-1 was already created on Joystream as video 77");
    assertThat(other.hasNoEvents()).isTrue();
  }

  @Test
  void creatingCanFailOrBeResetAndTheVideoIsTriedAgain() {
    track(facts("vid-1", RECENT));
    step(new VideoTransition.StartCreating());
    assertThat(step(new VideoTransition.CreationFailed("batch failed")).reply().getValue().state())
        .isEqualTo(VideoState.VIDEO_CREATION_FAILED);
    assertThat(step(new VideoTransition.StartCreating()).reply().isSuccess()).isTrue();
    assertThat(step(new VideoTransition.Reset()).reply().getValue().state())
        .isEqualTo(VideoState.NEW);
    step(new VideoTransition.StartCreating());
    step(new VideoTransition.Created(ON_CHAIN, 10));
    step(new VideoTransition.StartUpload());
    assertThat(
            step(new VideoTransition.MarkUnavailable(UnavailableReason.OTHER, "hash"))
                .reply()
                .getValue()
                .state()
                .wireName())
        .isEqualTo("VideoUnavailable::Other");
  }

  @Test
  void failedAttemptsAreCountedUntilTheVideoMakesProgressAndAFinalVideoIsNotRetried() {
    track(facts("vid-1", RECENT));
    Instant later = RECENT.plusSeconds(600);
    var first =
        kit.<StatusReply<TrackedVideo>>runCommand(
            r -> new VideoEntity.RecordFailure("HTTP 429", later, r));
    assertThat(first.reply().getValue().failedAttempts()).isEqualTo(1);
    assertThat(first.reply().getValue().retryAt()).contains(later);
    kit.<StatusReply<TrackedVideo>>runCommand(
        r -> new VideoEntity.RecordFailure("HTTP 429", later.plusSeconds(60), r));
    step(new VideoTransition.StartCreating());
    assertThat(video().failedAttempts()).isEqualTo(2);

    step(new VideoTransition.Created(ON_CHAIN, 10));
    assertThat(video().failedAttempts()).isZero();
    assertThat(video().retryAt()).isEmpty();

    step(new VideoTransition.MarkUnavailable(UnavailableReason.DELETED, "deleted on chain"));
    var afterFinal =
        kit.<StatusReply<TrackedVideo>>runCommand(
            r -> new VideoEntity.RecordFailure("late", later, r));
    assertThat(afterFinal.reply().isError()).isTrue();
    assertThat(afterFinal.hasNoEvents()).isTrue();
  }

  @Test
  void aStepPersistsAnEventOfBoundedSize() {
    track(facts("vid-1", RECENT));
    var created = step(new VideoTransition.StartCreating());
    byte[] event = SerializationExtension.get(testKit.system()).serialize(created.event()).get();
    assertThat(event.length).isLessThan(1024);
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
}
