package io.joysync.engine.youtube.download;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The download fleet's egress: SOCKS5 proxies, each bound to at most one download at a time,
 * least-recently-used first, at most one download start per {@code minInterval} per proxy (a per-IP
 * rate limit), and quarantined for {@code quarantine} when YouTube rate-limits it or shows the bot
 * wall. When no proxy is usable a download waits, in a bounded queue, up to its deadline, then
 * fails with {@link DownloadFailure.RetryReason#NO_PROXY_AVAILABLE}. An empty pool means direct
 * downloads: every lease then carries no proxy.
 */
public final class ProxyPool {

  /** A proxy bound to one download; release it when the download ends, whatever the outcome. */
  public final class Lease {
    private final String url;
    private final String videoId;
    private boolean released;

    private Lease(String url, String videoId) {
      this.url = url;
      this.videoId = videoId;
    }

    public Optional<String> proxyUrl() {
      return Optional.ofNullable(url);
    }

    public String videoId() {
      return videoId;
    }

    public void release() {
      ProxyPool.this.release(this, false);
    }

    /** The download through this proxy met HTTP 429 or the bot wall: quarantine and release. */
    public void reportBlocked() {
      ProxyPool.this.release(this, true);
    }
  }

  /** The state of one proxy, for status pages. */
  public record ProxyState(
      String url, boolean bound, Instant quarantinedUntil, Instant lastStart) {}

  private record Waiter(String videoId, Instant deadline, CompletableFuture<Lease> promise) {}

  private static final class Slot {
    final String url;
    String boundTo;
    Instant quarantinedUntil = Instant.EPOCH;
    Instant lastStart = Instant.EPOCH;

    Slot(String url) {
      this.url = url;
    }
  }

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Duration quarantine;
  private final Duration minInterval;
  private final int maxWaiting;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Deque<Waiter> waiters = new ArrayDeque<>();

  public ProxyPool(
      List<String> proxyUrls,
      Duration quarantine,
      Duration minInterval,
      int maxWaiting,
      Clock clock,
      ScheduledExecutorService scheduler) {
    for (String url : proxyUrls) {
      ThumbnailDownloader.proxy(Optional.of(url));
      slots.put(url, new Slot(url));
    }
    this.quarantine = quarantine;
    this.minInterval = minInterval;
    this.maxWaiting = maxWaiting;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** A lease for the download of {@code videoId}, waiting at most {@code maxWait} for a proxy. */
  public CompletionStage<Lease> acquire(String videoId, Duration maxWait) {
    CompletableFuture<Lease> promise = new CompletableFuture<>();
    synchronized (this) {
      if (slots.isEmpty()) {
        return CompletableFuture.completedFuture(new Lease(null, videoId));
      }
      Optional<Lease> now = take(videoId);
      if (now.isPresent()) {
        return CompletableFuture.completedFuture(now.get());
      }
      if (waiters.size() >= maxWaiting) {
        return CompletableFuture.failedFuture(noProxy(videoId, "the proxy wait queue is full"));
      }
      waiters.add(new Waiter(videoId, clock.instant().plus(maxWait), promise));
    }
    scheduleCheck();
    return promise;
  }

  public synchronized List<ProxyState> states() {
    List<ProxyState> list = new ArrayList<>();
    slots
        .values()
        .forEach(
            s ->
                list.add(
                    new ProxyState(s.url, s.boundTo != null, s.quarantinedUntil, s.lastStart)));
    return list;
  }

  public synchronized boolean quarantined(String url) {
    Slot slot = slots.get(url);
    return slot != null && slot.quarantinedUntil.isAfter(clock.instant());
  }

  private void release(Lease lease, boolean blocked) {
    synchronized (this) {
      if (lease.released || lease.url == null) {
        lease.released = true;
        return;
      }
      lease.released = true;
      Slot slot = slots.get(lease.url);
      slot.boundTo = null;
      if (blocked) {
        slot.quarantinedUntil = clock.instant().plus(quarantine);
      }
    }
    serveWaiters();
  }

  private Optional<Lease> take(String videoId) {
    Instant now = clock.instant();
    Optional<Slot> best =
        slots.values().stream()
            .filter(
                s ->
                    s.boundTo == null
                        && !s.quarantinedUntil.isAfter(now)
                        && !s.lastStart.plus(minInterval).isAfter(now))
            .min(Comparator.comparing(s -> s.lastStart));
    best.ifPresent(
        s -> {
          s.boundTo = videoId;
          s.lastStart = now;
        });
    return best.map(s -> new Lease(s.url, videoId));
  }

  private void serveWaiters() {
    List<Runnable> completions = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      while (!waiters.isEmpty()) {
        Waiter w = waiters.peek();
        if (w.promise().isDone()) {
          waiters.poll();
          continue;
        }
        Optional<Lease> lease = take(w.videoId());
        if (lease.isPresent()) {
          waiters.poll();
          completions.add(() -> w.promise().complete(lease.get()));
        } else {
          break;
        }
      }
      waiters.removeIf(
          w -> {
            if (!w.deadline().isAfter(now)) {
              completions.add(
                  () ->
                      w.promise()
                          .completeExceptionally(
                              noProxy(w.videoId(), "no proxy free within the wait limit")));
              return true;
            }
            return false;
          });
    }
    completions.forEach(Runnable::run);
    scheduleCheck();
  }

  /**
   * Wakes up when the earliest of: a quarantine ends, a rate interval ends, a waiter's deadline.
   */
  private void scheduleCheck() {
    Instant next;
    synchronized (this) {
      if (waiters.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      next = waiters.stream().map(Waiter::deadline).min(Comparator.naturalOrder()).orElse(now);
      for (Slot s : slots.values()) {
        for (Instant t : List.of(s.quarantinedUntil, s.lastStart.plus(minInterval))) {
          if (t.isAfter(now) && t.isBefore(next)) {
            next = t;
          }
        }
      }
      next = next.isBefore(now) ? now : next;
    }
    long delay = Math.max(1, Duration.between(clock.instant(), next).toMillis() + 1);
    scheduler.schedule(this::serveWaiters, delay, TimeUnit.MILLISECONDS);
  }

  private static DownloadException noProxy(String videoId, String detail) {
    return new DownloadException(
        videoId,
        new DownloadFailure.Retryable(DownloadFailure.RetryReason.NO_PROXY_AVAILABLE, detail));
  }
}
