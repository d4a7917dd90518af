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
 * Everything on the YouTube side, read once from {@code joysync.youtube} (keys and defaults in the
 * engine's {@code reference.conf}; the node's configuration overrides any of them). Setting {@code
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

  /** Reads {@code joysync.youtube} from a node's configuration, defaults filling the gaps. */
  public static YoutubeSettings fromConfig(Config config) {
    Config c =
        config
            .withFallback(ConfigFactory.defaultReference())
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
