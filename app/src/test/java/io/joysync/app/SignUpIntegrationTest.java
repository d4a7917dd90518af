package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.user.UserEntity;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /users} as Atlas drives it, through Google's client against the YouTube devnet: a
 * creator who meets the requirements signs up, one who does not is told every unmet requirement,
 * and the same creator passes once the operator whitelists the handle.
 */
@Needs(Service.CASSANDRA)
class SignUpIntegrationTest {

  private static NodeWithDevnets services;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    services = NodeWithDevnets.start("signup", Map.of());
    api = services.api;
  }

  @AfterAll
  static void stop() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  /** The code Google's consent screen would hand Atlas for this account. */
  private static String code(String account, boolean offline) {
    return code(account, offline, "");
  }

  /** The code for a consent that granted only {@code scope} (empty: every scope asked for). */
  private static String code(String account, boolean offline, String scope) {
    return Atlas.code(services.devnets.youtube, account, offline, scope);
  }

  private static ApiClient.Reply signUp(String code) {
    return Atlas.postUser(api, code);
  }

  @Test
  void aCreatorWhoMeetsTheRequirementsSignsUp() throws Exception {
    ApiClient.Reply r = signUp(code(DevnetSeed.ALICE, true));

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("email").asText()).isEqualTo(DevnetSeed.ALICE);
    assertThat(r.json().get("channelTitle").asText()).isEqualTo("Alice Cooks");
    assertThat(r.json().get("channelHandle").asText()).isEqualTo("@alicecooks");
    String userId = r.json().get("userId").asText();
    Optional<UserEntity.User> user =
        ClusterSharding.get(services.node.node().system())
            .entityRefFor(UserEntity.ENTITY_KEY, userId)
            .<Optional<UserEntity.User>>ask(UserEntity.Get::new, Duration.ofSeconds(10))
            .toCompletableFuture()
            .get(15, TimeUnit.SECONDS);
    assertThat(user).map(UserEntity.User::email).contains(DevnetSeed.ALICE);
    JsonNode quota = api.send("GET", "/status/quota-usage/today", null, null).json();
    assertThat(quota.get("signupQuotaUsed").asLong()).isPositive();
  }

  @Test
  void unmetRequirementsAreAllListedUntilTheHandleIsWhitelisted() {
    ApiClient.Reply refused = signUp(code(DevnetSeed.BOB, true));

    assertThat(refused.status()).isEqualTo(400);
    List<String> codes = new ArrayList<>();
    refused.json().get("message").forEach(f -> codes.add(f.get("code").asText()));
    assertThat(codes)
        .contains("CHANNEL_CRITERIA_UNMET_SUBSCRIBERS", "CHANNEL_CRITERIA_UNMET_CREATION_DATE");

    assertThat(
            api.send(
                    "POST",
                    "/channels/whitelist",
                    "[{\"channelHandle\":\"@BobStarts\"}]",
                    OPERATOR_KEY)
                .status())
        .isEqualTo(201);
    ApiClient.Reply accepted = signUp(code(DevnetSeed.BOB, true));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
  }

  @Test
  void aCreatorWhoDidNotGrantYoutubeAccessIsToldWhatAtlasRecognises() {
    ApiClient.Reply r = signUp(code(DevnetSeed.ALICE, true, "email profile"));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).isEqualTo("Insufficient Permission");
    assertThat(r.json().get("code").asText()).isEqualTo("YOUTUBE_INSUFFICIENT_PERMISSION");
  }

  @Test
  void badRequestsAreRefusedWithAReason() {
    ApiClient.Reply online = signUp(code(DevnetSeed.ALICE, false));
    ApiClient.Reply badBody =
        api.send("POST", "/users", "{\"youtubeRedirectUri\":\"not a url\"}", null);
    ApiClient.Reply badCode = signUp("4/not-a-code");

    assertThat(online.status()).isEqualTo(400);
    assertThat(online.json().get("code").asText()).isNotBlank();
    assertThat(badBody.status()).isEqualTo(400);
    List<String> problems = new ArrayList<>();
    badBody.json().get("message").forEach(m -> problems.add(m.asText()));
    assertThat(problems)
        .containsExactly(
            "body.authorizationCode is required", "body.youtubeRedirectUri must be an http(s) URL");
    assertThat(badCode.status()).isEqualTo(400);
    assertThat(badCode.body()).doesNotContain("Exception");
  }
}
