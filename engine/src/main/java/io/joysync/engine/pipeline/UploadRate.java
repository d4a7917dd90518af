package io.joysync.engine.pipeline;

import java.time.Duration;
import java.time.Instant;

/**
 * The pipeline's measured throughput: {@code videos} uploads over the time {@code over} they took.
 * The uploads are those of the last hour, counted per minute; the time runs from the first minute
 * with an upload in that hour to now, so right after a start (or after an idle spell longer than
 * the hour) the rate is that of the minutes the pipeline has been working, not the handful of
 * uploads spread over a whole hour.
 */
public record UploadRate(long videos, Duration over) {

  /** How far back the uploads are counted. */
  public static final Duration WINDOW = Duration.ofHours(1);

  /** Nothing measured yet. */
  public static final UploadRate NONE = new UploadRate(0, WINDOW);

  public UploadRate {
    if (videos < 0 || over.isNegative() || over.isZero()) {
      throw new IllegalArgumentException("an upload rate needs videos >= 0 over a positive time");
    }
  }

  /**
   * The rate of {@code videos} uploads whose first minute (with an upload) began at {@code
   * firstMinute}, as seen at {@code now}: over at least a minute and at most {@link #WINDOW}.
   */
  public static UploadRate since(long videos, Instant firstMinute, Instant now) {
    if (videos == 0) {
      return NONE;
    }
    Duration over = Duration.between(firstMinute, now);
    if (over.compareTo(Duration.ofMinutes(1)) < 0) {
      over = Duration.ofMinutes(1);
    }
    return new UploadRate(videos, over.compareTo(WINDOW) > 0 ? WINDOW : over);
  }

  /** Videos a second; 0 when nothing was measured. */
  public double perSecond() {
    return videos / (over.toMillis() / 1000.0);
  }
}
