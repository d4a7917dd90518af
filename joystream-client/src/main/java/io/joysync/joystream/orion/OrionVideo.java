package io.joysync.joystream.orion;

import java.util.Optional;

/**
 * A video as Orion indexes it: the YouTube id and app it is attributed to (only when its app-action
 * signature verified) and the acceptance state of its media and thumbnail data objects.
 */
public record OrionVideo(
    long id,
    Optional<String> ytVideoId,
    Optional<EntryApp> entryApp,
    Optional<Asset> media,
    Optional<Asset> thumbnailPhoto) {

  /** The app a video was created through. */
  public record EntryApp(String id, String name) {}

  /** A data object of the video and whether a storage operator accepted it. */
  public record Asset(long dataObjectId, boolean accepted) {}

  /** True when every asset the video has is accepted by storage. */
  public boolean assetsAccepted() {
    return media.map(Asset::accepted).orElse(true)
        && thumbnailPhoto.map(Asset::accepted).orElse(true);
  }
}
