package io.joysync.engine.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A title or description update that can never apply ends: given up with the chain's reason (or
 * after its attempts), never due again, survives a restart, and a later edit gets its own chance.
 */
class VideoUpdateGiveUpTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Instant AT = Instant.parse("2026-11-05T00:00:00Z");
  private static final JoystreamVideo ON_CHAIN = new JoystreamVideo(77, List.of(1001L, 1002L));
  private static final String DELETED = "CHAIN_REJECTED:Content.VideoDoesNotExist: no such video";

  private EventSourcedBehaviorTestKit<VideoEntity.Command, VideoEntity.Event, VideoEntity.State>
      kit;

  @BeforeEach
  void uploadedVideo() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), VideoEntity.create("vid-1"));
    kit.<StatusReply<VideoEntity.Tracking>>runCommand(
        r ->
            new VideoEntity.Track(
                VideoEntityTest.CHANNEL,
                VideoEntityTest.facts("vid-1", VideoEntityTest.RECENT),
                new VideoEntity.TrackingTerms("cat-1", Optional.empty(), false),
                AT,
                r));
    step(new VideoTransition.StartCreating());
    step(new VideoTransition.Created(ON_CHAIN, 100));
    step(new VideoTransition.StartUpload());
    step(new VideoTransition.Uploaded());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private void step(VideoTransition step) {
    assertThat(
            kit.<StatusReply<VideoRecord>>runCommand(r -> new VideoEntity.Advance(step, AT, r))
                .reply()
                .isSuccess())
        .isTrue();
  }

  private void edit(String title) {
    kit.<StatusReply<VideoEntity.Edit>>runCommand(
        r -> new VideoEntity.EditMetadata(title, "Description", AT, r));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          VideoEntity.Command, VideoEntity.Event, VideoEntity.State, StatusReply<TrackedVideo>>
      giveUp(int revision, boolean permanent, int attempts) {
    return kit.runCommand(
        r ->
            new VideoEntity.GiveUpMetadataUpdate(
                revision, permanent ? DELETED : "no answer", permanent, attempts, AT, r));
  }

  private void fail() {
    kit.<StatusReply<TrackedVideo>>runCommand(
        r -> new VideoEntity.RecordFailure("no answer", AT.plusSeconds(60), r));
  }

  private TrackedVideo video() {
    return kit.getState().video().orElseThrow();
  }

  @Test
  void aPermanentRefusalIsRecordedWithTheChainsReasonAndTheEditIsNoLongerDue() {
    edit("Renamed");
    assertThat(video().metadataUpdateDue()).isTrue();

    var result = giveUp(1, true, 1);

    VideoEntity.MetadataUpdateGivenUp event =
        result.eventOfType(VideoEntity.MetadataUpdateGivenUp.class);
    assertThat(event.reason()).isEqualTo(DELETED);
    assertThat(event.permanent()).isTrue();
    assertThat(event.revision()).isEqualTo(1);
    assertThat(event.metadataUpdateDue()).isFalse();
    assertThat(video().metadataUpdateDue()).isFalse();
    assertThat(video().metadataOnChain()).isZero();
    assertThat(video().state()).isEqualTo(VideoState.UPLOAD_SUCCEEDED);
  }

  @Test
  void givingUpAfterTransientFailuresClearsTheAttemptsAndALaterEditIsDueAfresh() {
    edit("Renamed");
    fail();
    fail();
    assertThat(video().failedAttempts()).isEqualTo(2);

    giveUp(1, false, 3);
    assertThat(video().failedAttempts()).isZero();
    assertThat(video().retryAt()).isEmpty();
    assertThat(video().metadataUpdateDue()).isFalse();
    assertThat(
            kit.<StatusReply<TrackedVideo>>runCommand(
                    r -> new VideoEntity.RecordFailure("late", AT, r))
                .reply()
                .isError())
        .as("nothing left to retry")
        .isTrue();

    edit("Renamed again");
    assertThat(video().metadataRevision()).isEqualTo(2);
    assertThat(video().metadataUpdateDue()).isTrue();
    var updated =
        kit.<StatusReply<TrackedVideo>>runCommand(
            r -> new VideoEntity.RecordMetadataUpdate(2, 42, AT, r));
    assertThat(updated.eventOfType(VideoEntity.MetadataUpdated.class).title())
        .isEqualTo("Renamed again");
    assertThat(video().metadataUpdateDue()).isFalse();
  }

  @Test
  void givingUpAnOlderEditLeavesANewerOneDue() {
    edit("Second");
    edit("Third");
    var result = giveUp(1, true, 1);
    assertThat(result.eventOfType(VideoEntity.MetadataUpdateGivenUp.class).metadataUpdateDue())
        .isTrue();
    assertThat(video().metadataUpdateDue()).isTrue();
  }

  @Test
  void aRepeatedGiveUpRecordsNothingAndAnUnknownEditIsRefused() {
    edit("Renamed");
    giveUp(1, true, 1);
    var again = giveUp(1, true, 1);
    assertThat(again.reply().isSuccess()).isTrue();
    assertThat(again.hasNoEvents()).isTrue();
    var unknown = giveUp(5, true, 1);
    assertThat(unknown.reply().isError()).isTrue();
    assertThat(unknown.hasNoEvents()).isTrue();
  }

  @Test
  void aGivenUpEditStaysGivenUpAfterARestart() {
    edit("Renamed");
    giveUp(1, true, 1);
    kit.restart();
    assertThat(video().metadataUpdateDue()).isFalse();
    assertThat(video().metadataGivenUp()).isEqualTo(1);
  }
}
