package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionVideo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of a syncing node at the moment its signer account has one extrinsic in the pool and the
 * next one signed ahead, recorded and held back (its app-action nonces count on the first's
 * videos). The devnet's blocks take nothing from the pool meanwhile, so the moment holds until the
 * kill. After the restart the account finds both undecided: the first may land (it is in the pool),
 * so the held one is never withdrawn nor signed again; it goes out, the very bytes it recorded,
 * once the first landed. Afterwards every video of the channel is on chain exactly once, each nonce
 * landed once and in a row, and nothing is left in flight.
 */
@Needs(Service.CASSANDRA)
class SignerCrashIntegrationTest {
  /** Bob's own upload and these make the channel's videos. */
  private static final int EXTRA_UPLOADS = 9;

  @TempDir static Path downloads;
  private static Devnets devnets;
  private static ForkedNode.Launch launch;

  @BeforeAll
  static void start() throws Exception {
    devnets = Devnets.start();
    Map<String, String> config = new HashMap<>(devnets.nodeSettings());
    config.putAll(Devnets.syncSettings(downloads));
    // Two of the devnet's videos fill an extrinsic; the first waits long enough for more than
    // two videos, so the account signs ahead of the one in the pool.
    config.put("joysync.publishing.block-share", "0.0025");
    config.put("joysync.publishing.gathering-window", "30s");
    // Mortal long enough (about seven minutes of the devnet's blocks) to outlive the restart.
    config.put("joysync.publishing.era-period", "2048");
    config.put("joysync.publishing.check-interval", "200ms");
    launch =
        ForkedNode.Launch.fresh("signercrash")
            .withConfig(config)
            .withEnvironment(devnets.secrets());
  }

  @AfterAll
  static void stop() {
    if (launch != null) {
      launch.dropKeyspaces();
    }
    if (devnets != null) {
      devnets.close();
    }
  }

  @Test
  void killedWithOneExtrinsicInThePoolAndTheNextHeldEveryVideoLandsOnce() throws Exception {
    ApiClient youtube = new ApiClient(devnets.youtube.baseUrl());
    String bobChannel = DevnetSeed.channelId("bob");
    for (int i = 0; i < EXTRA_UPLOADS; i++) {
      ApiClient.Reply r =
          youtube.send(
              "POST",
              "/admin/channels/"
                  + bobChannel
                  + "/videos?kind=PUBLIC&title="
                  + URLEncoder.encode("Bob again, part " + i, StandardCharsets.UTF_8),
              null,
              null);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    int videos = EXTRA_UPLOADS + 1;
    devnets.joystream.faults().setStallInclusion(true);

    ForkedNode node = launch.start();
    long inPool;
    String bob;
    try {
      ApiClient api = node.api();
      Devnets.whitelist(api, "@bobstarts");
      bob = devnets.signUp(api, DevnetSeed.BOB, 2);
      assertThat(
              api.send(
                      "PUT",
                      "/channels/verify",
                      "[{\"joystreamChannelId\":2,\"tier\":\"Silver\"}]",
                      TestNodes.OPERATOR_KEY)
                  .status())
          .isEqualTo(200);

      // The moment: exactly one extrinsic of the account in the pool, every other one in flight
      // signed ahead and held back behind it.
      await("one extrinsic in the pool and the next held")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                JsonNode a = account(api);
                int held = a.path("extrinsicsHeld").asInt();
                return held >= 1
                    && a.path("extrinsicsInFlight").asInt() == held + 1
                    && devnets.joystream.chain().poolSize() == 1;
              });
      inPool = chainNonce();
      node.kill();
    } finally {
      node.close();
    }

    ForkedNode restarted =
        launch.withConfig(Map.of("joysync.publishing.gathering-window", "500ms")).start();
    try {
      devnets.joystream.faults().setStallInclusion(false);
      ApiClient api = restarted.api();
      List<JsonNode> ended = UserVideos.awaitAllEnded(api, bob, videos, Duration.ofMinutes(6));
      assertThat(ended)
          .allSatisfy(v -> assertThat(v.get("state").asText()).isEqualTo("UploadSucceeded"));
      long onChain =
          devnets.joystream.chain().read(rt -> rt.state().channel(2).orElseThrow().numVideos());
      assertThat(onChain).as("videos on chain in channel 2").isEqualTo(videos);
      OrionClient orion = OrionClient.create(URI.create(devnets.joystream.orionUrl()));
      for (JsonNode v : ended) {
        List<OrionVideo> found = orion.videosByYtVideoId(v.get("id").asText(), "joysync").get();
        assertThat(found).as("%s in Orion", v.get("id")).hasSize(1);
        assertThat(found.get(0).id()).isEqualTo(v.get("joystreamVideo").get("id").asLong());
      }
      await("nothing left in flight")
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () -> {
                JsonNode a = account(api);
                assertThat(a.path("extrinsicsInFlight").asInt()).isZero();
                assertThat(a.path("nextNonce").asLong()).isEqualTo(chainNonce());
                assertThat(devnets.joystream.chain().poolSize()).isZero();
              });
      restarted.stop();
      // A SIGTERM: the node leaves through coordinated shutdown, and logging stops after it, so
      // the lines of its way out are in both logs.
      assertThat(restarted.consoleOutput())
          .contains("The node is leaving", "Pipeline drained", "joysync node stopped");
      assertThat(restarted.jsonLog()).contains("Pipeline drained", "joysync node stopped");
    } finally {
      restarted.close();
    }

    // The journal, read back from Cassandra by a node on the same keyspaces (not signing).
    TestNodes.Started reader =
        TestNodes.start(
            launch.keyspacePrefix(), new HashMap<String, Object>(devnets.nodeSettings()));
    try {
      List<Object> journal = SignerJournal.events(reader.node().system(), 1);
      SignerJournal.assertNoNonceGap(journal, devnets.joystream);
      List<SignerJournal.SignedSummary> signed = SignerJournal.signed(journal);
      assertThat(signed)
          .as("the extrinsic in the pool and the one held at the kill, each signed once")
          .filteredOn(s -> s.nonce() == inPool || s.nonce() == inPool + 1)
          .hasSize(2);
      assertThat(SignerJournal.expired(journal)).isEmpty();
      assertThat(signed.stream().flatMap(s -> s.videos().stream()))
          .as("every video signed in exactly one extrinsic")
          .hasSize(videos)
          .doesNotHaveDuplicates();
    } finally {
      reader.stop();
    }
  }

  /** The signer account as operators see it ({@code GET /sync}). */
  private static JsonNode account(ApiClient api) {
    ApiClient.Reply r = api.send("GET", "/sync", null, TestNodes.OPERATOR_KEY);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("accounts").get(0);
  }

  private static long chainNonce() {
    return devnets
        .joystream
        .chain()
        .read(rt -> rt.state().account(new AccountId(SignerJournal.MEMBER_1.publicKey())).nonce());
  }
}
