package io.joysync.joystream.content;

import io.joysync.joystream.content.proto.AppActionMetadata;
import io.joysync.joystream.content.proto.ContentMetadata;
import io.joysync.joystream.content.proto.License;
import io.joysync.joystream.content.proto.MediaType;
import io.joysync.joystream.content.proto.PublishedBeforeJoystream;
import io.joysync.joystream.content.proto.VideoMetadata;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What joysync knows about a YouTube video when it registers it on Joystream, and its mapping to
 * the protobuf {@link VideoMetadata} exactly as youtube-synch fills it: title, description,
 * category and language as given; {@code isPublic} true; YouTube's duration (unset when YouTube
 * gave none); width and height from the probe; media type from the codec, the file extension and
 * its MIME type; CC0 or standard license; published-before-Joystream with the publish time in
 * JavaScript's ISO form; the media and thumbnail asset indices. Null fields stay unset.
 *
 * @param ytVideoId YouTube video id, carried in {@link AppActionMetadata}
 * @param durationSeconds YouTube duration in seconds, or null
 * @param container file extension of the media file (e.g. {@code mp4})
 * @param language ISO 639-1 code of the channel's Joystream language, or null
 * @param category Joystream video category id, or null
 * @param isShort whether YouTube lists the video as a short, or null when unknown
 * @param videoAssetIndex index of the media asset in the call's asset list (0 for youtube-synch)
 * @param thumbnailAssetIndex index of the thumbnail asset, or null when there is none
 */
public record VideoFacts(
    String ytVideoId,
    String title,
    String description,
    Integer durationSeconds,
    Integer pixelWidth,
    Integer pixelHeight,
    String codecName,
    String container,
    String language,
    String category,
    YoutubeLicense license,
    Instant publishedAt,
    Boolean isShort,
    Integer videoAssetIndex,
    Integer thumbnailAssetIndex) {

  /** JavaScript's {@code Date.toISOString()}: UTC with exactly three fraction digits. */
  private static final DateTimeFormatter JS_ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public VideoFacts {
    nonNegative("durationSeconds", durationSeconds);
    nonNegative("pixelWidth", pixelWidth);
    nonNegative("pixelHeight", pixelHeight);
    nonNegative("videoAssetIndex", videoAssetIndex);
    nonNegative("thumbnailAssetIndex", thumbnailAssetIndex);
    if (language != null && !language.matches("[a-z]{2}")) {
      throw new InvalidMetadataException(
          "language '" + language + "' is not a two-letter ISO 639-1 code");
    }
    if (ytVideoId != null && ytVideoId.isBlank()) {
      throw new InvalidMetadataException("YouTube video id is blank");
    }
  }

  /** The video metadata protobuf. */
  public VideoMetadata toVideoMetadata() {
    VideoMetadata.Builder b = VideoMetadata.newBuilder().setIsPublic(true);
    if (title != null) {
      b.setTitle(title);
    }
    if (description != null) {
      b.setDescription(description);
    }
    if (videoAssetIndex != null) {
      b.setVideo(videoAssetIndex);
    }
    if (thumbnailAssetIndex != null) {
      b.setThumbnailPhoto(thumbnailAssetIndex);
    }
    if (durationSeconds != null) {
      b.setDuration(durationSeconds);
    }
    if (pixelHeight != null) {
      b.setMediaPixelHeight(pixelHeight);
    }
    if (pixelWidth != null) {
      b.setMediaPixelWidth(pixelWidth);
    }
    if (codecName != null || container != null) {
      MediaType.Builder media = MediaType.newBuilder();
      if (codecName != null) {
        media.setCodecName(codecName);
      }
      if (container != null) {
        media.setContainer(container);
      }
      b.setMediaType(media.setMimeMediaType(MediaTypes.mimeOfExtension(container)));
    }
    if (language != null) {
      b.setLanguage(language);
    }
    YoutubeLicense effective = license == null ? YoutubeLicense.STANDARD : license;
    b.setLicense(License.newBuilder().setCode(effective.joystreamCode()));
    if (publishedAt != null) {
      b.setPublishedBeforeJoystream(
          PublishedBeforeJoystream.newBuilder()
              .setIsPublished(true)
              .setDate(JS_ISO.format(publishedAt)));
    }
    if (category != null) {
      b.setCategory(category);
    }
    if (isShort != null) {
      b.setIsShort(isShort);
    }
    return b.build();
  }

  /**
   * The {@code new_meta} of a metadata-only {@code content.update_video} after a YouTube edit:
   * {@code ContentMetadata{video_metadata}} with the title and description set as {@link
   * #toVideoMetadata()} sets them and nothing else (Orion changes only the fields an update sets;
   * an asset index without new assets would point at nothing). An empty description is set, so a
   * description cleared on YouTube is cleared on Joystream.
   */
  public ContentMetadata toTextUpdate() {
    VideoMetadata full = toVideoMetadata();
    VideoMetadata.Builder b = VideoMetadata.newBuilder();
    if (full.hasTitle()) {
      b.setTitle(full.getTitle());
    }
    b.setDescription(full.hasDescription() ? full.getDescription() : "");
    return ContentMetadata.newBuilder().setVideoMetadata(b).build();
  }

  /** {@code ContentMetadata{video_metadata}}: the app action's raw action. */
  public ContentMetadata toContentMetadata() {
    return ContentMetadata.newBuilder().setVideoMetadata(toVideoMetadata()).build();
  }

  /** {@code AppActionMetadata{video_id}}: how Orion learns the YouTube id. */
  public AppActionMetadata toAppActionMetadata() {
    AppActionMetadata.Builder b = AppActionMetadata.newBuilder();
    if (ytVideoId != null) {
      b.setVideoId(ytVideoId);
    }
    return b.build();
  }

  private static void nonNegative(String name, Integer value) {
    if (value != null && value < 0) {
      throw new InvalidMetadataException(name + " is negative (" + value + ")");
    }
  }
}
