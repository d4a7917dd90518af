package io.joysync.joystream.content;

import io.joysync.joystream.content.proto.AppAction;
import io.joysync.joystream.scale.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The message an app signs so that Orion credits a video (or channel) to it. It is the text of a
 * JSON array, written as JavaScript's {@code JSON.stringify} writes it (no spaces, numbers bare,
 * hex lower case with {@code 0x}): {@code [nonce,"<creatorId>",actionType,creatorType,
 * "<assetsHex>","<rawActionHex>","<metadataHex>"]}; the signature covers its UTF-8 bytes, neither
 * hashed nor wrapped. {@code assets} must be the SCALE bytes of the very {@code
 * Option<StorageAssetsRecord>} placed in the call ({@code 0x00} when None), and {@code nonce} the
 * channel's {@code totalVideosCreated} in Orion plus the item's position among that channel's
 * videos in the batch; with any other value Orion drops the attribution.
 */
public record AppActionCommitment(
    long nonce,
    long creatorId,
    AppAction.ActionType actionType,
    AppAction.CreatorType creatorType,
    byte[] assets,
    byte[] rawAction,
    byte[] metadata) {

  /** Largest integer JavaScript represents exactly; Orion computes the nonce as a JS number. */
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  public AppActionCommitment {
    if (nonce < 0 || nonce > MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("app action nonce " + nonce + " is outside 0..2^53-1");
    }
    if (creatorId < 0) {
      throw new IllegalArgumentException("creator id " + creatorId + " is negative");
    }
    if (actionType == null || creatorType == null) {
      throw new IllegalArgumentException("action type and creator type are required");
    }
    assets = copy(assets);
    rawAction = copy(rawAction);
    metadata = copy(metadata);
  }

  /** The commitment for {@code content.create_video} in a channel. */
  public static AppActionCommitment createVideo(
      long nonce, long channelId, byte[] assets, byte[] rawAction, byte[] metadata) {
    return new AppActionCommitment(
        nonce,
        channelId,
        AppAction.ActionType.CREATE_VIDEO,
        AppAction.CreatorType.CHANNEL,
        assets,
        rawAction,
        metadata);
  }

  /** The commitment text. */
  public String json() {
    return "["
        + nonce
        + ",\""
        + creatorId
        + "\","
        + actionType.getNumber()
        + ","
        + creatorType.getNumber()
        + ",\""
        + Hex.encode(assets)
        + "\",\""
        + Hex.encode(rawAction)
        + "\",\""
        + Hex.encode(metadata)
        + "\"]";
  }

  /** The bytes that are signed: the UTF-8 of {@link #json()}. */
  public byte[] signedBytes() {
    return json().getBytes(StandardCharsets.UTF_8);
  }

  /** Signs the commitment; the signer must return a 64-byte Ed25519 signature. */
  public byte[] sign(AppActionSigner signer) {
    byte[] signature = signer.sign(signedBytes());
    if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new IllegalStateException(
          "app action signer returned "
              + (signature == null ? "null" : signature.length + " bytes")
              + ", expected a 64-byte Ed25519 signature");
    }
    return signature;
  }

  /** Checks a signature as Orion does: Ed25519 over {@link #signedBytes()} with the auth key. */
  public boolean verify(byte[] authKey, byte[] signature) {
    if (authKey == null
        || signature == null
        || authKey.length != Ed25519.PUBLIC_KEY_SIZE
        || signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    byte[] message = signedBytes();
    return Ed25519.verify(signature, 0, authKey, 0, message, 0, message.length);
  }

  @Override
  public byte[] assets() {
    return assets.clone();
  }

  @Override
  public byte[] rawAction() {
    return rawAction.clone();
  }

  @Override
  public byte[] metadata() {
    return metadata.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppActionCommitment c && json().equals(c.json());
  }

  @Override
  public int hashCode() {
    return json().hashCode();
  }

  @Override
  public String toString() {
    return "AppActionCommitment" + json();
  }

  private static byte[] copy(byte[] bytes) {
    return bytes == null ? new byte[0] : Arrays.copyOf(bytes, bytes.length);
  }
}
