package io.joysync.bench;

import io.joysync.bench.ChainRecord.BlockFacts;
import io.joysync.engine.publish.VideoToCreate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Offers one mode more videos than it can place in a block and records what the chain took. After
 * every new block the driver tops each channel up to a fixed number of videos requested and not yet
 * in a block (nor refused), so the mode always has a few blocks' worth waiting and every request's
 * latency is counted from the block at which it was made. Offering stops after the warm-up and
 * measured blocks; then every request is answered, and the figures are computed from the chain
 * record over the measured blocks.
 */
final class Saturation {
  private static final long ANSWER_TIMEOUT_SECONDS = 180;

  /**
   * What to run: {@code outstandingPerChannel} videos kept requested in each channel, offering from
   * the driver's first block through {@code warmupBlocks + measuredBlocks}, figures over the last
   * {@code measuredBlocks}.
   */
  record Plan(
      String mode,
      List<Long> channels,
      int outstandingPerChannel,
      int warmupBlocks,
      int measuredBlocks) {
    Plan {
      channels = List.copyOf(channels);
    }
  }

  /** What the driver saw; the chain's view of each request is in the record. */
  record Outcome(
      Plan plan,
      List<BlockFacts> measured,
      List<Long> latencies,
      List<String> requested,
      Map<String, Integer> answers,
      int unanswered) {}

  private static final class Request {
    final long channel;
    final long requestedAt;
    final AtomicBoolean open = new AtomicBoolean(true);

    Request(long channel, long requestedAt) {
      this.channel = channel;
      this.requestedAt = requestedAt;
    }
  }

  private final ChainRecord record;
  private final PublishingMode mode;
  private final FreshVideos videos;
  private final Plan plan;
  private final Map<String, Request> requests = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> open = new ConcurrentHashMap<>();
  private final Map<String, Integer> answers = new ConcurrentHashMap<>();
  private final List<CompletableFuture<String>> pending = new ArrayList<>();
  private final List<Long> latencies = new ArrayList<>();
  private final CountDownLatch offered = new CountDownLatch(1);
  private long firstMeasured;
  private long lastMeasured;

  Saturation(ChainRecord record, PublishingMode mode, FreshVideos videos, Plan plan) {
    this.record = record;
    this.mode = mode;
    this.videos = videos;
    this.plan = plan;
    plan.channels().forEach(ch -> open.put(ch, new AtomicInteger()));
  }

  Outcome run() throws InterruptedException {
    long start = record.lastBlock();
    firstMeasured = start + plan.warmupBlocks() + 1;
    lastMeasured = start + plan.warmupBlocks() + plan.measuredBlocks();
    Runnable stop = record.onBlock(this::onBlock);
    try {
      long blocks = plan.warmupBlocks() + plan.measuredBlocks();
      if (!offered.await(blocks * 3 + 60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the chain did not reach block " + lastMeasured);
      }
      int unanswered = awaitAnswers();
      List<Long> measuredLatencies;
      synchronized (latencies) {
        measuredLatencies = List.copyOf(latencies);
      }
      return new Outcome(
          plan,
          record.blocks(firstMeasured, lastMeasured),
          measuredLatencies,
          List.copyOf(requests.keySet()),
          new TreeMap<>(answers),
          unanswered);
    } finally {
      stop.run();
    }
  }

  /** On the recording thread, after each block. */
  private void onBlock(BlockFacts block) {
    long n = block.number();
    if (n == firstMeasured - 1) {
      mode.measuring(true);
    } else if (n == lastMeasured) {
      mode.measuring(false);
    }
    for (String id : block.ytVideoIds()) {
      Request r = requests.get(id);
      if (r != null && close(r) && n >= firstMeasured && n <= lastMeasured) {
        synchronized (latencies) {
          latencies.add(n - r.requestedAt);
        }
      }
    }
    if (n < lastMeasured) {
      topUp(n);
    } else {
      offered.countDown();
    }
  }

  private void topUp(long block) {
    for (long channel : plan.channels()) {
      AtomicInteger waiting = open.get(channel);
      while (waiting.get() < plan.outstandingPerChannel()) {
        offer(videos.next(channel), block);
      }
    }
  }

  private void offer(VideoToCreate video, long block) {
    Request r = new Request(video.joystreamChannelId(), block);
    requests.put(video.ytVideoId(), r);
    open.get(r.channel).incrementAndGet();
    CompletableFuture<String> answer =
        mode.offer(video)
            .toCompletableFuture()
            .whenComplete(
                (code, error) -> {
                  String outcome = error != null ? "ERROR " + error : code;
                  answers.merge(outcome, 1, Integer::sum);
                  if (!PublishingMode.CREATED.equals(outcome)) {
                    close(r);
                  }
                });
    synchronized (pending) {
      pending.add(answer);
    }
  }

  /** Takes the request out of its channel's open count, once. */
  private boolean close(Request r) {
    if (r.open.compareAndSet(true, false)) {
      open.get(r.channel).decrementAndGet();
      return true;
    }
    return false;
  }

  /** Waits for every answer; returns how many did not come in time. */
  private int awaitAnswers() throws InterruptedException {
    List<CompletableFuture<String>> all;
    synchronized (pending) {
      all = List.copyOf(pending);
    }
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // a failed answer is counted with the others in answers
    } catch (TimeoutException e) {
      // the ones still open are counted below
    }
    return (int) all.stream().filter(f -> !f.isDone()).count();
  }
}
