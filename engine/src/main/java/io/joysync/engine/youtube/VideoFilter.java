package io.joysync.engine.youtube;

import java.util.Optional;

/**
 * Decides whether a YouTube video may be synced: it must be processed, public, neither live nor
 * upcoming, and not age-restricted. Each refusal comes with the reason that is logged and stored.
 */
public final class VideoFilter {

  private VideoFilter() {}

  /** Empty when the video may be synced, otherwise why not. */
  public static Optional<String> rejection(YoutubeVideo video) {
    if (!"processed".equals(video.uploadStatus())) {
      return Optional.of("upload status is " + video.uploadStatus() + ", not processed");
    }
    if (!"public".equals(video.privacyStatus())) {
      return Optional.of("privacy status is " + video.privacyStatus() + ", not public");
    }
    if (!"none".equals(video.liveBroadcastContent())) {
      return Optional.of("live broadcast content is " + video.liveBroadcastContent());
    }
    if (video.ageRestricted()) {
      return Optional.of("the video is age-restricted");
    }
    return Optional.empty();
  }

  public static boolean syncable(YoutubeVideo video) {
    return rejection(video).isEmpty();
  }
}
