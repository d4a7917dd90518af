package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A real node on the test Cassandra against both devnets (YouTube, and Joystream's chain, Orion,
 * Colossus and faucet), configured as the demo is: the devnet's OAuth client and API key, a fresh
 * token key, and, when asked, the devnet's collaborator member 1 as signer, so the node syncs.
 * Atlas's sign-up is one call.
 */
final class NodeWithDevnets implements AutoCloseable {

  static final String REDIRECT = Atlas.REDIRECT;

  final TestDevnets devnets;
  final YoutubeDevnet.Running youtube;
  final RunningDevnet joystream;
  final TestNodes.Started node;
  final ApiClient api;

  private NodeWithDevnets(TestDevnets devnets, TestNodes.Started node) {
    this.devnets = devnets;
    this.youtube = devnets.youtube();
    this.joystream = devnets.joystream();
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

  /** The devnets with their standard seeds, and a node with {@code extra} settings. */
  static NodeWithDevnets start(String test, Map<String, Object> extra) throws Exception {
    return start(test, YoutubeDevnetSettings.defaults(), DevnetSettings.forTests(), extra);
  }

  /** The devnets seeded as given (their ports are chosen here), and a node on them. */
  static NodeWithDevnets start(
      String test,
      YoutubeDevnetSettings youtube,
      DevnetSettings joystream,
      Map<String, Object> extra)
      throws Exception {
    TestDevnets devnets = TestDevnets.start(youtube, joystream);
    try {
      Map<String, Object> settings = new HashMap<>(devnets.nodeSettings());
      settings.put("joysync.tokens.key", freshTokenKey());
      settings.putAll(extra);
      TestNodes.Started node =
          TestNodes.start(TestCassandra.freshKeyspacePrefix(test), Map.copyOf(settings));
      return new NodeWithDevnets(devnets, node);
    } catch (Exception | Error e) {
      devnets.close();
      throw e;
    }
  }

  /** 32 random bytes, base64: a token encryption key of the test's own. */
  static String freshTokenKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The authorization code Google's consent screen would give Atlas for the account. */
  String code(String account) {
    return devnets.code(account);
  }

  /** POST /users then POST /channels, as Atlas does; returns the user id. */
  String signUp(String account, long joystreamChannelId) {
    String code = code(account);
    ApiClient.Reply user = Atlas.postUser(api, code);
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    String userId = user.json().get("userId").asText();
    ApiClient.Reply channel = Atlas.postChannel(api, code, userId, joystreamChannelId);
    assertThat(channel.status()).as(channel.body()).isEqualTo(201);
    return userId;
  }

  @Override
  public void close() throws Exception {
    try {
      node.stop();
    } finally {
      devnets.close();
    }
  }
}
