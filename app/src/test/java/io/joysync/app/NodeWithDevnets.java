package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * A real node in the test's JVM on the test Cassandra against both {@link Devnets}, configured as
 * the demo is; with {@link #syncing} it also publishes as the devnet's collaborator member 1, so
 * the node syncs.
 */
final class NodeWithDevnets implements AutoCloseable {

  final Devnets devnets;
  final YoutubeDevnet.Running youtube;
  final RunningDevnet joystream;
  TestNodes.Started node;
  ApiClient api;
  private final String keyspacePrefix;
  private final Map<String, Object> nodeSettings;

  private NodeWithDevnets(
      Devnets devnets,
      TestNodes.Started node,
      String keyspacePrefix,
      Map<String, Object> nodeSettings) {
    this.devnets = devnets;
    this.youtube = devnets.youtube;
    this.joystream = devnets.joystream;
    this.node = node;
    this.api = node.api();
    this.keyspacePrefix = keyspacePrefix;
    this.nodeSettings = Map.copyOf(nodeSettings);
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

  /**
   * Starts the devnets and a node whose discovery runs at test speed: schedule rounds every 500 ms,
   * candidate rounds every 200 ms, no wait for fuller batches, short retries. With {@code push},
   * the node's WebSub callback is its own HTTP API on a fixed free port and RSS polls only hourly
   * (so what is found within seconds came through the hub); without, there is no callback URL and
   * RSS polls every second.
   */
  static NodeWithDevnets discovering(
      String test, boolean push, YoutubeDevnetSettings youtube, Map<String, Object> extra)
      throws Exception {
    return discovering(test, push, youtube, extra, DevnetSettings.forTests());
  }

  static NodeWithDevnets discovering(
      String test,
      boolean push,
      YoutubeDevnetSettings youtube,
      Map<String, Object> extra,
      DevnetSettings joystream)
      throws Exception {
    int httpPort = TestCassandra.freePort();
    Map<String, Object> settings = new HashMap<>();
    settings.put("joysync.http.port", httpPort);
    settings.put("joysync.discovery.tick", "500ms");
    settings.put("joysync.discovery.resolve-interval", "200ms");
    settings.put("joysync.discovery.resolve.max-batch-wait", "0s");
    settings.put("joysync.discovery.resolve.quota-retry", "300ms");
    settings.put("joysync.discovery.resolve.error-retry", "300ms");
    settings.put("joysync.discovery.feeds.jitter", 0);
    settings.put("joysync.discovery.feeds.failure-backoff-min", "300ms");
    settings.put("joysync.discovery.feeds.failure-backoff-max", "1s");
    settings.put("joysync.discovery.chain.retry", "500ms");
    if (push) {
      settings.put(
          "joysync.youtube.websub.callback-url",
          "http://127.0.0.1:" + httpPort + "/websub/callback");
      settings.put("joysync.youtube.websub.secret", "discovery-test-master-secret");
      settings.put("joysync.discovery.feeds.active-interval", "1h");
      settings.put("joysync.discovery.feeds.dormant-interval", "1h");
    } else {
      settings.put("joysync.discovery.feeds.active-interval-without-push", "1s");
      settings.put("joysync.discovery.feeds.dormant-interval-without-push", "1s");
    }
    settings.putAll(extra);
    return start(test, youtube, joystream, settings);
  }

  /**
   * A node that both discovers at test speed with WebSub push ({@link #discovering}) and syncs as
   * member 1 ({@link #syncing}): what a creator's later uploads and edits go through.
   */
  static NodeWithDevnets syncingAndDiscovering(String test, Path downloads) throws Exception {
    Map<String, Object> settings = new HashMap<>(Devnets.syncSettings(downloads));
    settings.put("joysync.publishing.single-account.key-uri", "//Joysync//1");
    settings.put("joysync.publishing.app.auth-key-seed", "joysync-devnet-app");
    return discovering(test, true, YoutubeDevnetSettings.defaults().withPort(0), settings);
  }

  /** Stops the node; the devnets keep running. */
  void stopNode() throws Exception {
    node.stop();
  }

  /** Starts the node again on the same keyspaces and settings. */
  void startNode() throws Exception {
    startNode(Map.of());
  }

  /** Starts the node again on the same keyspaces and settings, some of them changed. */
  void startNode(Map<String, Object> changed) throws Exception {
    Map<String, Object> settings = new HashMap<>(nodeSettings);
    settings.putAll(changed);
    node = TestNodes.start(keyspacePrefix, settings);
    api = node.api();
  }

  /** The node's WebSub callback URL (push on). */
  String websubCallback() {
    return (String) nodeSettings.get("joysync.youtube.websub.callback-url");
  }

  /** The read-side keyspace of the node. */
  String readKeyspace() {
    return keyspacePrefix + "_read";
  }

  /** A call to the YouTube devnet's admin API. */
  ApiClient.Reply youtubeAdmin(String method, String path) {
    return youtubeAdmin(method, path, null);
  }

  /** The YouTube devnet's admin API ({@code /admin...}) with a JSON body. */
  ApiClient.Reply youtubeAdmin(String method, String path, String body) {
    return new ApiClient(youtube.baseUrl()).send(method, "/admin" + path, body, null);
  }

  /** A creator uploads a video now (kind PUBLIC, UPCOMING, ...); returns its id. */
  String upload(String channelId, String kind, String title) {
    ApiClient.Reply r =
        youtubeAdmin(
            "POST",
            "/channels/"
                + channelId
                + "/videos?kind="
                + kind
                + "&title="
                + URLEncoder.encode(title, StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("videoId").asText();
  }

  /**
   * The videos {@code GET /users/:id/videos} lists now; none while the answer is not a list (the
   * read side not there yet, a 503 on a loaded machine).
   */
  List<JsonNode> videos(String userId) {
    ApiClient.Reply r = api.send("GET", "/users/" + userId + "/videos", null, null);
    List<JsonNode> list = new ArrayList<>();
    if (r.status() == 200 && r.json().isArray()) {
      r.json().forEach(list::add);
    }
    return list;
  }

  /**
   * The state of a video as its own entity holds it ({@code New}, ...), empty when it is not
   * tracked: what the node did, without the read side's lag.
   */
  Optional<String> trackedState(String videoId) {
    return ClusterSharding.get(node.node().system())
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<Optional<TrackedVideo>>ask(VideoEntity.Get::new, Duration.ofSeconds(20))
        .toCompletableFuture()
        .join()
        .map(v -> v.state().wireName());
  }

  /** A call to the Joystream devnet's admin API (faults and owner actions). */
  ApiClient.Reply joystreamAdmin(String method, String path, String body) {
    return new ApiClient(joystream.adminUrl()).send(method, path, body, null);
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
      String prefix = TestCassandra.freshKeyspacePrefix(test);
      return new NodeWithDevnets(
          devnets, TestNodes.start(prefix, Map.copyOf(settings)), prefix, settings);
    } catch (Exception e) {
      devnets.close();
      throw e;
    }
  }

  /** POST /users then POST /channels, as Atlas does; returns the user id. */
  /** An operator whitelists the YouTube channel of {@code handle} (201). */
  void whitelist(String handle) {
    Devnets.whitelist(api, handle);
  }

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
