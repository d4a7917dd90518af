package io.joysync.engine.pipeline;

import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.youtube.VideoFilter;
import io.joysync.engine.youtube.YoutubeVideo;
import java.time.Duration;
import java.util.Optional;

/**
 * What the queue clean-up makes of a waiting video, from what YouTube says of it now: the
 * pipeline's own {@link VideoFilter} decides, so a video is settled for exactly the reasons the
 * pipeline would refuse it; a video YouTube no longer returns is gone. Each category that settles a
 * video names the final state it gets ({@code VideoUnavailable::<reason>}); the others are only
 * reported.
 */
public record CleanupVerdict(Category category, String reason) {

  /** youtube-synch's {@code queueCleanup} categories. */
  public enum Category {
    MISSING(UnavailableReason.UNAVAILABLE),
    UNPROCESSED(UnavailableReason.UNAVAILABLE),
    NOT_PUBLIC(UnavailableReason.PRIVATE),
    LIVE(UnavailableReason.LIVE_OFFLINE),
    AGE_RESTRICTED(UnavailableReason.AGE_RESTRICTED),
    TOO_LONG(UnavailableReason.SKIPPED),
    REGION_RESTRICTED(null),
    MISSING_DATA(null);

    private final UnavailableReason settlesAs;

    Category(UnavailableReason settlesAs) {
      this.settlesAs = settlesAs;
    }

    /** The final state a video of this category gets, or empty when it is only reported. */
    public Optional<VideoState> finalState() {
      return Optional.ofNullable(settlesAs).map(VideoState::unavailable);
    }

    public boolean settles() {
      return settlesAs != null;
    }

    static Category of(VideoFilter.Kind kind) {
      return switch (kind) {
        case UNPROCESSED -> UNPROCESSED;
        case NOT_PUBLIC -> NOT_PUBLIC;
        case LIVE -> LIVE;
        case AGE_RESTRICTED -> AGE_RESTRICTED;
        case TOO_LONG -> TOO_LONG;
      };
    }

    static Category of(VideoFilter.Remark remark) {
      return switch (remark) {
        case REGION_RESTRICTED -> REGION_RESTRICTED;
        case MISSING_DATA -> MISSING_DATA;
      };
    }
  }

  /**
   * The verdict on a waiting video given what {@code videos.list} answered for it (empty when it
   * did not return it); empty when the video may still be synced and there is nothing to say.
   */
  public static Optional<CleanupVerdict> of(Optional<YoutubeVideo> youtube, Duration maxDuration) {
    if (youtube.isEmpty()) {
      return Optional.of(
          new CleanupVerdict(
              Category.MISSING,
              "YouTube no longer returns the video (deleted, made private or taken down)"));
    }
    YoutubeVideo v = youtube.get();
    Optional<VideoFilter.Rejection> rejection = VideoFilter.check(v, maxDuration);
    if (rejection.isPresent()) {
      return rejection.map(r -> new CleanupVerdict(Category.of(r.kind()), r.reason()));
    }
    return VideoFilter.remark(v)
        .map(
            remark ->
                new CleanupVerdict(
                    Category.of(remark),
                    remark == VideoFilter.Remark.REGION_RESTRICTED
                        ? "YouTube restricts the video to some regions (reported only)"
                        : "YouTube left out its title or duration (reported only)"));
  }
}
