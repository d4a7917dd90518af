package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Atlas flow of {@link AtlasFlowIntegrationTest} with the node in a JVM of its own, killed with
 * SIGKILL right after each step was acknowledged and started again on the same keyspaces: the user
 * and the sign-up code, the channel, the tier, the owner's last signed action and the opt-out all
 * survive. The devnets (YouTube and Joystream) live in the test JVM and outlast every node.
 */
@Needs(Service.CASSANDRA)
class AtlasRestartIntegrationTest {

  private static final Duration READ_SIDE_LAG = Duration.ofSeconds(60);
  private static final String REPLAY_REFUSED =
      "Invalid request signature or playback message. Permission denied.";

  private static Devnets devnets;
  private static ForkedNode.Launch launch;
  private ForkedNode node;

  @BeforeAll
  static void startDevnets() throws Exception {
    devnets = Devnets.start();
    launch = atlasReady(ForkedNode.Launch.fresh("atlasrestart"), devnets);
  }

  /** A launch whose nodes talk to the given devnets and encrypt owner tokens with their key. */
  static ForkedNode.Launch atlasReady(ForkedNode.Launch launch, Devnets devnets) {
    return launch
        .withConfig(devnets.nodeSettings())
        .withEnvironment(Map.of("JOYSYNC_TOKEN_KEY", devnets.secrets().get("JOYSYNC_TOKEN_KEY")));
  }

  @AfterEach
  void killNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @AfterAll
  static void stopDevnets() {
    if (launch != null) {
      launch.dropKeyspaces();
    }
    if (devnets != null) {
      devnets.close();
    }
  }

  /** SIGKILL, then a new node on the same keyspaces, ready. */
  private void killAndRestart() throws Exception {
    node.kill();
    node = launch.start();
  }

  private JsonNode awaitChannel(long joystreamChannelId, String status, String step) {
    try {
      return node.api()
          .await(
              "/channels/" + joystreamChannelId,
              r -> r.status() == 200 && r.json().get("yppStatus").asText().equals(status),
              READ_SIDE_LAG)
          .json();
    } catch (AssertionError e) {
      throw new AssertionError(step + ": " + e.getMessage(), e);
    }
  }

  @Test
  void everyAcknowledgedStepOfTheAtlasFlowSurvivesKillMinus9() throws Exception {
    node = launch.start();
    String code = devnets.code(DevnetSeed.ALICE);

    // (a) The user and their code survive a kill right after POST /users.
    ApiClient.Reply user = Atlas.postUser(node.api(), code);
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    String userId = user.json().get("userId").asText();
    killAndRestart();
    ApiClient.Reply joined = Atlas.postChannel(node.api(), code, userId, 1);
    assertThat(joined.status())
        .as("(a) sign-up with the code after a kill: %s", joined.body())
        .isEqualTo(201);
    assertThat(joined.json().get("channel").get("yppStatus").asText()).isEqualTo("Unverified");
    String youtubeChannelId = joined.json().get("channel").get("youtubeChannelId").asText();

    // (b) The channel survives a kill right after POST /channels, and the code stays used up:
    // it serves no sign-up but a repeat of this one (an answer lost in the kill).
    killAndRestart();
    JsonNode channel = awaitChannel(1, "Unverified", "(b) channel after a kill");
    assertThat(channel.get("youtubeChannelId").asText()).isEqualTo(youtubeChannelId);
    ApiClient.Reply reused = Atlas.postChannel(node.api(), code, userId, 2);
    assertThat(reused.status()).as("(b) used code: %s", reused.body()).isEqualTo(400);
    assertThat(reused.json().get("message").asText())
        .isEqualTo("Invalid request author. Permission denied.");

    // (c) The operator's verification survives a kill.
    ApiClient.Reply verified =
        node.api()
            .send(
                "PUT",
                "/channels/verify",
                "[{\"joystreamChannelId\":1,\"tier\":\"Silver\"}]",
                OPERATOR_KEY);
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    killAndRestart();
    awaitChannel(1, "Verified::Silver", "(c) tier after a kill");

    // (d) The owner's signed switch survives a kill, and so does the replay protection.
    String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    String stop = Atlas.ownerSigned("{\"shouldBeIngested\":false,\"timestamp\":\"" + at + "\"}");
    ApiClient.Reply ingest = node.api().send("PUT", "/channels/1/ingest", stop, null);
    assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);
    killAndRestart();
    node.api()
        .await(
            "/channels/1",
            r -> r.status() == 200 && !r.json().get("shouldBeIngested").asBoolean(),
            READ_SIDE_LAG);
    ApiClient.Reply replay = node.api().send("PUT", "/channels/1/ingest", stop, null);
    assertThat(replay.status()).as("(d) replay after a kill: %s", replay.body()).isEqualTo(404);
    assertThat(replay.json().get("message").asText()).isEqualTo(REPLAY_REFUSED);
    String before = Instant.parse(at).minusSeconds(1).toString();
    ApiClient.Reply older =
        node.api()
            .send(
                "PUT",
                "/channels/1/ingest",
                Atlas.ownerSigned(
                    "{\"shouldBeIngested\":true,\"videoCategoryId\":\"cat-1\",\"timestamp\":\""
                        + before
                        + "\"}"),
                null);
    assertThat(older.status())
        .as("(d) a fresh signature dated before the last action: %s", older.body())
        .isEqualTo(404);

    // (e) The opt-out survives a kill; signing up again restores the tier.
    String later = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
    ApiClient.Reply optOut =
        node.api()
            .send(
                "PUT",
                "/channels/1/optout",
                Atlas.ownerSigned("{\"optout\":true,\"timestamp\":\"" + later + "\"}"),
                null);
    assertThat(optOut.status()).as(optOut.body()).isEqualTo(200);
    killAndRestart();
    awaitChannel(1, "OptedOut", "(e) opt-out after a kill");
    String again = devnets.code(DevnetSeed.ALICE);
    ApiClient.Reply user2 = Atlas.postUser(node.api(), again);
    assertThat(user2.status()).as(user2.body()).isEqualTo(201);
    ApiClient.Reply back =
        Atlas.postChannel(node.api(), again, user2.json().get("userId").asText(), 1);
    assertThat(back.status()).as("(e) re-sign-up: %s", back.body()).isEqualTo(201);
    assertThat(back.json().get("channel").get("yppStatus").asText())
        .as("(e) tier restored")
        .isEqualTo("Verified::Silver");
  }
}
