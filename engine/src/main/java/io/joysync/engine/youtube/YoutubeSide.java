package io.joysync.engine.youtube;

import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.discovery.RssFeedReader;
import io.joysync.engine.youtube.discovery.WebSubSubscriber;
import io.joysync.engine.youtube.download.ProxyPool;
import io.joysync.engine.youtube.download.ThumbnailDownloader;
import io.joysync.engine.youtube.download.YtDlpDownloader;
import io.joysync.engine.youtube.media.MediaProbe;
import io.joysync.engine.youtube.onboarding.OnboardingCheck;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaLedger;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything joysync uses to talk to YouTube on one node, built once from {@link YoutubeSettings}:
 * the quota governor over the shared ledger, the Data API client, onboarding checks, RSS and WebSub
 * discovery, the proxy pool, the downloader, thumbnails and the media probe. {@code blocking} runs
 * the calls that block (Google's client, yt-dlp, ffprobe) and must be bounded; {@code scheduler}
 * only times waits.
 */
public record YoutubeSide(
    YoutubeSettings settings,
    QuotaGovernor quota,
    YoutubeDataClient dataApi,
    OnboardingCheck onboarding,
    RssFeedReader feeds,
    Optional<WebSubSubscriber> websub,
    ProxyPool proxies,
    YtDlpDownloader downloader,
    ThumbnailDownloader thumbnails,
    MediaProbe probe) {

  public static YoutubeSide create(
      YoutubeSettings settings,
      QuotaLedger ledger,
      Executor blocking,
      ScheduledExecutorService scheduler,
      Clock clock) {
    QuotaGovernor quota =
        new QuotaGovernor(
            ledger, settings.quota(), clock, scheduler, settings.quotaMaxWaitingCalls());
    YoutubeDataClient dataApi = new YoutubeDataClient(settings.api(), quota, blocking);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    RssFeedReader feeds =
        new RssFeedReader(
            settings.api().endpoints(), http, settings.feedTimeout(), settings.feedMaxBytes());
    YoutubeSettings.Proxies p = settings.proxies();
    return new YoutubeSide(
        settings,
        quota,
        dataApi,
        new OnboardingCheck(settings.onboarding(), dataApi, clock),
        feeds,
        settings
            .websub()
            .map(w -> new WebSubSubscriber(settings.api().endpoints(), http, w, clock)),
        new ProxyPool(p.urls(), p.quarantine(), p.minInterval(), p.maxWaiting(), clock, scheduler),
        new YtDlpDownloader(settings.download(), blocking),
        new ThumbnailDownloader(
            settings.thumbnailMaxBytes(), settings.thumbnailTimeout(), blocking),
        new MediaProbe(settings.ffprobePath(), settings.probeTimeout(), blocking));
  }
}
