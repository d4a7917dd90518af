package io.joysync.engine.discovery;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * Discovery's settings, read once from {@code joysync.discovery} (cluster-config's {@code
 * discovery.conf}). Push itself is configured with the YouTube side ({@code
 * joysync.youtube.websub}, callback URL from {@code JOYSYNC_WEBSUB_CALLBACK_URL}): without a
 * callback URL, push is off and RSS carries discovery at its shorter {@code *-without-push}
 * intervals.
 */
public record DiscoverySettings(
    boolean enabled,
    int workers,
    int resolvers,
    Duration tick,
    Duration resolveInterval,
    int dueLimit,
    int catchUpBuckets,
    Duration bucketCloseGrace,
    Duration initialLookback,
    Feeds feeds,
    Duration subscribeRetry,
    Resolve resolve,
    Unsyncable unsyncable,
    boolean propagateYoutubeDeletions,
    Chain chain,
    Statistics statistics,
    Duration askTimeout) {

  /** Feed polling: concurrency, rate and cadence. */
  public record Feeds(
      int parallelism,
      double maxRequestsPerSecond,
      Duration activeInterval,
      Duration dormantInterval,
      Duration activeIntervalWithoutPush,
      Duration dormantIntervalWithoutPush,
      Duration activeWindow,
      double jitter,
      Duration failureBackoffMin,
      Duration failureBackoffMax) {}

  /** Resolving candidates with {@code videos.list}. */
  public record Resolve(
      int batchSize,
      Duration maxBatchWait,
      int readLimit,
      Duration quotaRetry,
      Duration errorRetry) {
    public Resolve {
      if (batchSize < 1 || batchSize > 50) {
        throw new IllegalArgumentException("resolve.batch-size must be 1..50");
      }
    }
  }

  /** How videos that could not be synced yet are looked at again. */
  public record Unsyncable(Duration recheckMin, Duration recheckMax, Duration giveUpAfter) {}

  /**
   * The slow refresh of each watched channel's statistics with {@code channels.list}: at its first
   * check {@code interval} after the last refresh, in batches of up to {@code batchSize} ids (one
   * quota unit each) gathered for at most {@code maxBatchWait}.
   */
  public record Statistics(Duration interval, int batchSize, Duration maxBatchWait) {
    public Statistics {
      if (batchSize < 1 || batchSize > 50) {
        throw new IllegalArgumentException("statistics.batch-size must be 1..50");
      }
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("statistics.interval must be positive");
      }
    }
  }

  /** The chain watch. */
  public record Chain(boolean enabled, Duration retry, long collaboratorMemberId) {}

  public DiscoverySettings {
    if (workers < 1 || resolvers < 1) {
      throw new IllegalArgumentException("workers and resolvers must be positive");
    }
    if (dueLimit < 1 || catchUpBuckets < 1) {
      throw new IllegalArgumentException("due-limit and catch-up-buckets must be positive");
    }
  }

  /**
   * Reads {@code joysync.discovery} (and the collaborator member from {@code joysync.joystream}).
   */
  public static DiscoverySettings from(Config config) {
    try {
      Config c = config.getConfig("joysync.discovery");
      Config f = c.getConfig("feeds");
      Config r = c.getConfig("resolve");
      Config u = c.getConfig("unsyncable");
      Config ch = c.getConfig("chain");
      Config st = c.getConfig("statistics");
      return new DiscoverySettings(
          c.getBoolean("enabled"),
          c.getInt("workers"),
          c.getInt("resolvers"),
          c.getDuration("tick"),
          c.getDuration("resolve-interval"),
          c.getInt("due-limit"),
          c.getInt("catch-up-buckets"),
          c.getDuration("bucket-close-grace"),
          c.getDuration("initial-lookback"),
          new Feeds(
              f.getInt("parallelism"),
              f.getDouble("max-requests-per-second"),
              f.getDuration("active-interval"),
              f.getDuration("dormant-interval"),
              f.getDuration("active-interval-without-push"),
              f.getDuration("dormant-interval-without-push"),
              f.getDuration("active-window"),
              f.getDouble("jitter"),
              f.getDuration("failure-backoff-min"),
              f.getDuration("failure-backoff-max")),
          c.getDuration("websub.subscribe-retry"),
          new Resolve(
              r.getInt("batch-size"),
              r.getDuration("max-batch-wait"),
              r.getInt("read-limit"),
              r.getDuration("quota-retry"),
              r.getDuration("error-retry")),
          new Unsyncable(
              u.getDuration("recheck-min"),
              u.getDuration("recheck-max"),
              u.getDuration("give-up-after")),
          c.getBoolean("propagate-youtube-deletions"),
          new Chain(
              ch.getBoolean("enabled"),
              ch.getDuration("retry"),
              config.getLong("joysync.joystream.collaborator-member-id")),
          new Statistics(
              st.getDuration("interval"),
              st.getInt("batch-size"),
              st.getDuration("max-batch-wait")),
          c.getDuration("ask-timeout"));
    } catch (ConfigException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid joysync.discovery settings: " + e.getMessage(), e);
    }
  }
}
