package io.joysync.devnet.orion;

import com.google.protobuf.InvalidProtocolBufferException;
import io.joysync.devnet.chain.Genesis;
import io.joysync.devnet.chain.RuntimeCall;
import io.joysync.joystream.content.proto.AppAction;
import io.joysync.joystream.content.proto.AppActionMetadata;
import io.joysync.joystream.content.proto.ContentMetadata;
import io.joysync.joystream.content.proto.VideoMetadata;
import io.joysync.joystream.scale.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Orion's handling of app-attributed video metadata: decode {@code meta} as an AppAction (app_id is
 * required), rebuild the commitment {@code [nonce,"<channelId>",0,0,"<assets>","<raw action>",
 * "<metadata>"]} from the chain's own data and the channel's totalVideosCreated, and check the
 * ed25519 signature with the app's auth key.
 */
final class AppActions {
  private AppActions() {}

  static Optional<AppAction> parse(byte[] meta) {
    try {
      AppAction a = AppAction.parseFrom(meta);
      return a.hasAppId() ? Optional.of(a) : Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  static String commitment(
      long nonce, long channelId, Optional<RuntimeCall.StorageAssets> assets, AppAction a) {
    String assetsHex = assets.map(x -> "0x01" + Hex.encodeBare(x.bytes())).orElse("0x00");
    String raw = a.hasRawAction() ? Hex.encode(a.getRawAction().toByteArray()) : "0x";
    String metadata = a.hasMetadata() ? Hex.encode(a.getMetadata().toByteArray()) : "0x";
    return "["
        + nonce
        + ",\""
        + channelId
        + "\",0,0,\""
        + assetsHex
        + "\",\""
        + raw
        + "\",\""
        + metadata
        + "\"]";
  }

  static boolean verify(
      Genesis.App app,
      AppAction a,
      long nonce,
      long channelId,
      Optional<RuntimeCall.StorageAssets> assets) {
    if (!a.hasSignature() || a.getSignature().size() != 64) {
      return false;
    }
    byte[] message = commitment(nonce, channelId, assets, a).getBytes(StandardCharsets.UTF_8);
    Ed25519Signer v = new Ed25519Signer();
    v.init(false, new Ed25519PublicKeyParameters(app.authKey(), 0));
    v.update(message, 0, message.length);
    return v.verifySignature(a.getSignature().toByteArray());
  }

  static Optional<String> videoId(AppAction a) {
    if (!a.hasMetadata()) {
      return Optional.empty();
    }
    try {
      AppActionMetadata m = AppActionMetadata.parseFrom(a.getMetadata());
      return m.hasVideoId() ? Optional.of(m.getVideoId()) : Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  static VideoMetadata videoMetadata(byte[] content) {
    try {
      ContentMetadata c = ContentMetadata.parseFrom(content);
      return c.hasVideoMetadata() ? c.getVideoMetadata() : null;
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }
}
