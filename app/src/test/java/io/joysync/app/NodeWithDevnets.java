package io.joysync.app;

import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real node in the test's JVM on the test Cassandra against both {@link Devnets}, configured as
 * the demo is; with {@link #syncing} it also publishes as the devnet's collaborator member 1, so
 * the node syncs.
 */
final class NodeWithDevnets implements AutoCloseable {

  final Devnets devnets;
  final TestNodes.Started node;
  final ApiClient api;

  private NodeWithDevnets(Devnets devnets, TestNodes.Started node) {
    this.devnets = devnets;
    this.node = node;
    this.api = node.api();
  }

  /** Starts the devnets and a node that publishes as member 1, downloading into {@code dir}. */
  static NodeWithDevnets syncing(String test, Path downloads, Map<String, Object> extra)
      throws Exception {
    return syncing(test, downloads, extra, YoutubeDevnetSettings.defaults());
  }

  /** The same, with the YouTube devnet set up as given (its media, its seed). */
  static NodeWithDevnets syncing(
      String test, Path downloads, Map<String, Object> extra, YoutubeDevnetSettings youtube)
      throws Exception {
    Map<String, Object> settings = new HashMap<>(Devnets.syncSettings(downloads));
    settings.put("joysync.publishing.single-account.key-uri", "//Joysync//1");
    settings.put("joysync.publishing.app.auth-key-seed", "joysync-devnet-app");
    settings.putAll(extra);
    return start(test, youtube, DevnetSettings.forTests(), settings);
  }

  /** The devnets with their standard seeds, and a node with {@code extra} settings. */
  static NodeWithDevnets start(String test, Map<String, Object> extra) throws Exception {
    return start(test, YoutubeDevnetSettings.defaults(), DevnetSettings.forTests(), extra);
  }

  /** The devnets seeded as given, and a node on them with {@code extra} settings. */
  static NodeWithDevnets start(
      String test,
      YoutubeDevnetSettings youtube,
      DevnetSettings joystream,
      Map<String, Object> extra)
      throws Exception {
    Devnets devnets = Devnets.start(youtube, joystream);
    Map<String, Object> settings = new HashMap<>(devnets.nodeSettings());
    settings.put("joysync.tokens.key", devnets.secrets().get("JOYSYNC_TOKEN_KEY"));
    settings.putAll(extra);
    try {
      return new NodeWithDevnets(
          devnets, TestNodes.start(TestCassandra.freshKeyspacePrefix(test), Map.copyOf(settings)));
    } catch (Exception e) {
      devnets.close();
      throw e;
    }
  }

  /** POST /users then POST /channels, as Atlas does; returns the user id. */
  String signUp(String account, long joystreamChannelId) {
    return devnets.signUp(api, account, joystreamChannelId);
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
