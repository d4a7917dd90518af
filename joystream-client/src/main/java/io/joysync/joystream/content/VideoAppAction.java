package io.joysync.joystream.content;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.joysync.joystream.content.proto.AppAction;
import io.joysync.joystream.content.proto.AppActionMetadata;
import io.joysync.joystream.content.proto.ContentMetadata;
import java.util.Optional;

/**
 * The {@code meta} bytes of a {@code content.create_video} call that attribute the video to an app,
 * built as youtube-synch builds them and read back as Orion reads them. Building: the video
 * metadata becomes the raw action, the YouTube id the action metadata, both are committed to with
 * the nonce, channel and assets and signed with the app key, and everything is wrapped in {@link
 * AppAction} with the Orion app id.
 *
 * @param appAction the envelope to place in the call
 * @param commitment what was signed, for logs and for checking
 */
public record VideoAppAction(AppAction appAction, AppActionCommitment commitment) {

  /**
   * Builds and signs the envelope.
   *
   * @param appId the Orion App id (looked up by app name)
   * @param nonce the channel's {@code totalVideosCreated} plus the position in the batch
   * @param channelId the Joystream channel the video is created in
   * @param assets SCALE bytes of the call's {@code Option<StorageAssetsRecord>}
   */
  public static VideoAppAction create(
      String appId,
      long nonce,
      long channelId,
      byte[] assets,
      ContentMetadata rawAction,
      AppActionMetadata metadata,
      AppActionSigner signer) {
    if (appId == null || appId.isEmpty()) {
      throw new IllegalArgumentException("app id is required for an app action");
    }
    byte[] raw = rawAction.toByteArray();
    byte[] meta = metadata.toByteArray();
    AppActionCommitment commitment =
        AppActionCommitment.createVideo(nonce, channelId, assets, raw, meta);
    byte[] signature = commitment.sign(signer);
    AppAction action =
        AppAction.newBuilder()
            .setAppId(appId)
            .setMetadata(ByteString.copyFrom(meta))
            .setRawAction(ByteString.copyFrom(raw))
            .setSignature(ByteString.copyFrom(signature))
            .build();
    return new VideoAppAction(action, commitment);
  }

  /** Shortcut from joysync's video facts. */
  public static VideoAppAction create(
      String appId,
      long nonce,
      long channelId,
      byte[] assets,
      VideoFacts facts,
      AppActionSigner signer) {
    return create(
        appId,
        nonce,
        channelId,
        assets,
        facts.toContentMetadata(),
        facts.toAppActionMetadata(),
        signer);
  }

  /** The bytes for the call's {@code meta} field. */
  public byte[] metaBytes() {
    return appAction.toByteArray();
  }

  /**
   * Reads a video's {@code meta} as Orion does: first as an {@link AppAction} (which needs its app
   * id), else as plain {@link ContentMetadata}. Empty when it is neither.
   */
  public static Optional<DecodedVideoMeta> decode(byte[] meta) {
    try {
      AppAction action = AppAction.parseFrom(meta);
      ContentMetadata content = ContentMetadata.parseFrom(action.getRawAction());
      AppActionMetadata metadata = AppActionMetadata.parseFrom(action.getMetadata());
      return Optional.of(new DecodedVideoMeta(content, Optional.of(action), metadata.getVideoId()));
    } catch (InvalidProtocolBufferException notAnAppAction) {
      try {
        return Optional.of(
            new DecodedVideoMeta(ContentMetadata.parseFrom(meta), Optional.empty(), ""));
      } catch (InvalidProtocolBufferException notContent) {
        return Optional.empty();
      }
    }
  }

  /**
   * A decoded {@code meta}: the content, the app envelope when there was one, and the YouTube id it
   * claims (empty when none; the claim only counts once the signature verifies).
   */
  public record DecodedVideoMeta(
      ContentMetadata content, Optional<AppAction> appAction, String claimedYtVideoId) {}
}
