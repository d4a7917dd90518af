package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.TestCluster;
import io.joysync.engine.publish.CreationResult;
import io.joysync.engine.publish.VideoUpdate;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The update stage against real video entities (in memory) and a publisher that answers as told: a
 * permanent refusal is given up at once with the chain's reason, failures that asking again could
 * cure are retried with a growing wait and given up after the last attempt, and an edit made after
 * a give-up gets its own chance.
 */
class UpdateStageTest {

  private static final int MAX_ATTEMPTS = 3;
  private static ActorTestKit testKit;
  private static VideoSteps steps;

  @BeforeAll
  static void start() {
    testKit = TestCluster.start("update-stage");
    VideoEntity.init(testKit.system());
    steps =
        new VideoSteps(
            testKit.system(),
            Duration.ofSeconds(20),
            Duration.ofSeconds(10),
            Duration.ofMinutes(10),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static <T> T join(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A video on Joystream, uploaded, with one title edit due. */
  private static String uploadedAndEdited() throws Exception {
    String id = "v" + UUID.randomUUID().toString().substring(0, 10);
    TrackVideo.of(testKit.system(), "UCupdatestage0000000001", id, "Title", false);
    for (VideoTransition step :
        List.of(
            new VideoTransition.StartCreating(),
            new VideoTransition.Created(new JoystreamVideo(7, List.of(1L, 2L)), 10),
            new VideoTransition.StartUpload(),
            new VideoTransition.Uploaded())) {
      VideoRecord r = join(steps.take(id, step));
      assertThat(r.state().wireName()).isNotEmpty();
    }
    edit(id, "Renamed");
    return id;
  }

  private static void edit(String id, String title) throws Exception {
    join(
        ClusterSharding.get(testKit.system())
            .entityRefFor(VideoEntity.ENTITY_KEY, id)
            .<VideoEntity.Edit>askWithStatus(
                r -> new VideoEntity.EditMetadata(title, "Text", Instant.now(), r),
                Duration.ofSeconds(20)));
  }

  private static TrackedVideo video(String id) throws Exception {
    return join(steps.video(id)).orElseThrow();
  }

  /** One round of the stage for the video as its entity holds it now. */
  private static VideoJob.Finished round(UpdateStage stage, String id) throws Exception {
    return (VideoJob.Finished) join(stage.apply(new VideoJob.UpdateDue(video(id), 1)));
  }

  private static Function<VideoUpdate, CompletionStage<CreationResult>> answering(
      Function<VideoUpdate, CreationResult> answer, List<VideoUpdate> asked) {
    return u -> {
      asked.add(u);
      return CompletableFuture.completedFuture(answer.apply(u));
    };
  }

  @Test
  void aPermanentRefusalIsGivenUpAtOnceWithTheChainsReason() throws Exception {
    String id = uploadedAndEdited();
    List<VideoUpdate> asked = new CopyOnWriteArrayList<>();
    List<Boolean> givenUp = new CopyOnWriteArrayList<>();
    UpdateStage stage =
        new UpdateStage(
            steps,
            answering(
                u ->
                    new CreationResult.Refused(
                        u.ytVideoId(),
                        CreationResult.Refused.CHAIN_REJECTED + "Content.VideoDoesNotExist",
                        "the chain refused the video: Content.VideoDoesNotExist",
                        false),
                asked),
            MAX_ATTEMPTS,
            givenUp::add,
            PipelineTracing.off());

    VideoJob.Finished out = round(stage, id);

    assertThat(out.outcome()).startsWith(UpdateStage.GIVEN_UP).contains("VideoDoesNotExist");
    assertThat(asked).hasSize(1);
    assertThat(givenUp).containsExactly(true);
    TrackedVideo after = video(id);
    assertThat(after.metadataUpdateDue()).isFalse();
    assertThat(after.metadataGivenUp()).isEqualTo(1);
    assertThat(after.metadataOnChain()).isZero();
    assertThat(after.failedAttempts()).isZero();
  }

  @Test
  void transientFailuresAreRetriedWithAGrowingWaitThenGivenUpAndALaterEditGetsItsChance()
      throws Exception {
    String id = uploadedAndEdited();
    List<VideoUpdate> asked = new CopyOnWriteArrayList<>();
    List<Boolean> givenUp = new CopyOnWriteArrayList<>();
    boolean[] chainAnswers = {false};
    Function<VideoUpdate, CompletionStage<CreationResult>> publisher =
        u -> {
          asked.add(u);
          if (chainAnswers[0]) {
            return CompletableFuture.completedFuture(
                new CreationResult.Updated(u.ytVideoId(), 7, u.revision(), 99));
          }
          return asked.size() % 2 == 0
              ? CompletableFuture.failedFuture(new IllegalStateException("no answer in time"))
              : CompletableFuture.completedFuture(
                  new CreationResult.Refused(
                      u.ytVideoId(),
                      CreationResult.Refused.UNAVAILABLE,
                      "the chain did not answer",
                      true));
        };
    UpdateStage stage =
        new UpdateStage(steps, publisher, MAX_ATTEMPTS, givenUp::add, PipelineTracing.off());

    Instant start = Instant.now();
    assertThat(round(stage, id).outcome()).startsWith("update pending");
    TrackedVideo first = video(id);
    assertThat(first.failedAttempts()).isEqualTo(1);
    assertThat(first.metadataUpdateDue()).isTrue();
    Duration firstWait = Duration.between(start, first.retryAt().orElseThrow());
    assertThat(round(stage, id).outcome()).startsWith("update pending");
    TrackedVideo second = video(id);
    assertThat(second.failedAttempts()).isEqualTo(2);
    assertThat(Duration.between(start, second.retryAt().orElseThrow()))
        .as("the wait doubles")
        .isGreaterThan(firstWait.plusSeconds(5));
    assertThat(givenUp).isEmpty();

    assertThat(round(stage, id).outcome()).startsWith(UpdateStage.GIVEN_UP);
    assertThat(asked).hasSize(MAX_ATTEMPTS);
    assertThat(givenUp).containsExactly(false);
    TrackedVideo after = video(id);
    assertThat(after.metadataUpdateDue()).isFalse();
    assertThat(after.failedAttempts()).isZero();
    assertThat(after.retryAt()).isEmpty();

    edit(id, "Renamed again");
    assertThat(video(id).metadataUpdateDue()).isTrue();
    chainAnswers[0] = true;
    assertThat(round(stage, id).outcome()).isEqualTo(UpdateStage.UPDATED);
    assertThat(asked.get(asked.size() - 1).revision()).isEqualTo(2);
    assertThat(asked.get(asked.size() - 1).title()).isEqualTo("Renamed again");
    assertThat(video(id).metadataOnChain()).isEqualTo(2);
    assertThat(video(id).metadataUpdateDue()).isFalse();
  }
}
