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
 * Title and description edits of a tracked video: when the Joystream video must be updated, that
 * the latest edit wins, and that an update is recorded once.
 */
class VideoMetadataEditTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Instant AT = Instant.parse("2026-11-05T00:00:00Z");
  private static final JoystreamVideo ON_CHAIN = new JoystreamVideo(77, List.of(1001L, 1002L));

  private EventSourcedBehaviorTestKit<VideoEntity.Command, VideoEntity.Event, VideoEntity.State>
      kit;

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), VideoEntity.create("vid-1"));
    kit.<StatusReply<VideoEntity.Tracking>>runCommand(
        r ->
            new VideoEntity.Track(
                VideoEntityTest.CHANNEL,
                VideoEntityTest.facts("vid-1", VideoEntityTest.RECENT),
                new VideoEntity.TrackingTerms("cat-1", Optional.empty(), false),
                AT,
                r));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private StatusReply<VideoEntity.Edit> edit(String title, String description) {
    return kit.<StatusReply<VideoEntity.Edit>>runCommand(
            r -> new VideoEntity.EditMetadata(title, description, AT, r))
        .reply();
  }

  private void step(VideoTransition step) {
    assertThat(
            kit.<StatusReply<VideoRecord>>runCommand(r -> new VideoEntity.Advance(step, AT, r))
                .reply()
                .isSuccess())
        .isTrue();
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          VideoEntity.Command, VideoEntity.Event, VideoEntity.State, StatusReply<TrackedVideo>>
      applied(int revision) {
    return kit.runCommand(r -> new VideoEntity.RecordMetadataUpdate(revision, 42, AT, r));
  }

  private TrackedVideo video() {
    return kit.getState().video().orElseThrow();
  }

  private void upload() {
    step(new VideoTransition.StartCreating());
    step(new VideoTransition.Created(ON_CHAIN, 100));
    step(new VideoTransition.StartUpload());
    step(new VideoTransition.Uploaded());
  }

  @Test
  void anEditBeforeCreationIsCreatedWithTheVideoAndNeedsNoUpdate() {
    assertThat(edit("New title", "New text").getValue()).isEqualTo(VideoEntity.Edit.RECORDED);
    assertThat(video().facts().title()).isEqualTo("New title");
    assertThat(video().metadataUpdateDue()).isFalse();
    upload();
    assertThat(video().metadataUpdateDue()).isFalse();
    assertThat(video().metadataOnChain()).isEqualTo(1);
  }

  @Test
  void anEditOfAVideoOnJoystreamMakesAnUpdateDueUntilItIsRecordedOnce() {
    upload();
    var edited =
        kit.<StatusReply<VideoEntity.Edit>>runCommand(
            r -> new VideoEntity.EditMetadata("New title", "Description", AT, r));
    VideoEntity.MetadataEdited event = edited.eventOfType(VideoEntity.MetadataEdited.class);
    assertThat(event.metadataUpdateDue()).isTrue();
    assertThat(event.revision()).isEqualTo(1);
    assertThat(video().metadataUpdateDue()).isTrue();

    var first = applied(1);
    assertThat(first.eventOfType(VideoEntity.MetadataUpdated.class).title()).isEqualTo("New title");
    assertThat(video().metadataUpdateDue()).isFalse();
    var again = applied(1);
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.reply().isSuccess()).isTrue();
  }

  @Test
  void aRepeatedNoticeOfTheSameEditRecordsNothing() {
    upload();
    edit("New title", "Description");
    var repeat =
        kit.<StatusReply<VideoEntity.Edit>>runCommand(
            r -> new VideoEntity.EditMetadata("New title", "Description", AT, r));
    assertThat(repeat.reply().getValue()).isEqualTo(VideoEntity.Edit.UNCHANGED);
    assertThat(repeat.hasNoEvents()).isTrue();
    assertThat(video().metadataRevision()).isEqualTo(1);
  }

  @Test
  void theLatestEditWinsAnUpdateOfAnOlderOneLeavesTheNewerDue() {
    upload();
    edit("Second", "Description");
    edit("Third", "Description");
    assertThat(video().metadataRevision()).isEqualTo(2);
    assertThat(video().facts().title()).isEqualTo("Third");
    var older = applied(1);
    assertThat(older.eventOfType(VideoEntity.MetadataUpdated.class).metadataUpdateDue()).isTrue();
    assertThat(video().metadataUpdateDue()).isTrue();
    applied(2);
    assertThat(video().metadataUpdateDue()).isFalse();
  }

  @Test
  void anEditDuringCreationIsDueOnceTheVideoIsCreatedAndKeepsTheUploadedVideoInWork() {
    step(new VideoTransition.StartCreating());
    edit("While creating", "Description");
    assertThat(video().metadataUpdateDue()).isFalse();
    var created =
        kit.<StatusReply<VideoRecord>>runCommand(
            r -> new VideoEntity.Advance(new VideoTransition.Created(ON_CHAIN, 100), AT, r));
    assertThat(created.eventOfType(VideoEntity.VideoAdvanced.class).metadataUpdateDue()).isTrue();
    step(new VideoTransition.StartUpload());
    var uploaded =
        kit.<StatusReply<VideoRecord>>runCommand(
            r -> new VideoEntity.Advance(new VideoTransition.Uploaded(), AT, r));
    assertThat(uploaded.eventOfType(VideoEntity.VideoAdvanced.class).metadataUpdateDue()).isTrue();
  }

  @Test
  void anUpdateThatFailsIsCountedEvenThoughTheVideoIsUploaded() {
    upload();
    edit("New title", "Description");
    var failed =
        kit.<StatusReply<TrackedVideo>>runCommand(
            r -> new VideoEntity.RecordFailure("chain busy", AT.plusSeconds(60), r));
    assertThat(failed.reply().isSuccess()).isTrue();
    assertThat(video().failedAttempts()).isEqualTo(1);
    applied(1);
    assertThat(video().failedAttempts()).isZero();
    var nothingToRetry =
        kit.<StatusReply<TrackedVideo>>runCommand(
            r -> new VideoEntity.RecordFailure("late", AT.plusSeconds(60), r));
    assertThat(nothingToRetry.reply().isError()).isTrue();
  }

  @Test
  void anUpdateOfAnEditNeverRecordedOrOfAVideoNotOnJoystreamIsRefused() {
    assertThat(applied(1).reply().isError()).isTrue();
    edit("New title", "Description");
    var notOnChain = applied(1);
    assertThat(notOnChain.reply().isError()).isTrue();
    assertThat(notOnChain.hasNoEvents()).isTrue();
  }
}
