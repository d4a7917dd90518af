package io.joysync.engine.youtube;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a YouTube video may be synced: it must be processed, public, neither live nor
 * upcoming, not age-restricted, and not longer than the configured cap. Each refusal comes with its
 * kind and the reason that is logged and stored. What may not stop a sync by itself but an operator
 * should know of (a region restriction, facts YouTube left out) is told by {@link #remarks}.
 */
public final class VideoFilter {

  /** Why a video may not be synced. */
  public enum Kind {
    UNPROCESSED,
    NOT_PUBLIC,
    LIVE,
    AGE_RESTRICTED,
    TOO_LONG
  }

  /** Something worth reporting of a syncable video. */
  public enum Remark {
    REGION_RESTRICTED,
    MISSING_DATA
  }

  /** A refusal: its kind and the sentence that is logged and stored. */
  public record Rejection(Kind kind, String reason) {}

  private VideoFilter() {}

  /** Empty when the video may be synced as YouTube describes it, otherwise why not. */
  public static Optional<Rejection> check(YoutubeVideo video) {
    if (!"processed".equals(video.uploadStatus())) {
      return Optional.of(
          new Rejection(
              Kind.UNPROCESSED, "upload status is " + video.uploadStatus() + ", not processed"));
    }
    if (!"public".equals(video.privacyStatus())) {
      return Optional.of(
          new Rejection(
              Kind.NOT_PUBLIC, "privacy status is " + video.privacyStatus() + ", not public"));
    }
    if (!"none".equals(video.liveBroadcastContent())) {
      return Optional.of(
          new Rejection(Kind.LIVE, "live broadcast content is " + video.liveBroadcastContent()));
    }
    if (video.ageRestricted()) {
      return Optional.of(new Rejection(Kind.AGE_RESTRICTED, "the video is age-restricted"));
    }
    return Optional.empty();
  }

  /**
   * As {@link #check(YoutubeVideo)}, and a video longer than {@code maxDuration} is refused too.
   */
  public static Optional<Rejection> check(YoutubeVideo video, Duration maxDuration) {
    return check(video).or(() -> tooLong(video.durationSeconds(), maxDuration));
  }

  /** Empty when the video may be synced, otherwise why not. */
  public static Optional<String> rejection(YoutubeVideo video) {
    return check(video).map(Rejection::reason);
  }

  public static boolean syncable(YoutubeVideo video) {
    return check(video).isEmpty();
  }

  /** A video of {@code durationSeconds} longer than the cap: skipped before any download. */
  public static Optional<Rejection> tooLong(long durationSeconds, Duration maxDuration) {
    if (durationSeconds <= maxDuration.toSeconds()) {
      return Optional.empty();
    }
    return Optional.of(
        new Rejection(
            Kind.TOO_LONG,
            "the video lasts "
                + durationSeconds
                + " s, more than the "
                + maxDuration.toSeconds()
                + " s cap"));
  }

  /** What an operator should know of a video that the filter lets through, if anything. */
  public static Optional<Remark> remark(YoutubeVideo video) {
    if (video.title() == null || video.title().isBlank() || video.durationSeconds() <= 0) {
      return Optional.of(Remark.MISSING_DATA);
    }
    if (video.regionRestricted()) {
      return Optional.of(Remark.REGION_RESTRICTED);
    }
    return Optional.empty();
  }
}
