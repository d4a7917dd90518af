package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.user.UserEntity;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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

  private static final String REDIRECT = "http://127.0.0.1/atlas/callback";
  private static YoutubeDevnet.Running youtube;
  private static TestNodes.Started node;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    youtube = YoutubeDevnet.start(YoutubeDevnetSettings.defaults().withPort(0));
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    node =
        TestNodes.start(
            TestCassandra.freshKeyspacePrefix("signup"),
            Map.of(
                "joysync.youtube.devnet-base-url", youtube.baseUrl(),
                "joysync.youtube.client-id", "joysync-devnet.apps.googleusercontent.com",
                "joysync.youtube.client-secret", "devnet-client-secret",
                "joysync.youtube.api-key", "devnet-api-key",
                "joysync.tokens.key", Base64.getEncoder().encodeToString(key)));
    api = node.api();
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
    if (youtube != null) {
      youtube.close();
    }
  }

  /** The code Google's consent screen would hand Atlas for this account. */
  private static String code(String account, boolean offline) {
    return code(account, offline, "");
  }

  /** The code for a consent that granted only {@code scope} (empty: every scope asked for). */
  private static String code(String account, boolean offline, String scope) {
    ApiClient admin = new ApiClient(youtube.baseUrl());
    String query =
        "?account="
            + URLEncoder.encode(account, StandardCharsets.UTF_8)
            + "&redirect_uri="
            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
            + "&access_type="
            + (offline ? "offline" : "online")
            + (scope.isEmpty() ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    return admin.send("POST", "/admin/oauth/codes" + query, "", null).json().get("code").asText();
  }

  private static ApiClient.Reply signUp(String code) {
    return api.send(
        "POST",
        "/users",
        "{\"authorizationCode\":\"" + code + "\",\"youtubeRedirectUri\":\"" + REDIRECT + "\"}",
        null);
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
        ClusterSharding.get(node.node().system())
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
