package io.joysync.engine.pipeline;

import io.joysync.engine.Leaving;
import io.joysync.engine.cluster.NodeRole;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.metrics.NodeMetrics;
import io.joysync.engine.metrics.NodeTracing;
import io.joysync.engine.pipeline.PipelineMeters.Stage;
import io.joysync.engine.publish.CreationResult;
import io.joysync.engine.publish.VideoToCreate;
import io.joysync.engine.publish.VideoUpdate;
import io.joysync.engine.youtube.YoutubeSide;
import io.joysync.joystream.colossus.ColossusClient;
import io.joysync.joystream.colossus.StorageNodeDiscovery;
import io.joysync.joystream.orion.OrionClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.stream.javadsl.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync pipeline of a node: from "video tracked" to "video on Joystream". Its work comes from
 * the work index (never from waking entities); its {@link SyncWorker}s run as a Sharded Daemon
 * Process so every node works; each worker's videos flow through backpressured stages, each with
 * its own parallelism: prepare, download (within the disk budget), probe and hash, create on chain
 * (through the publisher, which batches), upload to a storage node, and, for a video on Joystream
 * whose title or description was edited on YouTube, update it on chain. A slow chain fills the
 * creation stage, which stops the worker taking new videos, which stops downloads: nothing grows
 * without bound. Every step is recorded on the video's own entity, so a crash at any moment loses
 * nothing and repeats nothing.
 */
public final class Pipeline {

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  /** What the pipeline talks to, built once by the node. */
  public record Parts(
      WorkIndex work,
      ChannelTiers tiers,
      YoutubeSide youtube,
      ChainConnection chain,
      OrionClient orion,
      ColossusClient colossus,
      Function<VideoToCreate, CompletionStage<CreationResult>> publisher,
      Function<VideoUpdate, CompletionStage<CreationResult>> updates,
      Executor blocking) {}

  private final DiskBudget budget;

  private Pipeline(DiskBudget budget) {
    this.budget = budget;
  }

