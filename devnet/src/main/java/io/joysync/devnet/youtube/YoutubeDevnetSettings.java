package io.joysync.devnet.youtube;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes a YouTube devnet: where it listens, which OAuth client and API key it
 * accepts, how much quota a day it grants, the synthetic media it renders at start-up, the seeded
 * world and the faults switched on from the first request.
 *
 * <p>{@link #defaults()} is what {@code ./joysync devnet} uses (port 8090); tests use {@code
 * defaults().withPort(0)} and switch faults through {@link YoutubeDevnet.Running#faults()} or
 * {@code POST /admin/faults}.
 */
public record YoutubeDevnetSettings(
    String host,
    int port,
    String clientId,
    String clientSecret,
    String apiKey,
    long dailyQuota,
    Duration accessTokenLifetime,
    long defaultLeaseSeconds,
    MediaSettings media,
    DevnetSeed seed,
    int socksProxies,
    YoutubeFaults initialFaults) {

  /** Port of the YouTube devnet unless configured otherwise. */
  public static final int DEFAULT_PORT = 8090;

  /** The synthetic clips rendered by ffmpeg at start-up: small by default, never stored in git. */
  public record MediaSettings(int clipCount, double clipSeconds, int width, int height, int fps) {
    public MediaSettings {
      if (clipCount < 1 || clipCount > 16) {
        throw new IllegalArgumentException("clipCount must be 1..16, was " + clipCount);
      }
      if (!(clipSeconds > 0 && clipSeconds <= 600)) {
        throw new IllegalArgumentException("clipSeconds must be in (0, 600], was " + clipSeconds);
      }
      if (width < 16
          || height < 16
          || width > 3840
          || height > 2160
          || width % 2 + height % 2 != 0) {
        throw new IllegalArgumentException("clip size must be even and within 16..3840x2160");
      }
      if (fps < 1 || fps > 60) {
        throw new IllegalArgumentException("fps must be 1..60, was " + fps);
      }
    }

    public static MediaSettings small() {
      return new MediaSettings(2, 1.5, 160, 120, 10);
    }
  }

  public YoutubeDevnetSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(initialFaults, "initialFaults");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (dailyQuota < 1) {
      throw new IllegalArgumentException("dailyQuota must be positive, was " + dailyQuota);
    }
    if (socksProxies < 0 || socksProxies > 32) {
      throw new IllegalArgumentException("socksProxies must be 0..32, was " + socksProxies);
    }
    if (defaultLeaseSeconds < 1) {
      throw new IllegalArgumentException("defaultLeaseSeconds must be positive");
    }
  }

  public static YoutubeDevnetSettings defaults() {
    return new YoutubeDevnetSettings(
        "127.0.0.1",
        DEFAULT_PORT,
        "joysync-devnet.apps.googleusercontent.com",
        "devnet-client-secret",
        "devnet-api-key",
        10_000,
        Duration.ofHours(1),
        432_000,
        MediaSettings.small(),
        DevnetSeed.standard(),
        2,
        YoutubeFaults.NONE);
  }

  public YoutubeDevnetSettings withPort(int newPort) {
    return new YoutubeDevnetSettings(
        host,
        newPort,
        clientId,
        clientSecret,
        apiKey,
        dailyQuota,
        accessTokenLifetime,
        defaultLeaseSeconds,
        media,
        seed,
        socksProxies,
        initialFaults);
  }

  public YoutubeDevnetSettings withDailyQuota(long quota) {
    return new YoutubeDevnetSettings(
        host,
        port,
        clientId,
        clientSecret,
        apiKey,
        quota,
        accessTokenLifetime,
        defaultLeaseSeconds,
        media,
        seed,
        socksProxies,
        initialFaults);
  }

  public YoutubeDevnetSettings withMedia(MediaSettings newMedia) {
    return new YoutubeDevnetSettings(
        host,
        port,
        clientId,
        clientSecret,
        apiKey,
        dailyQuota,
        accessTokenLifetime,
        defaultLeaseSeconds,
        newMedia,
        seed,
        socksProxies,
        initialFaults);
  }

  public YoutubeDevnetSettings withHost(String newHost) {
    return new YoutubeDevnetSettings(
        newHost,
        port,
        clientId,
        clientSecret,
        apiKey,
        dailyQuota,
        accessTokenLifetime,
        defaultLeaseSeconds,
        media,
        seed,
        socksProxies,
        initialFaults);
  }

  public YoutubeDevnetSettings withSeed(DevnetSeed newSeed) {
    return new YoutubeDevnetSettings(
        host,
        port,
        clientId,
        clientSecret,
        apiKey,
        dailyQuota,
        accessTokenLifetime,
        defaultLeaseSeconds,
        media,
        newSeed,
        socksProxies,
        initialFaults);
  }

  public YoutubeDevnetSettings withSocksProxies(int count) {
    return new YoutubeDevnetSettings(
        host,
        port,
        clientId,
        clientSecret,
        apiKey,
        dailyQuota,
        accessTokenLifetime,
        defaultLeaseSeconds,
        media,
        seed,
        count,
        initialFaults);
  }

  public YoutubeDevnetSettings withInitialFaults(YoutubeFaults faults) {
    return new YoutubeDevnetSettings(
        host,
        port,
        clientId,
        clientSecret,
        apiKey,
        dailyQuota,
        accessTokenLifetime,
        defaultLeaseSeconds,
        media,
        seed,
        socksProxies,
        faults);
  }

  @Override
  public String toString() {
    return "YoutubeDevnetSettings[host="
        + host
        + ", port="
        + port
        + ", clientId="
        + clientId
        + ", dailyQuota="
        + dailyQuota
        + ", media="
        + media
        + ", faults="
        + initialFaults
        + "]";
  }
}
