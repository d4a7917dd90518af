package io.joysync.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * One cycle of youtube-synch's polling (reference section 4.5) over the benchmark's channels: a
 * {@code channels.list} statistics call per 50 channels, as it makes every 2 minutes, measured on
 * the devnet's quota counter. (Its per-channel listings for changed channels come on top.)
 */
final class YoutubeSynchSweep {

  /** What one sweep cost. */
  record Sweep(int calls, long units, Duration took) {}

  private YoutubeSynchSweep() {}

  static Sweep run(ForkedYoutubeDevnet devnet, List<String> ids) throws InterruptedException {
    long before = devnet.quotaUsed();
    long start = System.nanoTime();
    Semaphore inFlight = new Semaphore(16);
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 50) {
      String batch = String.join(",", ids.subList(from, Math.min(ids.size(), from + 50)));
      inFlight.acquire();
      calls.add(
          devnet
              .dataApi("channels?part=id,statistics&maxResults=50&id=" + batch)
              .whenComplete((r, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Sweep(calls.size(), devnet.quotaUsed() - before, took);
  }
}
