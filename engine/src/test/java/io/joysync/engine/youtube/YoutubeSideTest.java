package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.channel.YppStatus;
import io.joysync.engine.youtube.api.SignUpAuthorization;
import io.joysync.engine.youtube.discovery.FeedResult;
import io.joysync.engine.youtube.discovery.FeedValidators;
import io.joysync.engine.youtube.download.DownloadedVideo;
import io.joysync.engine.youtube.download.ProxyPool;
import io.joysync.engine.youtube.media.MediaFacts;
import io.joysync.engine.youtube.quota.InMemoryQuotaLedger;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.engine.youtube.quota.QuotaUsage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YouTube side as a node wires it from configuration, end to end on the devnet: sign-up and
 * requirements, first ingestion, discovery of a new upload with details for the new id only, and
 * its download through a proxy with thumbnail and probe.
 */
class YoutubeSideTest {

  @TempDir Path downloads;

  @Test
  void fromSignUpToAProbedDownloadOfANewUpload() throws Exception {
    ExecutorService blocking = Executors.newFixedThreadPool(4);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (YoutubeDevnetFixture devnet = YoutubeDevnetFixture.start()) {
      List<String> proxies =
          Pattern.compile("\"url\":\"([^\"]+)\"")
              .matcher(devnet.proxies())
              .results()
              .map(m -> m.group(1))
              .toList();
      YoutubeSettings settings =
          YoutubeSettings.fromConfig(
              ConfigFactory.parseString(
                  "joysync.youtube { devnet-base-url = \""
                      + devnet.baseUrl()
                      + "\", client-id = \"joysync-devnet.apps.googleusercontent.com\","
                      + " client-secret = \"devnet-client-secret\", api-key = \"devnet-api-key\","
                      + " download { dir = \""
                      + downloads.toString().replace("\\", "/")
                      + "\", pacing-max = 0s },"
                      + " proxies { urls = [\""
                      + String.join("\",\"", proxies)
                      + "\"], min-interval = 0s } }"));
      YoutubeSide youtube =
          YoutubeSide.create(
              settings, new InMemoryQuotaLedger(), blocking, scheduler, Clock.systemUTC());

      String redirect = "http://127.0.0.1/atlas";
      SignUpAuthorization auth =
          await(
              youtube
                  .dataApi()
                  .exchangeCode(
                      devnet.authorizationCode("alice@example.com", redirect, null, true),
                      redirect));
      YoutubeChannel channel =
          await(youtube.dataApi().ownChannel(auth.tokens(), QuotaPurpose.SIGNUP)).orElseThrow();
      assertThat(await(youtube.onboarding().evaluate(channel))).isEmpty();

      List<UploadedVideo> first =
          await(
              youtube
                  .dataApi()
                  .latestUploads(
                      auth.tokens(),
                      channel.uploadsPlaylistId(),
                      YppStatus.parse("Unverified").orElseThrow().limits().videoCap(),
                      QuotaPurpose.SYNC));
      assertThat(first).hasSize(5);
      FeedResult.Updated baseline =
          (FeedResult.Updated) await(youtube.feeds().fetch(channel.id(), FeedValidators.NONE));

      String upload = devnet.publish(channel.id(), "PUBLIC");
      FeedResult.Updated fresh =
          (FeedResult.Updated) await(youtube.feeds().fetch(channel.id(), baseline.validators()));
      assertThat(fresh.entries().get(0).videoId()).isEqualTo(upload);
      YoutubeVideo details =
          await(youtube.dataApi().videos(null, List.of(upload), QuotaPurpose.SYNC)).get(0);
      assertThat(VideoFilter.syncable(details)).isTrue();

      ProxyPool.Lease lease = await(youtube.proxies().acquire(upload, Duration.ofSeconds(5)));
      try {
        DownloadedVideo video =
            await(youtube.downloader().download(upload, details.url(), lease.proxyUrl(), p -> {}));
        Path thumbnail =
            await(
                youtube
                    .thumbnails()
                    .download(
                        upload,
                        details.thumbnails().medium(),
                        downloads.resolve(upload + ".jpg"),
                        lease.proxyUrl()));
        MediaFacts facts = await(youtube.probe().probe(video.file()));
        assertThat(facts.mimeType()).isEqualTo("video/mp4");
        assertThat(thumbnail).exists();
      } finally {
        lease.release();
      }
      QuotaUsage usage = await(youtube.quota().usageToday());
      assertThat(usage.signup()).isEqualTo(2);
      assertThat(usage.sync()).isEqualTo(2);
    } finally {
      blocking.shutdownNow();
      scheduler.shutdownNow();
    }
  }

  static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return YoutubeDataClientTest.await(stage);
  }

  @Test
  void unusedOptionalPartsStayAbsent() {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      YoutubeSide side =
          YoutubeSide.create(
              YoutubeSettings.fromConfig(ConfigFactory.empty()),
              new InMemoryQuotaLedger(),
              Runnable::run,
              scheduler,
              Clock.systemUTC());
      assertThat(side.websub()).isEqualTo(Optional.empty());
      assertThat(side.proxies().states()).isEmpty();
    } finally {
      scheduler.shutdownNow();
    }
  }
}
