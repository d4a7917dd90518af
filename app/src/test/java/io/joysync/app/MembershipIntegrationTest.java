package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.user.UserEntity;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionMember;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A signed-up creator gets captcha-free Joystream memberships through {@code POST /membership}, on
 * a real node against the YouTube devnet and the Joystream devnet's chain, Orion and faucet: the
 * members exist on chain and in Orion, a user gets at most two, the sign-up code is checked, and
 * faucet failures and bad input answer 400 in the error shape without changing anything.
 */
@EnabledIf("io.joysync.app.TestCassandra#available")
class MembershipIntegrationTest {

  private static final String REDIRECT = "http://127.0.0.1/atlas/callback";
  private static final String FAUCET_KEY = "membership-test-faucet-key";
  private static YoutubeDevnet.Running youtube;
  private static RunningDevnet joystream;
  private static TestNodes.Started node;
  private static ApiClient api;
  private static OrionClient orion;

  @BeforeAll
  static void start() throws Exception {
    youtube = YoutubeDevnet.start(YoutubeDevnetSettings.defaults().withPort(0));
    joystream =
        Devnet.start(DevnetSettings.forTests().with("faucet.captcha-bypass-key", FAUCET_KEY));
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    node =
        TestNodes.start(
            TestCassandra.freshKeyspacePrefix("membership"),
            Map.of(
                "joysync.youtube.devnet-base-url",
                youtube.baseUrl(),
                "joysync.youtube.client-id",
                "joysync-devnet.apps.googleusercontent.com",
                "joysync.youtube.client-secret",
                "devnet-client-secret",
                "joysync.youtube.api-key",
                "devnet-api-key",
                "joysync.tokens.key",
                Base64.getEncoder().encodeToString(key),
                "joysync.joystream.orion-url",
                joystream.orionUrl(),
                "joysync.joystream.chain-url",
                joystream.chainUrl(),
                "joysync.joystream.faucet.endpoint",
                joystream.faucetUrl(),
                "joysync.joystream.faucet.captcha-bypass-key",
                FAUCET_KEY));
    api = node.api();
    orion = OrionClient.create(URI.create(joystream.orionUrl()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
    if (joystream != null) {
      joystream.close();
    }
    if (youtube != null) {
      youtube.close();
    }
  }

  record SignedUp(String userId, String code) {}

  private static SignedUp signUp(String account) {
    String query =
        "?account="
            + URLEncoder.encode(account, StandardCharsets.UTF_8)
            + "&redirect_uri="
            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
            + "&access_type=offline";
    String code =
        new ApiClient(youtube.baseUrl())
            .send("POST", "/admin/oauth/codes" + query, "", null)
            .json()
            .get("code")
            .asText();
    ApiClient.Reply user =
        api.send(
            "POST",
            "/users",
            "{\"authorizationCode\":\"" + code + "\",\"youtubeRedirectUri\":\"" + REDIRECT + "\"}",
            null);
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    return new SignedUp(user.json().get("userId").asText(), code);
  }

  private static ObjectNode body(SignedUp user, String account, String handle) {
    return io.joysync.http.Json.MAPPER
        .createObjectNode()
        .put("userId", user.userId())
        .put("authorizationCode", user.code())
        .put("account", account)
        .put("handle", handle)
        .put("avatar", "https://example.com/" + handle + ".png")
        .put("about", "Made by joysync's membership test")
        .put("name", "Creator " + handle);
  }

  private static ApiClient.Reply create(ObjectNode body) {
    return api.send("POST", "/membership", body.toString(), null);
  }

  private static String freshAccount() {
    return KeyPair.fromUri(KeyType.SR25519, "//membership-it//" + UUID.randomUUID()).address();
  }

  private static String freshHandle() {
    return "creator-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long nextMemberId() {
    Long next = joystream.chain().read(rt -> rt.state().nextMemberId());
    return next;
  }

  private static List<Long> recordedMemberships(String userId) throws Exception {
    Optional<UserEntity.User> user =
        ClusterSharding.get(node.node().system())
            .entityRefFor(UserEntity.ENTITY_KEY, userId)
            .<Optional<UserEntity.User>>ask(UserEntity.Get::new, Duration.ofSeconds(10))
            .toCompletableFuture()
            .get(15, TimeUnit.SECONDS);
    return user.orElseThrow().joystreamMemberIds();
  }

  private static void assertFaucetFailure(ApiClient.Reply r, String code, String account) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode json = r.json();
    assertThat(json.get("statusCode").asInt()).isEqualTo(400);
    assertThat(json.get("error").asText()).isEqualTo("Bad Request");
    assertThat(json.get("code").asText()).isEqualTo(code);
    assertThat(json.get("message").asText())
        .isEqualTo("Failed to create membership through faucet for account address: " + account);
  }

  /** Polls Orion until it has indexed the member, failing after {@code limit}. */
  private static OrionMember awaitIndexed(long memberId, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<OrionMember> m = orion.membershipById(memberId).get(10, TimeUnit.SECONDS);
      if (m.isPresent()) {
        return m.get();
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("Orion did not index member " + memberId + " within " + limit);
  }

  private static void faults(String json) {
    ApiClient.Reply r = new ApiClient(joystream.adminUrl()).send("PUT", "/faults", json, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void aCreatorGetsTwoMembershipsOnChainAndNoMore() throws Exception {
    SignedUp alice = signUp(DevnetSeed.ALICE);
    String account = freshAccount();
    String handle = freshHandle();

    ApiClient.Reply first = create(body(alice, account, handle));

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("handle").asText()).isEqualTo(handle);
    long memberId = first.json().get("memberId").asLong();
    OrionMember member = awaitIndexed(memberId, Duration.ofSeconds(30));
    assertThat(member.handle()).isEqualTo(handle);
    assertThat(member.controllerAccount()).isEqualTo(account);
    assertThat(member.name()).contains("Creator " + handle);

    ApiClient.Reply second = create(body(alice, freshAccount(), freshHandle()));
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    long secondId = second.json().get("memberId").asLong();
    assertThat(secondId).isNotEqualTo(memberId);
    Optional<?> onChain = joystream.chain().read(rt -> rt.state().member(secondId));
    assertThat(onChain).isPresent();

    long next = nextMemberId();
    ApiClient.Reply third = create(body(alice, freshAccount(), freshHandle()));
    assertThat(third.status()).as(third.body()).isEqualTo(400);
    assertThat(third.json().get("message").asText())
        .isEqualTo(
            "Already created Joysteam memberships "
                + memberId
                + ","
                + secondId
                + " for user "
                + alice.userId());
    assertThat(nextMemberId()).isEqualTo(next);
    assertThat(recordedMemberships(alice.userId())).containsExactly(memberId, secondId);

    ObjectNode wrongCode = body(alice, freshAccount(), freshHandle());
    wrongCode.put("authorizationCode", "not-the-code");
    ApiClient.Reply refused = create(wrongCode);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asText())
        .isEqualTo("Invalid request author. Permission denied.");
    assertThat(nextMemberId()).isEqualTo(next);
  }

  @Test
  void faucetFailuresAnswerInTheFaucetErrorShapeAndRecordNothing() throws Exception {
    api.send("POST", "/channels/whitelist", "[{\"channelHandle\":\"@BobStarts\"}]", OPERATOR_KEY);
    SignedUp bob = signUp(DevnetSeed.BOB);
    String taken = freshHandle();
    assertThat(create(body(bob, freshAccount(), taken)).status()).isEqualTo(201);
    List<Long> before = recordedMemberships(bob.userId());

    String account = freshAccount();
    assertFaucetFailure(create(body(bob, account, taken)), "HandleAlreadyRegistered", account);
    try {
      faults("{\"faucetDown\":true}");
      assertFaucetFailure(create(body(bob, account, freshHandle())), "ECONNREFUSED", account);
      faults("{\"faucetDown\":false,\"faucetErrors\":true}");
      assertFaucetFailure(
          create(body(bob, account, freshHandle())), "InternalServerError", account);
    } finally {
      new ApiClient(joystream.adminUrl()).send("POST", "/faults/reset", "{}", null);
    }
    assertThat(recordedMemberships(bob.userId())).isEqualTo(before);
    assertThat(create(body(bob, account, freshHandle())).status()).isEqualTo(201);
  }

  @Test
  void badInputIsRefusedAndChangesNothing() throws Exception {
    SignedUp carol = new SignedUp("no-such-user-" + UUID.randomUUID(), "code");
    long next = nextMemberId();
    ObjectNode missing = body(carol, freshAccount(), freshHandle());
    missing.remove("account");
    missing.remove("name");
    ObjectNode wrongTypes = body(carol, freshAccount(), freshHandle());
    wrongTypes.put("handle", 7).put("about", false);
    ObjectNode tooLong = body(carol, freshAccount(), "h".repeat(101));
    tooLong.put("about", "a".repeat(5000));
    List<String> bodies =
        List.of(
            "{",
            "[]",
            missing.toString(),
            wrongTypes.toString(),
            body(carol, "5NotAnAddress", freshHandle()).toString(),
            body(carol, freshAccount(), freshHandle())
                .put("avatar", "javascript:alert(1)")
                .toString(),
            tooLong.toString(),
            body(carol, freshAccount(), freshHandle()).toString());
    for (String b : bodies) {
      ApiClient.Reply r = api.send("POST", "/membership", b, null);
      assertThat(r.status()).as(b + " -> " + r.body()).isEqualTo(400);
      assertThat(r.json().get("statusCode").asInt()).isEqualTo(400);
      assertThat(r.json().get("code").asText()).isNotBlank();
      assertThat(r.body()).doesNotContain("Exception");
    }
    assertThat(nextMemberId()).isEqualTo(next);
  }
}
