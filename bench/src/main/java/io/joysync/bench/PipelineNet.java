package io.joysync.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.app.Node;
import io.joysync.app.NodeConfig;
import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The pipeline benchmark's network, composed as {@code ./joysync demo} composes it but in this JVM
 * and on free ports: the YouTube devnet (its Data API, OAuth, hub, feeds and rendered media), the
 * Joystream devnet (chain, Orion, Colossus, faucet), and one real node ({@link Node#start}, the
 * production composition root) that publishes as the devnet's collaborator member 1 with push
 * discovery, on fresh keyspaces in the local Cassandra. Creators sign up through the node's HTTP
 * API as Atlas drives it, operators verify them through it, and a video's progress is read from its
 * own entity.
 */
final class PipelineNet implements AutoCloseable {

  static final String OPERATOR_KEY = "bench-operator-key-0123456789";
  private static final String REDIRECT = "http://127.0.0.1/atlas/callback";
  private static final ObjectMapper JSON = new ObjectMapper();

  final YoutubeDevnet.Running youtube;
  final RunningDevnet joystream;
  Node.Running node;
  final String keyspacePrefix;
  private String api;
  private final Map<String, Object> settings;
  private final Path downloads;
  private final String contactPoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private PipelineNet(
      YoutubeDevnet.Running youtube,
      RunningDevnet joystream,
      Node.Running node,
      String keyspacePrefix,
      String api,
      Map<String, Object> settings,
      Path downloads,
      String contactPoint) {
    this.youtube = youtube;
    this.joystream = joystream;
    this.node = node;
    this.keyspacePrefix = keyspacePrefix;
    this.api = api;
    this.settings = settings;
    this.downloads = downloads;
    this.contactPoint = contactPoint;
  }

  /**
   * Starts the devnets seeded with {@code world}, rendering clips as given, and the node. The node
   * runs with production settings except: the demo's download pacing (at most 1 s: the devnet's
   * media is local), WebSub push to its own callback, and the projections' test-speed refresh (the
   * benchmark reads entities, not the read side).
   */
  static PipelineNet start(
      PipelineWorld world, YoutubeDevnetSettings.MediaSettings media, String contactPoint)
      throws Exception {
    return start(world.seed(), world.joystream(), media, contactPoint, Map.of());
  }

  /**
   * Starts the devnets seeded with {@code seed} and {@code joystreamSettings}, and the node as
   * {@link #start(PipelineWorld, YoutubeDevnetSettings.MediaSettings, String)} does with {@code
   * changed} settings over its own.
   */
  static PipelineNet start(
      DevnetSeed seed,
      DevnetSettings joystreamSettings,
      YoutubeDevnetSettings.MediaSettings media,
      String contactPoint,
      Map<String, Object> changed)
      throws Exception {
    YoutubeDevnet.Running youtube =
        YoutubeDevnet.start(
            YoutubeDevnetSettings.defaults()
                .withPort(0)
                .withSocksProxies(0)
                .withDailyQuota(1_000_000)
                .withMedia(media)
                .withSeed(seed));
    RunningDevnet joystream;
    try {
      joystream = Devnet.start(joystreamSettings);
    } catch (Exception e) {
      youtube.close();
      throw e;
    }
    Path downloads = Files.createTempDirectory("joysync-bench-downloads-");
    String prefix = "bench_pipe_" + Long.toHexString(System.nanoTime());
    int httpPort = BenchNode.freePort();
    byte[] tokenKey = new byte[32];
    new SecureRandom().nextBytes(tokenKey);
    Map<String, Object> c = new HashMap<>();
    c.put("joysync.cassandra.keyspace-prefix", prefix);
    c.put("joysync.cassandra.contact-point", contactPoint);
    c.put("joysync.http.port", httpPort);
    c.put("joysync.http.operator-key", OPERATOR_KEY);
    c.put("pekko.management.http.port", BenchNode.freePort());
    c.put("pekko.remote.artery.canonical.port", 0);
    c.put("pekko.coordinated-shutdown.exit-jvm", "off");
    c.put("joysync.tokens.key", Base64.getEncoder().encodeToString(tokenKey));
    c.put("joysync.youtube.devnet-base-url", youtube.baseUrl());
    c.put("joysync.youtube.client-id", "joysync-devnet.apps.googleusercontent.com");
    c.put("joysync.youtube.client-secret", "devnet-client-secret");
    c.put("joysync.youtube.api-key", "devnet-api-key");
    c.put("joysync.joystream.orion-url", joystream.orionUrl());
    c.put("joysync.joystream.chain-url", joystream.chainUrl());
    c.put("joysync.joystream.faucet.endpoint", joystream.faucetUrl());
    c.put("joysync.publishing.single-account.member-id", "1");
    c.put("joysync.publishing.single-account.key-type", "ed25519");
    c.put("joysync.publishing.single-account.key-uri", "//Joysync//1");
    c.put("joysync.publishing.app.auth-key-seed", "joysync-devnet-app");
    c.put("joysync.youtube.download.dir", downloads.toString());
    c.put("joysync.youtube.download.pacing-max", "1s");
    c.put(
        "joysync.youtube.websub.callback-url", "http://127.0.0.1:" + httpPort + "/websub/callback");
    c.put("joysync.youtube.websub.secret", "benchmark-master-secret-0123456789");
    c.put("pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay", "200ms");
    c.put("pekko.persistence.cassandra.query.refresh-interval", "500ms");
    c.putAll(changed);
    try {
      Node.Running node = startNode(c);
      PipelineNet net =
          new PipelineNet(
              youtube, joystream, node, prefix, apiOf(node), c, downloads, contactPoint);
      net.awaitStatus(Duration.ofMinutes(2));
      return net;
    } catch (Exception e) {
      joystream.close();
      youtube.close();
      throw e;
    }
  }

  private static Node.Running startNode(Map<String, Object> settings) throws Exception {
    Node.Running node = Node.start(NodeConfig.load(null, settings));
    node.endpoints().toCompletableFuture().get(240, TimeUnit.SECONDS);
    return node;
  }

  private static String apiOf(Node.Running node) throws Exception {
    InetSocketAddress address = node.endpoints().toCompletableFuture().get().http();
    return "http://127.0.0.1:" + address.getPort();
  }

  /**
   * Stops the node and starts a new one on the same keyspaces, with some settings changed, on other
   * ports (so that a hub still delivering to the old callback reaches nothing).
   */
  void restartNode(Map<String, Object> changed) throws Exception {
    stopNode();
    settings.put("joysync.http.port", BenchNode.freePort());
    settings.put("pekko.management.http.port", BenchNode.freePort());
    settings.putAll(changed);
    node = startNode(settings);
    api = apiOf(node);
    awaitStatus(Duration.ofMinutes(2));
  }

  private void stopNode() throws Exception {
    node.system().terminate();
    node.system().getWhenTerminated().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private void awaitStatus(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (send("GET", api + "/status", null, null).statusCode() == 200) {
          return;
        }
      } catch (RuntimeException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the node's API did not answer within " + within);
  }

  /**
   * The creator signs up as Atlas drives it: the code Google's consent screen gives, {@code POST
   * /users}, then {@code POST /channels} linking its Joystream channel. Returns the user id.
   */
  String signUp(PipelineWorld.Creator creator) {
    String query =
        "?account="
            + URLEncoder.encode(creator.account(), StandardCharsets.UTF_8)
            + "&redirect_uri="
            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
            + "&access_type=offline";
    String code =
        json(send("POST", youtube.baseUrl() + "/admin/oauth/codes" + query, "", null))
            .get("code")
            .asText();
    String userId =
        json(expect(
                201,
                send(
                    "POST",
                    api + "/users",
                    "{\"authorizationCode\":\""
                        + code
                        + "\",\"youtubeRedirectUri\":\""
                        + REDIRECT
                        + "\"}",
                    null)))
            .get("userId")
            .asText();
    expect(
        201,
        send(
            "POST",
            api + "/channels",
            "{\"authorizationCode\":\""
                + code
                + "\",\"userId\":\""
                + userId
                + "\",\"email\":\""
                + creator.account()
                + "\",\"joystreamChannelId\":"
                + creator.joystreamChannelId()
                + ",\"shouldBeIngested\":true,\"videoCategoryId\":\"cat-1\"}",
            null));
    return userId;
  }

  /** An operator verifies the channel in a tier ({@code PUT /channels/verify}). */
  void verify(PipelineWorld.Creator creator, String tier) {
    expect(
        200,
        send(
            "PUT",
            api + "/channels/verify",
            "[{\"joystreamChannelId\":"
                + creator.joystreamChannelId()
                + ",\"tier\":\""
                + tier
                + "\"}]",
            OPERATOR_KEY));
  }

  /** The creator uploads a public video on YouTube now; returns its id. */
  String upload(PipelineWorld.Creator creator, String title) {
    return json(send(
            "POST",
            youtube.baseUrl()
                + "/admin/channels/"
                + creator.channelId()
                + "/videos?kind=PUBLIC&title="
                + URLEncoder.encode(title, StandardCharsets.UTF_8),
            "",
            null))
        .get("videoId")
        .asText();
  }

  /** The node's download folder (media and thumbnails on their way). */
  Path downloads() {
    return downloads;
  }

  /** The videos as their entities hold them now (absent: not tracked). */
  Map<String, TrackedVideo> tracked(List<String> videoIds) {
    ClusterSharding sharding = ClusterSharding.get(node.system());
    List<CompletableFuture<Optional<TrackedVideo>>> asks = new ArrayList<>();
    for (String id : videoIds) {
      asks.add(
          sharding
              .entityRefFor(VideoEntity.ENTITY_KEY, id)
              .<Optional<TrackedVideo>>ask(VideoEntity.Get::new, Duration.ofSeconds(30))
              .toCompletableFuture()
              .exceptionally(e -> Optional.empty()));
    }
    Map<String, TrackedVideo> out = new HashMap<>();
    for (CompletableFuture<Optional<TrackedVideo>> a : asks) {
      a.join().ifPresent(v -> out.put(v.id(), v));
    }
    return out;
  }

  private HttpResponse<String> send(String method, String url, String body, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> expect(int status, HttpResponse<String> r) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return r;
  }

  private static JsonNode json(HttpResponse<String> r) {
    expect(200 <= r.statusCode() && r.statusCode() < 300 ? r.statusCode() : 200, r);
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops the node and the devnets, drops the run's keyspaces and deletes what is left on disk. */
  @Override
  public void close() throws Exception {
    try {
      stopNode();
    } finally {
      try {
        joystream.close();
      } finally {
        youtube.close();
      }
      dropKeyspaces();
      try (Stream<Path> left = Files.walk(downloads)) {
        left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void dropKeyspaces() {
    String[] hostPort = contactPoint.split(":");
    try (CqlSession cql =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
            .withLocalDatacenter("datacenter1")
            .build()) {
      for (String suffix : List.of("_journal", "_snapshot", "_read", "_offsets")) {
        cql.execute(
            SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspacePrefix + suffix)
                .setTimeout(Duration.ofMinutes(2)));
      }
    } catch (RuntimeException e) {
      System.err.println("the run's keyspaces " + keyspacePrefix + "_* were not all dropped: " + e);
    }
  }
}
