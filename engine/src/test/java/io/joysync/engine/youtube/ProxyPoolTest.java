package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.engine.youtube.download.DownloadException;
import io.joysync.engine.youtube.download.DownloadFailure;
import io.joysync.engine.youtube.download.DownloadSettings;
import io.joysync.engine.youtube.download.ProxyPool;
import io.joysync.engine.youtube.download.YtDlpDownloader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxies bound per download, quarantined on 429, waited for within bounds; yt-dlp goes through
 * them.
 */
class ProxyPoolTest {

  final ExecutorService blocking = Executors.newFixedThreadPool(4);
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  @TempDir Path dir;

  @AfterEach
  void stop() {
    blocking.shutdownNow();
    scheduler.shutdownNow();
  }

  static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return YoutubeDataClientTest.await(stage);
  }

  @Test
  void aRateLimitedProxyIsQuarantinedAndTheNextDownloadUsesAnother() throws Exception {
    try (YoutubeDevnetFixture devnet = YoutubeDevnetFixture.start()) {
      Matcher urls = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(devnet.proxies());
      List<String> proxies = urls.results().map(m -> m.group(1)).toList();
      assertThat(proxies).hasSize(2);
      devnet.proxyMode(0, "RATE_LIMITED");
      ProxyPool pool =
          new ProxyPool(
              proxies, Duration.ofMinutes(10), Duration.ZERO, 4, Clock.systemUTC(), scheduler);
      YtDlpDownloader downloader =
          new YtDlpDownloader(
              new DownloadSettings(
                  "yt-dlp",
                  dir,
                  1080,
                  OptionalLong.empty(),
                  Duration.ofHours(1),
                  Duration.ofSeconds(30),
                  Duration.ZERO,
                  Duration.ZERO),
              blocking);
      String channel = YtDlpDownloaderTest.aliceChannel();
      String first = devnet.publish(channel, "PUBLIC");

      ProxyPool.Lease lease = await(pool.acquire(first, Duration.ofSeconds(1)));
      assertThat(lease.proxyUrl()).contains(proxies.get(0));
      Throwable failed =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  await(
                      downloader.download(
                          first, devnet.endpoints().watchUrl(first), lease.proxyUrl(), p -> {})));
      DownloadFailure failure = ((DownloadException) failed).failure();
      assertThat(failure).isInstanceOf(DownloadFailure.Retryable.class);
      assertThat(((DownloadFailure.Retryable) failure).blamesProxy()).isTrue();
      lease.reportBlocked();
      assertThat(pool.quarantined(proxies.get(0))).isTrue();

      ProxyPool.Lease second = await(pool.acquire(first, Duration.ofSeconds(1)));
      assertThat(second.proxyUrl()).contains(proxies.get(1));
      assertThat(
              await(
                      downloader.download(
                          first, devnet.endpoints().watchUrl(first), second.proxyUrl(), p -> {}))
                  .sizeBytes())
          .isPositive();
      assertThat(devnet.proxies()).containsPattern("\"mode\":\"RELAY\",\"connections\":[1-9]");

      assertThatThrownBy(() -> await(pool.acquire("other", Duration.ofMillis(200))))
          .isInstanceOf(DownloadException.class)
          .satisfies(
              e ->
                  assertThat(((DownloadException) e).failure())
                      .isInstanceOf(DownloadFailure.Retryable.class))
          .hasMessageContaining("no proxy free");
      CompletableFuture<ProxyPool.Lease> waiting =
          pool.acquire("waiting", Duration.ofSeconds(10)).toCompletableFuture();
      assertThat(waiting).isNotDone();
      second.release();
      assertThat(await(waiting).proxyUrl()).contains(proxies.get(1));
    }
  }

  @Test
  void quarantineEndsAndPerProxyRateIsKept() throws Exception {
    Instant start = Instant.parse("2026-11-21T12:00:00Z");
    Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
    Clock moving =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return clock[0].instant();
          }
        };
    ProxyPool pool =
        new ProxyPool(
            List.of("socks5://127.0.0.1:1"),
            Duration.ofMinutes(30),
            Duration.ofSeconds(20),
            1,
            moving,
            scheduler);
    ProxyPool.Lease a = await(pool.acquire("a", Duration.ZERO));
    a.reportBlocked();
    assertThat(pool.quarantined("socks5://127.0.0.1:1")).isTrue();
    clock[0] = Clock.fixed(start.plus(Duration.ofMinutes(31)), ZoneOffset.UTC);
    assertThat(pool.quarantined("socks5://127.0.0.1:1")).isFalse();
    ProxyPool.Lease b = await(pool.acquire("b", Duration.ZERO));
    b.release();
    assertThatThrownBy(() -> await(pool.acquire("c", Duration.ZERO)))
        .isInstanceOf(DownloadException.class);
    clock[0] = Clock.fixed(start.plus(Duration.ofMinutes(31)).plusSeconds(21), ZoneOffset.UTC);
    assertThat(await(pool.acquire("d", Duration.ZERO)).proxyUrl()).contains("socks5://127.0.0.1:1");
    assertThatThrownBy(
            () ->
                new ProxyPool(
                    List.of("http://nope:1"), Duration.ZERO, Duration.ZERO, 1, moving, scheduler))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            await(
                    new ProxyPool(List.of(), Duration.ZERO, Duration.ZERO, 1, moving, scheduler)
                        .acquire("e", Duration.ZERO))
                .proxyUrl())
        .isEmpty();
  }
}
