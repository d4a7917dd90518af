package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Both devnets in the test's JVM (YouTube, and Joystream's chain, Orion and Colossus), the settings
 * that point a node at them as the demo does, and Atlas's sign-up in one call. They outlive any
 * node a test starts, kills and starts again.
 */
final class Devnets implements AutoCloseable {

  static final String REDIRECT = "http://127.0.0.1/atlas/callback";

  final YoutubeDevnet.Running youtube;
  final RunningDevnet joystream;
  private final String tokenKey;

  private Devnets(YoutubeDevnet.Running youtube, RunningDevnet joystream) {
    this.youtube = youtube;
    this.joystream = joystream;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.tokenKey = Base64.getEncoder().encodeToString(key);
  }

  static Devnets start() throws Exception {
    return start(YoutubeDevnetSettings.defaults().withPort(0));
  }

  static Devnets start(YoutubeDevnetSettings youtubeSettings) throws Exception {
    YoutubeDevnet.Running youtube = YoutubeDevnet.start(youtubeSettings);
    try {
      return new Devnets(youtube, Devnet.start(DevnetSettings.forTests()));
    } catch (Exception e) {
      youtube.close();
      throw e;
    }
  }

  /** Where a node finds the devnets, and the devnet's OAuth client and API key. */
  Map<String, String> nodeSettings() {
    Map<String, String> s = new HashMap<>();
    s.put("joysync.youtube.devnet-base-url", youtube.baseUrl());
    s.put("joysync.youtube.client-id", "joysync-devnet.apps.googleusercontent.com");
    s.put("joysync.youtube.client-secret", "devnet-client-secret");
    s.put("joysync.youtube.api-key", "devnet-api-key");
    s.put("joysync.joystream.orion-url", joystream.orionUrl());
    s.put("joysync.joystream.chain-url", joystream.chainUrl());
    return s;
  }

  /** The secrets a node needs (the token key), as environment variables. */
  Map<String, String> secrets() {
    return Map.of(
        "JOYSYNC_TOKEN_KEY", tokenKey,
        "JOYSYNC_SIGNER_KEY_URI", "//Joysync//1",
        "JOYSYNC_APP_AUTH_KEY_SEED", "joysync-devnet-app");
  }

  /** A node that publishes as the devnet's collaborator member 1 and downloads into a folder. */
  static Map<String, String> syncSettings(Path downloads) {
    Map<String, String> s = new HashMap<>();
    s.put("joysync.publishing.single-account.member-id", "1");
    s.put("joysync.publishing.single-account.key-type", "ed25519");
    s.put("joysync.youtube.download.dir", downloads.toString());
    s.put("joysync.youtube.download.pacing-max", "0s");
    s.put("joysync.pipeline.poll-interval", "500ms");
    s.put("joysync.pipeline.retry-min", "2s");
    return s;
  }

  /** The authorization code Google's consent screen would give Atlas for the account. */
  String code(String account) {
    String query =
        "?account="
            + URLEncoder.encode(account, StandardCharsets.UTF_8)
            + "&redirect_uri="
            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
            + "&access_type=offline";
    return new ApiClient(youtube.baseUrl())
        .send("POST", "/admin/oauth/codes" + query, "", null)
        .json()
        .get("code")
        .asText();
  }

  /** POST /users then POST /channels on a node, as Atlas does; returns the user id. */
  String signUp(ApiClient api, String account, long joystreamChannelId) {
    String code = code(account);
    ApiClient.Reply user =
        api.send(
            "POST",
            "/users",
            "{\"authorizationCode\":\"" + code + "\",\"youtubeRedirectUri\":\"" + REDIRECT + "\"}",
            null);
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    String userId = user.json().get("userId").asText();
    ApiClient.Reply channel =
        api.send(
            "POST",
            "/channels",
            "{\"authorizationCode\":\""
                + code
                + "\",\"userId\":\""
                + userId
                + "\",\"email\":\"creator@example.com\",\"joystreamChannelId\":"
                + joystreamChannelId
                + ",\"shouldBeIngested\":true,\"videoCategoryId\":\"cat-1\"}",
            null);
    assertThat(channel.status()).as(channel.body()).isEqualTo(201);
    return userId;
  }

  @Override
  public void close() {
    try {
      joystream.close();
    } finally {
      youtube.close();
    }
  }
}
