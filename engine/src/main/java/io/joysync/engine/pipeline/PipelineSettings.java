package io.joysync.engine.pipeline;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The pipeline's settings ({@code joysync.pipeline}, and the master switch {@code
 * joysync.sync.enable}), read once.
 */
public record PipelineSettings(
    int workers,
    Duration pollInterval,
    int maxVideosInFlight,
    int readLimit,
    int downloadParallelism,
    int uploadParallelism,
    long diskBudgetBytes,
    long expectedBytesPerSecond,
    long minExpectedBytes,
    Duration retryMin,
    Duration retryMax,
    int updateMaxAttempts,
    int uploadRounds,
    Duration uploadRoundPause,
    Duration askTimeout,
    Duration drainTimeout,
    Duration filesSweepInterval,
    Duration stallAfter,
    boolean syncEnabled) {

  public PipelineSettings {
    if (workers < 1 || workers > WorkIndex.SLOTS) {
      throw new IllegalArgumentException(
          "joysync.pipeline.workers must be 1.." + WorkIndex.SLOTS + ", was " + workers);
    }
    if (maxVideosInFlight < 1 || downloadParallelism < 1 || uploadParallelism < 1) {
      throw new IllegalArgumentException(
          "joysync.pipeline: videos in flight, download and upload parallelism must be positive");
    }
    if (diskBudgetBytes < 1) {
      throw new IllegalArgumentException("joysync.pipeline.disk-budget must be positive");
    }
    if (retryMax.compareTo(retryMin) < 0 || retryMin.isNegative()) {
      throw new IllegalArgumentException("joysync.pipeline: 0 <= retry-min <= retry-max");
    }
    if (filesSweepInterval.isNegative() || filesSweepInterval.isZero()) {
      throw new IllegalArgumentException(
          "joysync.pipeline.files-sweep-interval must be positive, was " + filesSweepInterval);
    }
    if (stallAfter.isNegative() || stallAfter.isZero()) {
      throw new IllegalArgumentException(
          "joysync.pipeline.stall-after must be positive, was " + stallAfter);
    }
    if (updateMaxAttempts < 1) {
      throw new IllegalArgumentException(
          "joysync.pipeline.update-max-attempts must be positive, was " + updateMaxAttempts);
    }
  }

  /** The coordinated-shutdown phase in which a leaving node drains its pipeline. */
  static final String DRAIN_PHASE = "before-cluster-shutdown";

  public static PipelineSettings from(Config root) {
    Config c = root.getConfig("joysync.pipeline");
    Duration drain = c.getDuration("drain-timeout");
    String phaseTimeout = "pekko.coordinated-shutdown.phases." + DRAIN_PHASE + ".timeout";
    if (drain.isNegative() || drain.compareTo(root.getDuration(phaseTimeout)) >= 0) {
      throw new IllegalArgumentException(
          "joysync.pipeline.drain-timeout ("
              + drain.toSeconds()
              + " s) must be shorter than "
              + phaseTimeout
              + " ("
              + root.getDuration(phaseTimeout).toSeconds()
              + " s), or the shutdown would cut the drain short");
    }
    return new PipelineSettings(
        c.getInt("workers"),
        c.getDuration("poll-interval"),
        c.getInt("max-videos-in-flight"),
        c.getInt("read-limit"),
        c.getInt("download-parallelism"),
        c.getInt("upload-parallelism"),
        c.getBytes("disk-budget"),
        c.getLong("expected-bytes-per-second"),
        c.getBytes("min-expected-bytes"),
        c.getDuration("retry-min"),
        c.getDuration("retry-max"),
        c.getInt("update-max-attempts"),
        c.getInt("upload-rounds"),
        c.getDuration("upload-round-pause"),
        c.getDuration("ask-timeout"),
        drain,
        c.getDuration("files-sweep-interval"),
        c.getDuration("stall-after"),
        root.getBoolean("joysync.sync.enable"));
  }

  /** The space to reserve before downloading a video of this duration. */
  long expectedBytes(long durationSeconds) {
    return Math.max(minExpectedBytes, Math.max(0, durationSeconds) * expectedBytesPerSecond);
  }
}
