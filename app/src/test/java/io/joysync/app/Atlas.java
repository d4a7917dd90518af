package io.joysync.app;

import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.keys.MessageSignature;
import io.joysync.joystream.scale.Hex;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The requests Atlas sends a node for a creator, and what Google and a wallet give it to send. */
final class Atlas {

  static final String REDIRECT = "http://127.0.0.1/atlas/callback";

  private Atlas() {}

  /** The one-time code Google's consent screen (the devnet's) hands Atlas for a seeded account. */
  static String code(YoutubeDevnet.Running youtube, String account) {
    return code(youtube, account, true, "");
  }

  /**
   * The code for a consent given {@code offline} or not, granting only {@code scope} (empty: every
   * scope asked for).
   */
  static String code(YoutubeDevnet.Running youtube, String account, boolean offline, String scope) {
    String query =
        "?account="
            + URLEncoder.encode(account, StandardCharsets.UTF_8)
            + "&redirect_uri="
            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
            + "&access_type="
            + (offline ? "offline" : "online")
            + (scope.isEmpty() ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    return new ApiClient(youtube.baseUrl())
        .send("POST", "/admin/oauth/codes" + query, "", null)
        .json()
        .get("code")
        .asText();
  }

  /** {@code POST /users} with the code. */
  static ApiClient.Reply postUser(ApiClient api, String code) {
    return api.send(
        "POST",
        "/users",
        "{\"authorizationCode\":\"" + code + "\",\"youtubeRedirectUri\":\"" + REDIRECT + "\"}",
        null);
  }

  /** {@code POST /channels} with the code, syncing on, category cat-1. */
  static ApiClient.Reply postChannel(
      ApiClient api, String code, String userId, long joystreamChannelId) {
    return api.send("POST", "/channels", channelBody(code, userId, joystreamChannelId), null);
  }

  static String channelBody(String code, String userId, long joystreamChannelId) {
    return "{\"authorizationCode\":\""
        + code
        + "\",\"userId\":\""
        + userId
        + "\",\"email\":\"creator@example.com\",\"joystreamChannelId\":"
        + joystreamChannelId
        + ",\"shouldBeIngested\":true,\"videoCategoryId\":\"cat-1\"}";
  }

  /**
   * What a browser wallet sends for the channel owner (//Alice, sr25519): a signature over {@code
   * <Bytes>JSON.stringify(message)</Bytes>} and the message.
   */
  static String ownerSigned(String messageJson) {
    KeyPair owner = KeyPair.fromUri(KeyType.SR25519, "//Alice");
    byte[] signature =
        owner.sign(MessageSignature.wrap(messageJson.getBytes(StandardCharsets.UTF_8)));
    return "{\"signature\":\"" + Hex.encode(signature) + "\",\"message\":" + messageJson + "}";
  }
}
