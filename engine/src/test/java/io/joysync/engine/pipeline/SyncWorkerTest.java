package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.joysync.engine.channel.Tier;
import io.joysync.engine.video.VideoState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A pipeline worker keeps its videos moving whatever a stage does: a stream that breaks is started
 * again with nothing in flight (its videos are taken up again from the work index), and a stage
 * that throws or completes with nothing ends only its video's round.
 */
class SyncWorkerTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aBrokenStreamIsStartedAgainAndEveryVideoStillGetsThrough() {
    MemoryIndex index = new MemoryIndex();
    for (int i = 0; i < 10; i++) {
      index.add("video-" + i);
    }
    index.add("breaks-the-stream");
    Set<String> done = ConcurrentHashMap.newKeySet();
    AtomicInteger breaks = new AtomicInteger();
    Flow<WorkItem, VideoJob, ?> stages =
        Flow.<WorkItem>create()
            .map(
                item -> {
                  if (item.videoId().equals("breaks-the-stream") && breaks.getAndIncrement() == 0) {
                    throw new IllegalStateException("a stage failed the stream");
                  }
                  done.add(item.videoId());
                  index.remove(item.videoId());
                  return new VideoJob.Finished(item.videoId(), "done");
                });

    startWorker(index, stages);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(done).hasSize(11).contains("breaks-the-stream"));
    assertThat(breaks.get()).isEqualTo(2);
  }

  @Test
  void whileTheDiskHasNoRoomOnlyVideosWithTheirFilesAreOfferedAndNotOverAndOver() {
    MemoryIndex index = new MemoryIndex();
    for (int i = 0; i < 5; i++) {
      index.add("needs-download-" + i);
    }
    AtomicInteger bounced = new AtomicInteger();
    Set<String> uploaded = ConcurrentHashMap.newKeySet();
    Flow<WorkItem, VideoJob, ?> stages =
        Flow.<WorkItem>create()
            .map(
                item -> {
                  if (DownloadStage.notYetCreated(item.state())) {
                    bounced.incrementAndGet();
                    return new VideoJob.Finished(item.videoId(), DownloadStage.WAITING_FOR_ROOM);
                  }
                  uploaded.add(item.videoId());
                  index.remove(item.videoId());
                  return new VideoJob.Finished(item.videoId(), "created, left for later");
                });
    startWorker(index, stages);
    await().atMost(Duration.ofSeconds(5)).until(() -> bounced.get() >= 1);

    index.add("created-earlier", VideoState.VIDEO_CREATED);

    // Polled every 100 ms, the five that need a download are not offered again for a while,
    // but the created one is taken up at once.
    await()
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(() -> assertThat(uploaded).containsExactly("created-earlier"));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> bounced.get() <= 5);
  }

  @Test
  void aStageThatThrowsOrGivesNothingEndsOnlyItsVideosRound() throws Exception {
    VideoJob job = new VideoJob.Finished("v1", "entered");
    VideoJob thrown =
        SyncWorker.<VideoJob>guarded(
                j -> {
                  throw new IllegalStateException("unexpected");
                },
                VideoJob::videoId)
            .apply(job)
            .toCompletableFuture()
            .get();
    VideoJob nothing =
        SyncWorker.<VideoJob>guarded(
                j -> CompletableFuture.completedFuture(null), VideoJob::videoId)
            .apply(job)
            .toCompletableFuture()
            .get();
    VideoJob failed =
        SyncWorker.<VideoJob>guarded(
                j -> CompletableFuture.failedFuture(new RuntimeException("refused")),
                VideoJob::videoId)
            .apply(job)
            .toCompletableFuture()
            .get();

    assertThat(thrown)
        .isInstanceOfSatisfying(
            VideoJob.Finished.class,
            f -> assertThat(f.outcome()).startsWith("error: ").contains("unexpected"));
    assertThat(nothing).isEqualTo(new VideoJob.Finished("v1", "error: the stage gave no result"));
    assertThat(failed)
        .isInstanceOfSatisfying(
            VideoJob.Finished.class,
            f -> assertThat(f.outcome()).startsWith("error: ").contains("refused"));
  }

  @Test
  void theChannelsTiersReadFromTheReadSideWeighTheirBackCatalogues() {
    MemoryIndex index = new MemoryIndex();
    Instant published = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 3; i++) {
      // The Bronze channel's videos are the older: of one round, they would go first.
      index.add(historical("bronze-" + i, "bronze", published.plusSeconds(i)));
      index.add(historical("diamond-" + i, "diamond", published.plusSeconds(100 + i)));
    }
    List<String> entered = new CopyOnWriteArrayList<>();
    List<Set<String>> asked = new CopyOnWriteArrayList<>();
    ChannelTiers tiers =
        channels -> {
          asked.add(channels);
          return CompletableFuture.completedFuture(Map.of("diamond", Tier.DIAMOND));
        };
    // Nothing ever leaves: the worker offers its four places once, in its order.
    Flow<WorkItem, VideoJob, ?> stages =
        Flow.<WorkItem>create()
            .map(
                item -> {
                  entered.add(item.videoId());
                  return item;
                })
            .mapAsyncUnordered(16, item -> new CompletableFuture<VideoJob>());

    startWorker(index, tiers, stages);

    // One round: the Bronze channel's first video and three of the Diamond one's.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(entered)
                    .containsExactly("bronze-0", "diamond-0", "diamond-1", "diamond-2"));
    assertThat(asked).containsExactly(Set.of("bronze", "diamond"));
  }

  private static WorkItem historical(String videoId, String channelId, Instant publishedAt) {
    return new WorkItem(
        videoId, channelId, VideoState.NEW, true, publishedAt, 0, 60, 0, Optional.empty());
  }

  private static void startWorker(WorkIndex index, Flow<WorkItem, VideoJob, ?> stages) {
    startWorker(index, channels -> CompletableFuture.completedFuture(Map.of()), stages);
  }

  private static void startWorker(
      WorkIndex index, ChannelTiers tiers, Flow<WorkItem, VideoJob, ?> stages) {
    testKit.spawn(
        SyncWorker.create(
            0,
            index,
            tiers,
            () -> CompletableFuture.completedFuture(false),
            settings(),
            stages,
            Clock.systemUTC()));
  }

  private static PipelineSettings settings() {
    return new PipelineSettings(
        1,
        Duration.ofMillis(100),
        4,
        100,
        1,
        1,
        1_000_000,
        1,
        1,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        1,
        1,
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        Duration.ofSeconds(5),
        Duration.ofMinutes(10),
        Duration.ofMinutes(15),
        true);
  }

  /** A work index in memory, videos removed once done. */
  private static final class MemoryIndex implements WorkIndex {
    private final Map<String, WorkItem> items = new ConcurrentHashMap<>();

    void add(String videoId) {
      add(videoId, VideoState.NEW);
    }

    void add(WorkItem item) {
      items.put(item.videoId(), item);
    }

    void add(String videoId, VideoState state) {
      items.put(
          videoId,
          new WorkItem(
              videoId,
              "channel-1",
              state,
              false,
              Instant.parse("2026-12-01T10:00:00Z"),
              0,
              60,
              0,
              Optional.empty()));
    }

    void remove(String videoId) {
      items.remove(videoId);
    }

    @Override
    public CompletionStage<List<WorkItem>> items(int slot, int limit) {
      List<WorkItem> inSlot =
          items.values().stream()
              .filter(i -> WorkIndex.slotOf(i.channelId()) == slot)
              .limit(limit)
              .toList();
      return CompletableFuture.completedFuture(inSlot);
    }
  }
}
