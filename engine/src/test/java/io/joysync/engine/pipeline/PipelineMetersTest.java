package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.pipeline.PipelineMeters.Stage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.japi.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's meters say what each stage did with the videos it worked on: passed, failed or put
 * off, and how many are in it now; videos a stage does not work on pass it uncounted.
 */
class PipelineMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DiskBudget budget = new DiskBudget(1000);
  private final PipelineMeters meters = new PipelineMeters(registry, budget);

  /** A planned video: the stages look only at what kind of job it is. */
  private static final VideoJob.Planned PLANNED =
      new VideoJob.Planned(PipelineTracingTest.video("v"), 7);

  private static final VideoJob.Downloaded DOWNLOADED = new VideoJob.Downloaded(PLANNED, null);

  @Test
  void aVideoThatGoesOnToTheNextStagePassedIt() throws Exception {
    run(Stage.DOWNLOAD, PLANNED, DOWNLOADED);

    assertThat(count("started", "download")).isEqualTo(1);
    assertThat(count("passed", "download")).isEqualTo(1);
    assertThat(count("failed", "download")).isZero();
    assertThat(inStage("download")).isZero();
  }

  @Test
  void aVideoWithoutRoomOnTheDiskIsPutOffNotFailed() throws Exception {
    run(Stage.DOWNLOAD, PLANNED, new VideoJob.Finished("v", DownloadStage.WAITING_FOR_ROOM));
    run(Stage.DOWNLOAD, PLANNED, new VideoJob.Finished("v", "download failed: 403"));

    assertThat(count("deferred", "download")).isEqualTo(1);
    assertThat(count("failed", "download")).isEqualTo(1);
    assertThat(count("passed", "download")).isZero();
  }

  @Test
  void anErrorCountsAsAFailureAndLeavesTheStage() throws Exception {
    meters
        .measured(Stage.HASH, job -> CompletableFuture.failedFuture(new IllegalStateException()))
        .apply(DOWNLOADED)
        .toCompletableFuture()
        .handle((r, e) -> r)
        .get();

    assertThat(count("failed", "hash")).isEqualTo(1);
    assertThat(inStage("hash")).isZero();
  }

  @Test
  void aVideoStillInAStageIsCountedThereUntilItLeaves() throws Exception {
    CompletableFuture<VideoJob> upload = new CompletableFuture<>();
    VideoJob onChain = new VideoJob.OnChain(DOWNLOADED, null);
    CompletionStage<VideoJob> out = meters.measured(Stage.UPLOAD, job -> upload).apply(onChain);

    assertThat(inStage("upload")).isEqualTo(1);
    upload.complete(new VideoJob.Finished("v", UploadStage.UPLOADED));
    out.toCompletableFuture().get();
    assertThat(inStage("upload")).isZero();
    assertThat(count("passed", "upload")).isEqualTo(1);
  }

  @Test
  void aVideoTheStageDoesNotWorkOnPassesUncounted() throws Exception {
    run(Stage.CREATE, PLANNED, PLANNED);

    assertThat(count("started", "create")).isZero();
    assertThat(count("passed", "create")).isZero();
  }

  @Test
  void theDiskBudgetIsReadAsItIsNow() {
    budget.tryReserve(600);
    budget.release(200);

    assertThat(registry.get("joysync.pipeline.disk.used").gauge().value()).isEqualTo(400);
    assertThat(registry.get("joysync.pipeline.disk.high.water").gauge().value()).isEqualTo(600);
    assertThat(registry.get("joysync.pipeline.disk.budget").gauge().value()).isEqualTo(1000);
  }

  private void run(Stage stage, VideoJob in, VideoJob out) throws Exception {
    Function<VideoJob, CompletionStage<VideoJob>> work =
        job -> CompletableFuture.completedFuture(out);
    meters.measured(stage, work).apply(in).toCompletableFuture().get();
  }

  private double count(String what, String stage) {
    return registry.get("joysync.pipeline.stage." + what).tag("stage", stage).counter().count();
  }

  private double inStage(String stage) {
    return registry.get("joysync.pipeline.stage.in.flight").tag("stage", stage).gauge().value();
  }
}
