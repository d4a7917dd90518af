package io.joysync.engine.publish;

import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.joystream.content.ContentId;
import io.joysync.joystream.content.InvalidContentIdException;
import java.util.Optional;

/**
 * The checks a request passes before any chain work: a clear refusal for bad input instead of a
 * failed extrinsic. The chain's own limits apply: an asset is 1 byte to 60 GiB ({@code
 * MaxDataObjectSize}), content ids are 46-character BLAKE3 multihashes, and the metadata refers to
 * the media as asset 0 and the thumbnail as asset 1.
 */
final class RequestCheck {
  /** Storage.MaxDataObjectSize of the runtime. */
  static final long MAX_ASSET_BYTES = 64_424_509_440L;

  private static final int MAX_YT_ID_LENGTH = 64;

  private RequestCheck() {}

  static Optional<Refused> refusal(VideoToCreate video, int maxMetadataBytes) {
    String id = video.ytVideoId() == null ? "" : video.ytVideoId();
    if (id.isBlank() || id.length() > MAX_YT_ID_LENGTH) {
      return refuse(id, Refused.INVALID_METADATA, "the YouTube video id is blank or too long");
    }
    if (video.joystreamChannelId() <= 0) {
      return refuse(id, Refused.CHANNEL_NOT_FOUND, "Joystream channel ids start at 1");
    }
    if (video.metadata() == null || video.media() == null || video.thumbnail() == null) {
      return refuse(id, Refused.INVALID_METADATA, "the metadata, media and thumbnail are required");
    }
    Optional<Refused> assets =
        asset(id, "media", video.media()).or(() -> asset(id, "thumbnail", video.thumbnail()));
    if (assets.isPresent()) {
      return assets;
    }
    return metadata(id, video, maxMetadataBytes);
  }

  static Optional<Refused> refusal(VideoUpdate update, int maxMetadataBytes) {
    String id = update.ytVideoId() == null ? "" : update.ytVideoId();
    if (id.isBlank() || id.length() > MAX_YT_ID_LENGTH) {
      return refuse(id, Refused.INVALID_METADATA, "the YouTube video id is blank or too long");
    }
    if (update.joystreamChannelId() <= 0) {
      return refuse(id, Refused.CHANNEL_NOT_FOUND, "Joystream channel ids start at 1");
    }
    if (update.joystreamVideoId() <= 0 || update.revision() <= 0) {
      return refuse(
          id, Refused.INVALID_METADATA, "an update names a Joystream video and an edit from 1");
    }
    if (update.title() == null || update.description() == null) {
      return refuse(id, Refused.INVALID_METADATA, "an update carries a title and a description");
    }
    int size = update.newMeta().length;
    if (size > maxMetadataBytes) {
      return refuse(
          id,
          Refused.INVALID_METADATA,
          "the metadata is " + size + " bytes, more than the " + maxMetadataBytes + " accepted");
    }
    return Optional.empty();
  }

  private static Optional<Refused> asset(String id, String which, AssetFacts asset) {
    if (asset.sizeBytes() <= 0 || asset.sizeBytes() > MAX_ASSET_BYTES) {
      return refuse(
          id,
          Refused.ASSET_SIZE,
          "the "
              + which
              + " is "
              + asset.sizeBytes()
              + " bytes; the chain takes 1 to "
              + MAX_ASSET_BYTES
              + " bytes");
    }
    try {
      ContentId.parse(asset.contentId());
      return Optional.empty();
    } catch (InvalidContentIdException | NullPointerException e) {
      return refuse(
          id, Refused.INVALID_CONTENT_ID, "the " + which + "'s content id is not a BLAKE3 id");
    }
  }

  private static Optional<Refused> metadata(String id, VideoToCreate video, int maxBytes) {
    var facts = video.metadata();
    if (facts.ytVideoId() != null && !facts.ytVideoId().equals(id)) {
      return refuse(id, Refused.INVALID_METADATA, "the metadata names another YouTube video");
    }
    if (!Integer.valueOf(0).equals(facts.videoAssetIndex())
        || !Integer.valueOf(1).equals(facts.thumbnailAssetIndex())) {
      return refuse(
          id,
          Refused.INVALID_METADATA,
          "the metadata must name the media as asset 0 and the thumbnail as asset 1");
    }
    int size;
    try {
      size = facts.toContentMetadata().getSerializedSize();
    } catch (IllegalArgumentException e) {
      return refuse(id, Refused.INVALID_METADATA, "invalid metadata: " + e.getMessage());
    }
    if (size > maxBytes) {
      return refuse(
          id,
          Refused.INVALID_METADATA,
          "the metadata is " + size + " bytes, more than the " + maxBytes + " accepted");
    }
    return Optional.empty();
  }

  private static Optional<Refused> refuse(String id, String code, String reason) {
    return Optional.of(new Refused(id, code, reason, false));
  }
}
