package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.TestCluster;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.publish.AssetFacts;
import io.joysync.engine.publish.CreationResult;
import io.joysync.engine.publish.VideoToCreate;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The create stage's reservation of a historical video's bytes, against real video and channel
 * entities (in memory): a channel that refuses parks the video for the longest wait, and a channel
 * that does not answer in time (its shard moving after a node died) is a transient failure, retried
 * after the usual short wait. Before, any failure parked the video for six hours.
 */
class CreateStageTest {

  private static final Duration RETRY_MIN = Duration.ofSeconds(10);
  private static final Duration RETRY_MAX = Duration.ofHours(6);
  private static ActorTestKit testKit;

  @TempDir static Path media;

  @BeforeAll
  static void start() {
    testKit = TestCluster.start("create-stage");
    VideoEntity.init(testKit.system());
    ChannelEntity.init(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** The video steps, with the channel's answer to a reservation replaced when given. */
  private static VideoSteps steps(Optional<CompletionStage<ChannelState>> reservationAnswer) {
    return new VideoSteps(
        testKit.system(), Duration.ofSeconds(20), RETRY_MIN, RETRY_MAX, Clock.systemUTC()) {
      @Override
      CompletionStage<ChannelState> reserveHistoricalBytes(
          String channelId, String videoId, long bytes) {
        return reservationAnswer.orElseGet(
            () -> super.reserveHistoricalBytes(channelId, videoId, bytes));
      }
    };
  }

  @Test
  void aChannelThatDoesNotAnswerInTimeIsRetriedSoonNotParked() throws Exception {
    List<VideoToCreate> published = new CopyOnWriteArrayList<>();
    VideoSteps steps =
        steps(
            Optional.of(
                CompletableFuture.failedFuture(
                    new TimeoutException("Ask timed out on the channel's entity after 20 s"))));
    TrackedVideo video = historicalVideo(steps);

    Instant before = Instant.now();
    VideoJob out = join(stage(steps, published).apply(hashed(video)));

    assertThat(out).isEqualTo(new VideoJob.Finished(video.id(), CreateStage.RESERVATION_FAILED));
    TrackedVideo after = join(steps.video(video.id())).orElseThrow();
    assertThat(after.state()).isEqualTo(VideoState.NEW);
    assertThat(after.failedAttempts()).isEqualTo(1);
    assertThat(after.retryAt().orElseThrow())
        .as("retried after the first backoff (10 s, up to 20 %% more), not parked for 6 h")
        .isBetween(before.plus(RETRY_MIN), Instant.now().plus(RETRY_MIN.multipliedBy(2)));
    assertThat(published).isEmpty();
  }

  @Test
  void aChannelThatRefusesParksTheVideoForTheLongestWait() throws Exception {
    List<VideoToCreate> published = new CopyOnWriteArrayList<>();
    // The channel was never signed up: its entity refuses the reservation.
    VideoSteps steps = steps(Optional.empty());
    TrackedVideo video = historicalVideo(steps);

    Instant before = Instant.now();
    VideoJob out = join(stage(steps, published).apply(hashed(video)));

    assertThat(out)
        .isEqualTo(new VideoJob.Finished(video.id(), CreateStage.HISTORICAL_CAP_REACHED));
    TrackedVideo after = join(steps.video(video.id())).orElseThrow();
    assertThat(after.state()).isEqualTo(VideoState.NEW);
    assertThat(after.retryAt().orElseThrow()).isAfterOrEqualTo(before.plus(RETRY_MAX));
    assertThat(published).isEmpty();
  }

  private static CreateStage stage(VideoSteps steps, List<VideoToCreate> published) {
    Function<VideoToCreate, CompletionStage<CreationResult>> publisher =
        request -> {
          published.add(request);
          return CompletableFuture.failedFuture(new AssertionError("not to be published"));
        };
    return new CreateStage(
        steps,
        new LocalMediaStore(media, new DiskBudget(1L << 30)),
        publisher,
        PipelineTracing.off());
  }

  /** A video of the channel's back catalogue (published before sign-up), tracked as New. */
  private static TrackedVideo historicalVideo(VideoSteps steps) throws Exception {
    String id = "c" + UUID.randomUUID().toString().substring(0, 10);
    TrackVideo.of(testKit.system(), "UCcreatestage0000000001", id, "Title", true);
    TrackedVideo video = join(steps.video(id)).orElseThrow();
    assertThat(video.record().historical()).isTrue();
    return video;
  }

  private static VideoJob.Hashed hashed(TrackedVideo video) {
    VideoJob.Downloaded downloaded =
        new VideoJob.Downloaded(
            new VideoJob.Planned(video, 7),
            new VideoJob.LocalFiles(media.resolve("m.mp4"), media.resolve("t.jpg"), 0));
    return new VideoJob.Hashed(
        downloaded, null, new AssetFacts(1_000, "media"), new AssetFacts(100, "thumbnail"));
  }

  private static <T> T join(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