  public static Pipeline start(ActorSystem<?> system, PipelineSettings settings, Parts parts) {
    Clock clock = Clock.systemUTC();
    DiskBudget budget = new DiskBudget(settings.diskBudgetBytes());
    LocalMediaStore store =
        new LocalMediaStore(parts.youtube().settings().download().downloadsDir(), budget);
    int withFiles = store.recover();
    VideoSteps steps =
        new VideoSteps(
            system, settings.askTimeout(), settings.retryMin(), settings.retryMax(), clock);
    sweep(store, steps);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            settings.filesSweepInterval(),
            settings.filesSweepInterval(),
            () -> sweep(store, steps),
            system.executionContext());
    PipelineMeters meters =
        new PipelineMeters(
            NodeMetrics.get(system).registry(), budget, NodeTracing.get(system).tracer());
    PipelineDrain drain = new PipelineDrain(meters::inPipeline);
    Flow<WorkItem, VideoJob, NotUsed> stages =
        stages(settings, parts, store, budget, steps, meters).map(drain::left);
    ShardedDaemonProcess.get(system)
        .init(
            SyncWorker.Command.class,
            "sync-pipeline",
            settings.workers(),
            i ->
                SyncWorker.create(
                    i,
                    parts.work(),
                    parts.tiers(),
                    paused(system, settings, drain),
                    settings,
                    stages,
                    clock),
            NodeRole.PIPELINE
                .placement(system)
                .map(ShardedDaemonProcessSettings.create(system)::withRole)
                .orElseGet(() -> ShardedDaemonProcessSettings.create(system)),
            Optional.of(SyncWorker.Stop.INSTANCE));
    drainWhenLeaving(system, settings, drain);
    log.info(
        "Sync pipeline started: {} workers, disk budget {} bytes ({} in use by {} videos' files)",
        settings.workers(),
        budget.capacity(),
        budget.reserved(),
        withFiles);
    return new Pipeline(budget);
  }

  /**
   * Lets the videos on their way finish their round before the node's shards move elsewhere (the
   * phase before the cluster shutdown), unless the node was downed: then it must stop at once.
   */
  private static void drainWhenLeaving(
      ActorSystem<?> system, PipelineSettings settings, PipelineDrain drain) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        PipelineSettings.DRAIN_PHASE,
        "drain-sync-pipeline",
        () -> {
          if (Leaving.downed(shutdown)) {
            log.warn("This node was downed: its pipeline stops without draining");
            return CompletableFuture.completedFuture(Done.getInstance());
          }
          log.info(
              "The node is leaving: no new video starts; draining the pipeline for at most {} s",
              settings.drainTimeout().toSeconds());
          return drain
              .drain(settings.drainTimeout())
              .thenApply(
                  left -> {
                    if (left == 0) {
                      log.info("Pipeline drained: every video on its way finished its round");
                    } else {
                      log.warn(
                          "Pipeline drain ended after {} s with {} video(s) still on their way:"
                              + " the nodes that take over start them again from their last"
                              + " recorded step",
                          settings.drainTimeout().toSeconds(),
                          left);
                    }
                    return Done.getInstance();
                  });
        });
  }

  /**
   * Whether workers take no new video: the node is leaving, or the operators paused the pipeline
   * (the cluster's {@link SyncSwitch}).
   */
  private static Supplier<CompletionStage<Boolean>> paused(
      ActorSystem<?> system, PipelineSettings settings, PipelineDrain drain) {
    return () ->
        drain.draining()
            ? CompletableFuture.completedFuture(true)
            : SyncSwitch.of(system)
                .<SyncSwitch.State>ask(SyncSwitch.Get::new, settings.askTimeout())
                .thenApply(SyncSwitch.State::paused);
  }

  static Flow<WorkItem, VideoJob, NotUsed> stages(
      PipelineSettings settings,
      Parts parts,
      LocalMediaStore store,
      DiskBudget budget,
      VideoSteps steps,
      PipelineMeters meters) {
    YoutubeSide youtube = parts.youtube();
    PipelineTracing tracing = meters.tracing();
    Preparation preparation =
        new Preparation(steps, youtube.settings().download().maxDuration(), tracing);
    DownloadStage download =
        new DownloadStage(
            steps,
            store,
            budget,
            youtube.downloader(),
            youtube.thumbnails(),
            youtube.proxies(),
            youtube.settings().api().endpoints(),
            settings,
            youtube.settings().proxies().maxWait(),
            tracing);
    HashStage hash = new HashStage(steps, store, youtube.probe(), parts.blocking(), tracing);
    CreateStage create = new CreateStage(steps, store, parts.publisher(), tracing);
    UpdateStage update =
        new UpdateStage(
            steps, parts.updates(), settings.updateMaxAttempts(), meters::updateGivenUp, tracing);
    UploadStage upload =
        new UploadStage(
            steps,
            store,
            parts.chain(),
            parts.orion(),
            new StorageUpload(
                new StorageNodeDiscovery(parts.orion(), parts.colossus()),
                parts.colossus(),
                settings.uploadRounds(),
                settings.uploadRoundPause()),
            settings,
            tracing);
    return Flow.<WorkItem>create()
        .map(meters::entered)
        .mapAsyncUnordered(4, SyncWorker.guarded(preparation::apply, WorkItem::videoId))
        .map(meters::prepared)
        .mapAsyncUnordered(
            settings.downloadParallelism(),
            SyncWorker.guarded(meters.measured(Stage.DOWNLOAD, download::apply), VideoJob::videoId))
        .mapAsyncUnordered(
            2, SyncWorker.guarded(meters.measured(Stage.HASH, hash::apply), VideoJob::videoId))
        .mapAsyncUnordered(
            settings.maxVideosInFlight(),
            SyncWorker.guarded(meters.measured(Stage.CREATE, create::apply), VideoJob::videoId))
        .mapAsyncUnordered(
            settings.uploadParallelism(),
            SyncWorker.guarded(meters.measured(Stage.UPLOAD, upload::apply), VideoJob::videoId))
        .mapAsyncUnordered(
            settings.maxVideosInFlight(),
            SyncWorker.guarded(meters.measured(Stage.UPDATE, update::apply), VideoJob::videoId))
        .map(meters::left);
  }

  /**
   * Removes files no video needs any more: those of videos that reached a final state or are not
   * tracked. A crash after the last step but before the clean-up leaves such files, and so does a
   * video whose shard moved to another node (a node left or joined) and ended there. Run at start
   * and every {@code files-sweep-interval}; the files of a video still on its way stay.
   */
  private static void sweep(LocalMediaStore store, VideoSteps steps) {
    for (String videoId : store.videosWithFiles()) {
      steps
          .video(videoId)
          .thenAccept(
              video -> {
                if (video.isEmpty() || video.get().state().isFinal()) {
                  store.remove(videoId);
                  log.info("Removed the files of video {}: no longer needed", videoId);
                }
              })
          .exceptionally(
              e -> {
                log.warn("Could not check whether video {} needs its files: {}", videoId, e);
                return null;
              });
    }
  }

  /** The bytes the node's downloads hold now, and the most they ever held. */
  public long diskInUse() {
    return budget.reserved();
  }

  public long diskHighWater() {
    return budget.highWater();
  }

  public long diskBudget() {
    return budget.capacity();
  }
}
