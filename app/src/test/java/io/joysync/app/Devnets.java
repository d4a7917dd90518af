package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Both devnets in the test's JVM (YouTube, and Joystream's chain, Orion, Colossus and faucet) on
 * free ports, the settings that point a node at them as the demo does, and Atlas's sign-up in one
 * call. They outlive any node a test starts, kills and starts again.
 */
public final class Devnets implements AutoCloseable {

  static final String REDIRECT = Atlas.REDIRECT;

  public final YoutubeDevnet.Running youtube;
  public final RunningDevnet joystream;
  private final YoutubeDevnetSettings youtubeSettings;
  private final String faucetKey;
  private final String tokenKey;

  private Devnets(
      YoutubeDevnet.Running youtube,
      YoutubeDevnetSettings youtubeSettings,
      RunningDevnet joystream,
      String faucetKey) {
    this.youtube = youtube;
    this.youtubeSettings = youtubeSettings;
    this.joystream = joystream;
    this.faucetKey = faucetKey;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.tokenKey = Base64.getEncoder().encodeToString(key);
  }

  /** The standard seeds: the devnet's creators and its genesis for tests. */
  static Devnets start() throws Exception {
    return start(YoutubeDevnetSettings.defaults(), DevnetSettings.forTests());
  }

  /** The devnets seeded as given; their ports are chosen here. */
  public static Devnets start(
      YoutubeDevnetSettings youtubeSettings, DevnetSettings joystreamSettings) throws Exception {
    YoutubeDevnet.Running youtube = YoutubeDevnet.start(youtubeSettings.withPort(0));
    try {
      return new Devnets(
          youtube,
          youtubeSettings,
          Devnet.start(joystreamSettings),
          joystreamSettings.devnet().getString("faucet.captcha-bypass-key"));
    } catch (Exception e) {
      youtube.close();
      throw e;
    }
  }

  /**
   * Where a node finds the devnets (the faucet with its key), and their OAuth client and API key.
   */
  public Map<String, String> nodeSettings() {
    Map<String, String> s = new HashMap<>();
    s.put("joysync.youtube.devnet-base-url", youtube.baseUrl());
    s.put("joysync.youtube.client-id", youtubeSettings.clientId());
    s.put("joysync.youtube.client-secret", youtubeSettings.clientSecret());
    s.put("joysync.youtube.api-key", youtubeSettings.apiKey());
    s.put("joysync.joystream.orion-url", joystream.orionUrl());
    s.put("joysync.joystream.chain-url", joystream.chainUrl());
    s.put("joysync.joystream.faucet.endpoint", joystream.faucetUrl());
    s.put("joysync.joystream.faucet.captcha-bypass-key", faucetKey);
    return s;
  }

  /** The secrets a node needs (the token key), as environment variables. */
  public Map<String, String> secrets() {
    return Map.of(
        "JOYSYNC_TOKEN_KEY", tokenKey,
        "JOYSYNC_SIGNER_KEY_URI", "//Joysync//1",
        "JOYSYNC_APP_AUTH_KEY_SEED", "joysync-devnet-app");
  }

  /** A node that publishes as the devnet's collaborator member 1 and downloads into a folder. */
  public static Map<String, String> syncSettings(Path downloads) {
    Map<String, String> s = new HashMap<>();
    s.put("joysync.publishing.single-account.member-id", "1");
    s.put("joysync.publishing.single-account.key-type", "ed25519");
    s.put("joysync.youtube.download.dir", downloads.toString());
    s.put("joysync.youtube.download.pacing-max", "0s");
    s.put("joysync.pipeline.poll-interval", "500ms");
    s.put("joysync.pipeline.retry-min", "2s");
    return s;
  }

  /** Whitelists a YouTube handle, as the operators do (POST /channels/whitelist). */
  public static void whitelist(ApiClient api, String handle) {
    ApiClient.Reply added =
        api.send(
            "POST",
            "/channels/whitelist",
            "[{\"channelHandle\":\"" + handle + "\"}]",
            TestNodes.OPERATOR_KEY);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
  }

  /** Verifies a signed-up channel in a tier, as the operators do (PUT /channels/verify). */
  public static void verify(ApiClient api, long joystreamChannelId, String tier) {
    ApiClient.Reply verified =
        api.send(
            "PUT",
            "/channels/verify",
            "[{\"joystreamChannelId\":" + joystreamChannelId + ",\"tier\":\"" + tier + "\"}]",
            TestNodes.OPERATOR_KEY);
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
  }

  /** The authorization code Google's consent screen would give Atlas for the account. */
  public String code(String account) {
    return Atlas.code(youtube, account);
  }

  /** POST /users then POST /channels on a node, as Atlas does; returns the user id. */
  public String signUp(ApiClient api, String account, long joystreamChannelId) {
    String code = code(account);
    ApiClient.Reply user = Atlas.postUser(api, code);
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    String userId = user.json().get("userId").asText();
    ApiClient.Reply channel = Atlas.postChannel(api, code, userId, joystreamChannelId);
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
