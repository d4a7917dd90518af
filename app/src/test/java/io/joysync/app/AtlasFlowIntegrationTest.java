package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A creator goes through the YPP exactly as Atlas drives it, against the YouTube devnet and the
 * Joystream devnet (chain and Orion): Google code, {@code POST /users}, {@code POST /channels}, an
 * operator verifies, the owner switches ingestion with a wallet signature (sr25519, wrapped in
 * {@code <Bytes>} as browser extensions sign), the same signature replayed is refused, the owner
 * opts out and signs up again to find the tier restored.
 */
@Needs(Service.CASSANDRA)
class AtlasFlowIntegrationTest {

  private static final Duration READ_SIDE_LAG = Duration.ofSeconds(60);
  private static NodeWithDevnets services;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    services = NodeWithDevnets.start("atlas", Map.of());
    api = services.api;
  }

  @AfterAll
  static void stop() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  /** POST /users then POST /channels, as Atlas does; returns the POST /channels reply. */
  private static ApiClient.Reply signUp(String account, long joystreamChannelId) {
    return signUp(account, joystreamChannelId, 1);
  }

  /** The same, with POST /channels sent {@code times} times (a repeat after a lost answer). */
  private static ApiClient.Reply signUp(String account, long joystreamChannelId, int times) {
    String code = services.devnets.code(account);
    ApiClient.Reply user = Atlas.postUser(api, code);
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    String userId = user.json().get("userId").asText();
    ApiClient.Reply reply = Atlas.postChannel(api, code, userId, joystreamChannelId);
    for (int i = 1; i < times; i++) {
      reply = Atlas.postChannel(api, code, userId, joystreamChannelId);
    }
    return reply;
  }

  private static JsonNode awaitStatus(long joystreamChannelId, String status) {
    return api.await(
            "/channels/" + joystreamChannelId,
            r -> r.status() == 200 && r.json().get("yppStatus").asText().equals(status),
            READ_SIDE_LAG)
        .json();
  }

  @Test
  void aCreatorJoinsIsVerifiedControlsSyncingAndComesBack() {
    // Sent twice, as Atlas would after losing the first answer: the repeat completes as well.
    ApiClient.Reply joined = signUp(DevnetSeed.ALICE, 1, 2);
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    assertThat(joined.json().get("channel").get("yppStatus").asText()).isEqualTo("Unverified");
    assertThat(joined.json().get("channel").get("joystreamChannelId").asLong()).isEqualTo(1);
    // Atlas reads the channel right after signing up: it is there at once, not after the read side.
    ApiClient.Reply fresh = api.send("GET", "/channels/1", null, null);
    assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
    assertThat(fresh.json().get("yppStatus").asText()).isEqualTo("Unverified");
    // The initial ingestion tracks the newest syncable uploads, up to an Unverified channel's 5.
    String userId = joined.json().get("user").get("id").asText();
    JsonNode videos =
        api.await(
                "/users/" + userId + "/videos",
                r -> r.status() == 200 && r.json().size() == 5,
                READ_SIDE_LAG)
            .json();
    assertThat(videos)
        .allSatisfy(
            v -> {
              assertThat(v.get("state").asText()).isEqualTo("New");
              assertThat(v.get("category").asText()).isEqualTo("cat-1");
              assertThat(v.get("privacyStatus").asText()).isEqualTo("public");
            });

    // Another creator cannot have the Joystream channel alice's channel is linked to.
    api.send("POST", "/channels/whitelist", "[{\"channelHandle\":\"@bobstarts\"}]", OPERATOR_KEY);
    ApiClient.Reply taken = signUp(DevnetSeed.BOB, 1);
    assertThat(taken.status()).as(taken.body()).isEqualTo(400);
    assertThat(taken.json().get("code").asText()).isEqualTo("CHANNEL_ALREADY_REGISTERED");
    assertThat(taken.json().get("message").asText())
        .isEqualTo(
            "Joystream Channel 1 already connected with Youtube Channel "
                + fresh.json().get("youtubeChannelId").asText()
                + ".");

    api.send(
        "PUT",
        "/channels/verify",
        "[{\"joystreamChannelId\":1,\"tier\":\"Silver\"}]",
        OPERATOR_KEY);
    awaitStatus(1, "Verified::Silver");

    String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    String stop = Atlas.ownerSigned("{\"shouldBeIngested\":false,\"timestamp\":\"" + at + "\"}");
    ApiClient.Reply ingest = api.send("PUT", "/channels/1/ingest", stop, null);
    ApiClient.Reply replay = api.send("PUT", "/channels/1/ingest", stop, null);
    ApiClient.Reply forged =
        api.send(
            "PUT",
            "/channels/1/ingest",
            stop.replace(
                "\"shouldBeIngested\":false",
                "\"shouldBeIngested\":true," + "\"videoCategoryId\":\"x\""),
            null);

    assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);
    assertThat(replay.status()).isEqualTo(404);
    assertThat(replay.json().get("message").asText())
        .isEqualTo("Invalid request signature or playback message. Permission denied.");
    assertThat(forged.status()).isEqualTo(404);
    assertThat(
            api.send("GET", "/channels/1", null, null).json().get("shouldBeIngested").asBoolean())
        .isFalse();

    String later = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
    ApiClient.Reply optOut =
        api.send(
            "PUT",
            "/channels/1/optout",
            Atlas.ownerSigned("{\"optout\":true,\"timestamp\":\"" + later + "\"}"),
            null);
    assertThat(optOut.status()).as(optOut.body()).isEqualTo(200);
    awaitStatus(1, "OptedOut");

    ApiClient.Reply again = signUp(DevnetSeed.ALICE, 1);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().get("channel").get("yppStatus").asText()).isEqualTo("Verified::Silver");
  }

  @Test
  void theCollaboratorsAccountIsReadFromTheChain() {
    ApiClient.Reply r = api.send("GET", "/status/collaborator", null, null);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("memberId").isTextual()).isTrue();
    assertThat(r.json().get("memberId").asText()).isEqualTo("1");
    assertThat(r.json().get("controllerAccount").asText())
        .isEqualTo(KeyPair.fromUri(KeyType.ED25519, "//Joysync//1").address());
    // The devnet funds member controllers with 10^17 base units = 10,000,000 JOY.
    assertThat(r.json().get("balance").asText()).isEqualTo("10000000");
  }

  @Test
  void channelSignUpsAreRefusedWithTheReason() {
    // Bob (whitelisted, since his channel misses the requirements) never completes a sign-up here.
    api.send("POST", "/channels/whitelist", "[{\"channelHandle\":\"@bobstarts\"}]", OPERATOR_KEY);
    String code = services.devnets.code(DevnetSeed.BOB);
    String userId = Atlas.postUser(api, code).json().get("userId").asText();
    String body =
        "{\"authorizationCode\":\"%s\",\"userId\":\"%s\",\"email\":\"a@example.com\","
            + "\"joystreamChannelId\":%d,\"shouldBeIngested\":false%s}";

    ApiClient.Reply wrongCode =
        api.send("POST", "/channels", body.formatted("other", userId, 2, ""), null);
    ApiClient.Reply unknownChannel =
        api.send("POST", "/channels", body.formatted(code, userId, 999_999, ""), null);
    ApiClient.Reply selfReferral =
        api.send(
            "POST", "/channels", body.formatted(code, userId, 2, ",\"referrerChannelId\":2"), null);
    ApiClient.Reply badEmail =
        api.send(
            "POST",
            "/channels",
            body.formatted(code, userId, 2, "").replace("a@example.com", "x"),
            null);

    assertThat(wrongCode.status()).isEqualTo(400);
    assertThat(wrongCode.json().get("message").asText())
        .isEqualTo("Invalid request author. Permission denied.");
    assertThat(unknownChannel.status()).isEqualTo(400);
    assertThat(unknownChannel.json().get("message").asText())
        .isEqualTo("Joystream Channel 999999 does not exist.");
    assertThat(selfReferral.json().get("message").asText())
        .isEqualTo("Referrer channel cannot be the same as the channel being verified.");
    assertThat(badEmail.status()).isEqualTo(400);
  }
}
