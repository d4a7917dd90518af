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
 * A real node on the test Cassandra against both devnets (YouTube, and Joystream's chain, Orion and
 * Colossus), configured as the demo is: the devnet's OAuth client and API key, a token key, and,
 * when asked, the devnet's collaborator member 1 as signer, so the node syncs. Atlas's sign-up is
 * one call.
 */
final class NodeWithDevnets implements AutoCloseable {

  static final String REDIRECT = "http://127.0.0.1/atlas/callback";

  final YoutubeDevnet.Running youtube;
  final RunningDevnet joystream;
  final TestNodes.Started node;
  final ApiClient api;

  private NodeWithDevnets(
      YoutubeDevnet.Running youtube, RunningDevnet joystream, TestNodes.Started node) {
    this.youtube = youtube;
    this.joystream = joystream;
    this.node = node;
    this.api = node.api();
  }

  /** Starts the devnets and a node that publishes as member 1, downloading into {@code dir}. */
  static NodeWithDevnets syncing(String test, Path downloads, Map<String, Object> extra)
      throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("joysync.publishing.single-account.member-id", "1");
    settings.put("joysync.publishing.single-account.key-type", "ed25519");
    settings.put("joysync.publishing.single-account.key-uri", "//Joysync//1");
    settings.put("joysync.publishing.app.auth-key-seed", "joysync-devnet-app");
    settings.put("joysync.youtube.download.dir", downloads.toString());
    settings.put("joysync.youtube.download.pacing-max", "0s");
    settings.put("joysync.pipeline.poll-interval", "500ms");
    settings.put("joysync.pipeline.retry-min", "2s");
    settings.putAll(extra);
    return start(test, settings);
  }

  static NodeWithDevnets start(String test, Map<String, Object> extra) throws Exception {
    YoutubeDevnet.Running youtube =
        YoutubeDevnet.start(YoutubeDevnetSettings.defaults().withPort(0));
    RunningDevnet joystream = Devnet.start(DevnetSettings.forTests());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, Object> settings = new HashMap<>();
    settings.put("joysync.youtube.devnet-base-url", youtube.baseUrl());
    settings.put("joysync.youtube.client-id", "joysync-devnet.apps.googleusercontent.com");
    settings.put("joysync.youtube.client-secret", "devnet-client-secret");
    settings.put("joysync.youtube.api-key", "devnet-api-key");
    settings.put("joysync.tokens.key", Base64.getEncoder().encodeToString(key));
    settings.put("joysync.joystream.orion-url", joystream.orionUrl());
    settings.put("joysync.joystream.chain-url", joystream.chainUrl());
    settings.putAll(extra);
    TestNodes.Started node =
        TestNodes.start(TestCassandra.freshKeyspacePrefix(test), Map.copyOf(settings));
    return new NodeWithDevnets(youtube, joystream, node);
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

  /** POST /users then POST /channels, as Atlas does; returns the user id. */
  String signUp(String account, long joystreamChannelId) {
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
  public void close() throws Exception {
    try {
      node.stop();
    } finally {
      joystream.close();
      youtube.close();
    }
  }
}
