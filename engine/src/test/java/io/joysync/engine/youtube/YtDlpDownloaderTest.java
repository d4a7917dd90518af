package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.youtube.download.DownloadException;
import io.joysync.engine.youtube.download.DownloadFailure;
import io.joysync.engine.youtube.download.DownloadFailure.RetryReason;
import io.joysync.engine.youtube.download.DownloadProgress;
import io.joysync.engine.youtube.download.DownloadSettings;
import io.joysync.engine.youtube.download.DownloadedVideo;
import io.joysync.engine.youtube.download.ThumbnailDownloader;
import io.joysync.engine.youtube.download.YtDlpDownloader;
import io.joysync.engine.youtube.media.MediaFacts;
import io.joysync.engine.youtube.media.MediaProbe;
import io.joysync.engine.youtube.media.MediaProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloader on the real yt-dlp and the probe on the real ffprobe, against the devnet media.
 */
class YtDlpDownloaderTest {

  static YoutubeDevnetFixture devnet;
  static String channelId;
  final ExecutorService blocking = Executors.newFixedThreadPool(4);
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    devnet = YoutubeDevnetFixture.start();
    channelId =
        YoutubeDevnetFixture.field(
            devnet.get("/youtube/v3/channels?part=id&id=" + aliceChannel() + "&key=devnet-api-key"),
            "id");
  }

  static String aliceChannel() {
    return DevnetSeed.channelId("alice");
  }

  @AfterAll
  static void stop() throws Exception {
    if (devnet != null) {
      devnet.close();
    }
  }

  @AfterEach
  void reset() {
    devnet.resetFaults();
    blocking.shutdownNow();
  }

  YtDlpDownloader downloader(Duration timeout, OptionalLong maxBytes) {
    return new YtDlpDownloader(
        new DownloadSettings(
            "yt-dlp",
            dir,
            1080,
            maxBytes,
            Duration.ofHours(3),
            timeout,
            Duration.ZERO,
            Duration.ofMillis(50)),
        blocking);
  }

  String url(String videoId) {
    return devnet.endpoints().watchUrl(videoId);
  }

  static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return YoutubeDataClientTest.await(stage);
  }

  @Test
  void downloadsAClipReportsProgressAndProbesIt() throws Exception {
    String id = devnet.publish(channelId, "PUBLIC");
    List<DownloadProgress> progress = new CopyOnWriteArrayList<>();
    DownloadedVideo video =
        await(
            downloader(Duration.ofSeconds(30), OptionalLong.empty())
                .download(id, url(id), Optional.empty(), progress::add));
    assertThat(video.file()).isEqualTo(dir.resolve(id + ".mp4"));
    assertThat(video.sizeBytes()).isEqualTo(Files.size(video.file())).isPositive();
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1).downloadedBytes()).isEqualTo(video.sizeBytes());

    MediaFacts facts =
        await(new MediaProbe("ffprobe", Duration.ofSeconds(10), blocking).probe(video.file()));
    assertThat(facts.width()).isEqualTo(160);
    assertThat(facts.height()).isEqualTo(120);
    assertThat(facts.videoCodec()).isEqualTo("h264");
    assertThat(facts.hasAudio()).isTrue();
    assertThat(facts.mimeType()).isEqualTo("video/mp4");
    assertThat(facts.durationSeconds()).isBetween(1.0, 2.0);
  }

  @Test
  void eachUnavailableKindBecomesItsPermanentState() throws Exception {
    YtDlpDownloader downloader = downloader(Duration.ofSeconds(30), OptionalLong.empty());
    List<List<Object>> cases =
        List.of(
            List.of("PRIVATE", UnavailableReason.PRIVATE),
            List.of("MEMBERS_ONLY", UnavailableReason.MEMBERS_ONLY),
            List.of("AGE_RESTRICTED", UnavailableReason.AGE_RESTRICTED),
            List.of("LIVE", UnavailableReason.LIVE_OFFLINE),
            List.of("UPCOMING", UnavailableReason.LIVE_OFFLINE),
            List.of("GEO_BLOCKED", UnavailableReason.GEO_BLOCKED),
            List.of("UNAVAILABLE", UnavailableReason.UNAVAILABLE),
            List.of("EMPTY_MEDIA", UnavailableReason.EMPTY_DOWNLOAD));
    List<java.util.concurrent.CompletableFuture<Void>> checks = new java.util.ArrayList<>();
    for (List<Object> c : cases) {
      String id = devnet.publish(channelId, (String) c.get(0));
      checks.add(
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                DownloadFailure failure = failureOf(downloader, id);
                assertThat(failure)
                    .as("%s", c.get(0))
                    .isInstanceOf(DownloadFailure.VideoUnavailable.class);
                assertThat(((DownloadFailure.VideoUnavailable) failure).reason())
                    .as("%s: %s", c.get(0), failure.detail())
                    .isEqualTo(c.get(1));
              }));
    }
    java.util.concurrent.CompletableFuture.allOf(
            checks.toArray(java.util.concurrent.CompletableFuture[]::new))
        .get(120, java.util.concurrent.TimeUnit.SECONDS);
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  private DownloadFailure failureOf(YtDlpDownloader downloader, String id) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> await(downloader.download(id, url(id), Optional.empty(), p -> {})));
    assertThat(thrown).isInstanceOf(DownloadException.class);
    return ((DownloadException) thrown).failure();
  }

  @Test
  void rateLimitsAndBotWallsAreRetryableAndBlameTheProxy() throws Exception {
    YtDlpDownloader downloader = downloader(Duration.ofSeconds(30), OptionalLong.empty());
    String id = devnet.publish(channelId, "PUBLIC");
    devnet.faults("{\"mediaRateLimited\":true}");
    DownloadFailure limited = failureOf(downloader, id);
    assertThat(limited)
        .isEqualTo(new DownloadFailure.Retryable(RetryReason.RATE_LIMITED, limited.detail()));
    assertThat(((DownloadFailure.Retryable) limited).blamesProxy()).isTrue();
    devnet.faults("{\"mediaRateLimited\":false,\"botCheck\":true}");
    DownloadFailure bot = failureOf(downloader, id);
    assertThat(bot).isInstanceOf(DownloadFailure.Retryable.class);
    assertThat(((DownloadFailure.Retryable) bot).reason()).isEqualTo(RetryReason.BOT_CHECK);
    assertThat(bot.state()).isEqualTo("New");
  }

  @Test
  void aTimeoutKillsYtDlpAndLeavesNoFile() throws Exception {
    String id = devnet.publish(channelId, "PUBLIC");
    devnet.faults("{\"slowMediaBytesPerSecond\":2000}");
    DownloadFailure failure =
        failureOf(downloader(Duration.ofMillis(1500), OptionalLong.empty()), id);
    assertThat(failure.state()).isEqualTo("VideoUnavailable::DownloadTimedOut");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(id))
                .toList())
        .isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void filesOverTheSizeLimitAreSkipped() throws Exception {
    String id = devnet.publish(channelId, "PUBLIC");
    DownloadFailure failure =
        failureOf(downloader(Duration.ofSeconds(30), OptionalLong.of(1_000)), id);
    assertThat(failure.state()).isEqualTo("VideoUnavailable::Skipped");
  }

  @Test
  void videosLongerThanTheLimitAreSkippedBeforeDownloading() throws Exception {
    String id = devnet.publish(channelId, "PUBLIC");
    YtDlpDownloader shortOnly =
        new YtDlpDownloader(
            new DownloadSettings(
                "yt-dlp",
                dir,
                1080,
                OptionalLong.empty(),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Duration.ZERO,
                Duration.ZERO),
            blocking);
    assertThat(failureOf(shortOnly, id).state()).isEqualTo("VideoUnavailable::Skipped");
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void aNonVideoFileIsRefusedByTheProbe() throws Exception {
    String id = devnet.publish(channelId, "NOT_A_VIDEO");
    DownloadedVideo file =
        await(
            downloader(Duration.ofSeconds(30), OptionalLong.empty())
                .download(id, url(id), Optional.empty(), p -> {}));
    assertThatThrownBy(
            () ->
                await(
                    new MediaProbe("ffprobe", Duration.ofSeconds(10), blocking).probe(file.file())))
        .isInstanceOf(MediaProbeException.class)
        .satisfies(
            e -> assertThat(((MediaProbeException) e).code()).isEqualTo("MEDIA_NOT_A_VIDEO"));
  }

  @Test
  void thumbnailsDownloadWithAndWithoutAProxy() throws Exception {
    String id = devnet.publish(channelId, "PUBLIC");
    String proxy = YoutubeDevnetFixture.field(devnet.proxies(), "url");
    ThumbnailDownloader thumbnails =
        new ThumbnailDownloader(1_000_000, Duration.ofSeconds(5), blocking);
    String url = devnet.baseUrl() + "/thumbnails/" + id + "/medium.jpg";
    Path direct = await(thumbnails.download(id, url, dir.resolve(id + ".jpg"), Optional.empty()));
    Path proxied =
        await(thumbnails.download(id, url, dir.resolve(id + "-p.jpg"), Optional.of(proxy)));
    assertThat(Files.readAllBytes(proxied))
        .isEqualTo(Files.readAllBytes(direct))
        .startsWith((byte) 0xFF, (byte) 0xD8);
    assertThatThrownBy(
            () ->
                await(
                    thumbnails.download(
                        id,
                        devnet.baseUrl() + "/media/" + id + ".mp4",
                        dir.resolve("x.jpg"),
                        Optional.empty())))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("not an image");
  }
}
