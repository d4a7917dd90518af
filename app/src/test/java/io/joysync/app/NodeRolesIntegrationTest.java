package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work routed by role: a front node ({@code api, signer}) and a worker node ({@code pipeline}),
 * each in a JVM of its own, form one cluster through Cluster Bootstrap. A creator signs up through
 * the front node's API; the worker downloads, hashes and uploads the video, the front node's signer
 * account creates it on chain. The worker serves no HTTP API (its port is closed, yet it is ready),
 * the front node runs no sync worker and keeps no file, and only the front node signs: the worker
 * is given the signer account's member id but neither its key nor the app's auth key.
 */
@Needs(Service.CASSANDRA)
class NodeRolesIntegrationTest {

  @TempDir static Path work;
  private static ForkedCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ForkedCluster.start("roles");
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void thePipelineNodeDownloadsAndUploadsTheSignerNodeSignsAndOnlyTheApiNodeAnswers()
      throws Exception {
    List<ForkedNode.Ports> ports = List.of(ForkedNode.Ports.free(), ForkedNode.Ports.free());
    Path frontFiles = Files.createDirectories(work.resolve("front"));
    Path workerFiles = Files.createDirectories(work.resolve("worker"));
    ForkedNode.Launch front = member(ports, "front", frontFiles, "api, signer");
    ForkedNode.Launch worker =
        member(ports, "worker", workerFiles, "pipeline")
            .withoutEnvironment("JOYSYNC_SIGNER_KEY_URI", "JOYSYNC_APP_AUTH_KEY_SEED");
    assertThat(worker.environment()).doesNotContainKeys("JOYSYNC_SIGNER_KEY_URI");
    front.applySchema();
    cluster.nodes.add(front.spawn(ports.get(0)));
    cluster.nodes.add(worker.spawn(ports.get(1)));
    cluster.nodes.forEach(ForkedNode::awaitReady);
    ForkedNode frontNode = cluster.nodes.get(0);
    ForkedNode workerNode = cluster.nodes.get(1);

    ApiClient api = frontNode.api();
    Devnets.whitelist(api, "@bobstarts");
    String bob = cluster.devnets.signUp(api, DevnetSeed.BOB, 2);
    List<JsonNode> videos = UserVideos.awaitAllEnded(api, bob, 1, Duration.ofMinutes(4));
    assertThat(videos.get(0).get("state").asText()).isEqualTo("UploadSucceeded");
    try (ChainConnection chain =
        new ChainConnection(URI.create(cluster.devnets.joystream.chainUrl()))) {
      assertThat(
              chain
                  .chainState()
                  .toCompletableFuture()
                  .get()
                  .channel(2, null)
                  .get()
                  .orElseThrow()
                  .numVideos())
          .isEqualTo(1);
    }

    String frontLog = frontNode.jsonLog();
    String workerLog = workerNode.jsonLog();
    assertThat(workerLog)
        .contains("Sync pipeline started")
        .contains("This node serves no HTTP API")
        .contains("this node holds no key")
        .doesNotContain("signing secrets");
    assertThat(frontLog)
        .contains("This node runs no sync workers")
        .doesNotContain("Sync pipeline started");
    assertThat(frontNode.signerLines())
        .as("the signer account works on the front node")
        .isNotEmpty();
    assertThat(workerNode.signerLines())
        .as("the worker node never holds the signer account")
        .isEmpty();
    try (var files = Files.list(frontFiles)) {
      assertThat(files).as("the front node downloads nothing").isEmpty();
    }
    assertThatThrownBy(() -> workerNode.api().send("GET", "/status", null, null))
        .as("the worker node's HTTP port is closed")
        .isInstanceOf(AssertionError.class);
    assertThat(workerNode.management().send("GET", "/ready", null, null).status()).isEqualTo(200);
  }

  /** A node of the two-node cluster with its own download folder, log directory and roles. */
  private static ForkedNode.Launch member(
      List<ForkedNode.Ports> ports, String name, Path files, String roles) throws IOException {
    return cluster
        .launch
        .withLogDir(Files.createTempDirectory("joysync-roles-" + name + "-logs"))
        .withConfig(ForkedCluster.bootstrap(ports))
        .withConfig(Devnets.syncSettings(files))
        .withConfig(Map.of("joysync.cluster.roles", roles));
  }
}
