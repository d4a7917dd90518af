package io.joysync.engine.youtube;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.joysync.engine.youtube.api.YoutubeApiSettings;
import io.joysync.engine.youtube.discovery.WebSubSubscriber;
import io.joysync.engine.youtube.download.DownloadSettings;
import io.joysync.engine.youtube.onboarding.OnboardingRequirements;
import io.joysync.engine.youtube.quota.QuotaBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything on the YouTube side, read once from {@code joysync.youtube} (keys and defaults in
 * {@link #DEFAULTS}; the node's configuration overrides any of them). Setting {@code
 * devnet-base-url} points every endpoint at the devnet. Invalid values fail at start-up with the
 * key named; secrets are never printed.
 */
public record YoutubeSettings(
    YoutubeApiSettings api,
    QuotaBudget quota,
    int quotaMaxWaitingCalls,
    DownloadSettings download,
    long thumbnailMaxBytes,
    Duration thumbnailTimeout,
    Proxies proxies,
    String ffprobePath,
    Duration probeTimeout,
    Duration feedTimeout,
    int feedMaxBytes,
    Optional<WebSubSubscriber.Settings> websub,
    OnboardingRequirements onboarding) {

  /** The SOCKS5 egress pool. */
  public record Proxies(
      List<String> urls,
      Duration quarantine,
      Duration minInterval,
      Duration maxWait,
      int maxWaiting) {
    public Proxies {
      urls = List.copyOf(urls);
    }
  }

  /** The {@code joysync.youtube} keys with their defaults (production endpoints). */
  public static final String DEFAULTS =
      """
      joysync.youtube {
        devnet-base-url = ""
        devnet-base-url = ${?JOYSYNC_YOUTUBE_DEVNET}
        endpoints {
          data-api-root-url = "https://www.googleapis.com/"
          token-url = "https://oauth2.googleapis.com/token"
          token-info-url = "https://oauth2.googleapis.com/tokeninfo"
          feed-url-template = "https://www.youtube.com/feeds/videos.xml?channel_id={channelId}"
          hub-url = "https://pubsubhubbub.appspot.com/subscribe"
          topic-url-template = "https://www.youtube.com/xml/feeds/videos.xml?channel_id={channelId}"
          watch-url-template = "https://www.youtube.com/watch?v={videoId}"
        }
        client-id = ""
        client-id = ${?YOUTUBE_CLIENT_ID}
        client-secret = ""
        client-secret = ${?YOUTUBE_CLIENT_SECRET}
        api-key = ""
        api-key = ${?YOUTUBE_API_KEY}
        api { max-attempts = 3, initial-backoff = 500ms, max-backoff = 10s, timeout = 20s }
        quota { daily-limit = 10000, signup-reserve = 500, max-waiting-calls = 10000 }
        download {
          yt-dlp = "yt-dlp"
          dir = "downloads"
          max-height = 1080
          max-file-size-mb = 15000
          max-duration = 3h
          timeout = 3h
          pacing-min = 0s
          pacing-max = 30s
        }
        thumbnails { max-bytes = 5000000, timeout = 30s }
        proxies { urls = [], quarantine = 2h, min-interval = 20s, max-wait = 10m, max-waiting = 1000 }
        probe { ffprobe = "ffprobe", timeout = 60s }
        feeds { timeout = 15s, max-bytes = 1000000 }
        websub {
          callback-url = ""
          secret = ""
          secret = ${?JOYSYNC_WEBSUB_SECRET}
          lease-seconds = 432000
          renewal-margin = 1d
          max-body-bytes = 1000000
        }
        onboarding {
          minimum-subscribers = 50
          minimum-videos = 2
          minimum-video-age-hours = 0
          minimum-channel-age-hours = 720
          minimum-videos-per-month = 0
          months-to-consider = 1
          max-listed-uploads = 200
        }
      }
      """;

  /** Reads {@code joysync.youtube} from a node's configuration, defaults filling the gaps. */
  public static YoutubeSettings fromConfig(Config config) {
    Config c =
        config
            .withFallback(ConfigFactory.parseString(DEFAULTS))
            .resolve()
            .getConfig("joysync.youtube");
    try {
      String devnet = c.getString("devnet-base-url");
      Config e = c.getConfig("endpoints");
      YoutubeEndpoints endpoints =
          devnet.isBlank()
              ? new YoutubeEndpoints(
                  e.getString("data-api-root-url"),
                  e.getString("token-url"),
                  e.getString("token-info-url"),
                  e.getString("feed-url-template"),
                  e.getString("hub-url"),
                  e.getString("topic-url-template"),
                  e.getString("watch-url-template"))
              : YoutubeEndpoints.devnet(devnet);
      Config api = c.getConfig("api");
      YoutubeApiSettings apiSettings =
          new YoutubeApiSettings(
              endpoints,
              c.getString("client-id"),
              c.getString("client-secret"),
              c.getString("api-key"),
              api.getInt("max-attempts"),
              api.getDuration("initial-backoff"),
              api.getDuration("max-backoff"),
              api.getDuration("timeout"));
      Config d = c.getConfig("download");
      long maxMb = d.getLong("max-file-size-mb");
      DownloadSettings download =
          new DownloadSettings(
              d.getString("yt-dlp"),
              Path.of(d.getString("dir")),
              d.getInt("max-height"),
              maxMb > 0 ? OptionalLong.of(maxMb * 1_000_000L) : OptionalLong.empty(),
              d.getDuration("max-duration"),
              d.getDuration("timeout"),
              d.getDuration("pacing-min"),
              d.getDuration("pacing-max"));
      Config p = c.getConfig("proxies");
      Config w = c.getConfig("websub");
      Optional<WebSubSubscriber.Settings> websub =
          w.getString("callback-url").isBlank()
              ? Optional.empty()
              : Optional.of(
                  new WebSubSubscriber.Settings(
                      w.getString("callback-url"),
                      w.getString("secret"),
                      w.getLong("lease-seconds"),
                      w.getDuration("renewal-margin"),
                      w.getInt("max-body-bytes")));
      Config o = c.getConfig("onboarding");
      return new YoutubeSettings(
          apiSettings,
          new QuotaBudget(c.getLong("quota.daily-limit"), c.getLong("quota.signup-reserve")),
          c.getInt("quota.max-waiting-calls"),
          download,
          c.getLong("thumbnails.max-bytes"),
          c.getDuration("thumbnails.timeout"),
          new Proxies(
              p.getStringList("urls"),
              p.getDuration("quarantine"),
              p.getDuration("min-interval"),
              p.getDuration("max-wait"),
              p.getInt("max-waiting")),
          c.getString("probe.ffprobe"),
          c.getDuration("probe.timeout"),
          c.getDuration("feeds.timeout"),
          c.getInt("feeds.max-bytes"),
          websub,
          new OnboardingRequirements(
              o.getLong("minimum-subscribers"),
              o.getInt("minimum-videos"),
              o.getLong("minimum-video-age-hours"),
              o.getLong("minimum-channel-age-hours"),
              o.getInt("minimum-videos-per-month"),
              o.getInt("months-to-consider"),
              o.getInt("max-listed-uploads")));
    } catch (ConfigException | IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          "invalid joysync.youtube settings: " + ex.getMessage(), ex);
    }
  }
}
