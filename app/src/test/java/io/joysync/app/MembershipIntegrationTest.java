package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.chain.ChainRecords.Member;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.VideoKind;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.user.UserEntity;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.content.proto.MembershipMetadata;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.keys.Ss58;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionMember;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed-up creator gets captcha-free Joystream memberships through {@code POST /membership}, on
 * a real node against the YouTube devnet and the Joystream devnet's chain, Orion and faucet:
 * Atlas's own body works, the members exist on chain and in Orion, a user gets at most two however
 * many requests run at once, the sign-up code is checked, faucet failures answer youtube-synch's
 * bare {@code {code, message}}, and a request whose faucet answer was lost is completed by sending
 * it again, without buying a second membership.
 */
@Needs(Service.CASSANDRA)
class MembershipIntegrationTest {

  private static final String FAUCET_KEY = "membership-test-faucet-key";

  /** One creator per test below that needs a user of its own (each user has two slots). */
  private static final List<String> CREATORS =
      List.of("atlas", "refusals", "unknown", "lost", "parallel");

  private static NodeWithDevnets services;
  private static RunningDevnet joystream;
  private static ApiClient api;
  private static OrionClient orion;

  @BeforeAll
  static void start() throws Exception {
    List<DevnetSeed.CreatorSeed> creators = new ArrayList<>(DevnetSeed.standard().creators());
    for (int i = 0; i < CREATORS.size(); i++) {
      creators.add(creator(i, CREATORS.get(i)));
    }
    services =
        NodeWithDevnets.start(
            "membership",
            YoutubeDevnetSettings.defaults().withSeed(new DevnetSeed(creators)),
            DevnetSettings.forTests().with("faucet.captcha-bypass-key", FAUCET_KEY),
            Map.of());
    joystream = services.devnets.joystream;
    api = services.api;
    orion = OrionClient.create(URI.create(joystream.orionUrl()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  record SignedUp(String userId, String code) {}

  /** A creator whose channel meets the sign-up requirements. */
  private static DevnetSeed.CreatorSeed creator(int n, String name) {
    List<DevnetSeed.VideoSeed> videos = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = (name + "-m-" + i + "-xxxxxxxxxxx").substring(0, 11);
      videos.add(
          new DevnetSeed.VideoSeed(id, name + " video " + i, 24 * (i + 1), 120, VideoKind.PUBLIC));
    }
    return new DevnetSeed.CreatorSeed(
        "12000000000000000000" + n,
        email(name),
        new DevnetSeed.ChannelSeed(
            DevnetSeed.channelId("membership-" + name),
            "Channel " + name,
            "@" + name + "members",
            500,
            400,
            videos),
        false);
  }

  private static String email(String creator) {
    return creator + "-members@example.com";
  }

  private static SignedUp signUp(String account) {
    String code = services.devnets.code(account);
    ApiClient.Reply user = Atlas.postUser(api, code);
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
        ClusterSharding.get(services.node.node().system())
            .entityRefFor(UserEntity.ENTITY_KEY, userId)
            .<Optional<UserEntity.User>>ask(UserEntity.Get::new, Duration.ofSeconds(10))
            .toCompletableFuture()
            .get(15, TimeUnit.SECONDS);
    return user.orElseThrow().joystreamMemberIds();
  }

  /** youtube-synch's faucet failure: 400 and exactly {@code {code, message}}, nothing else. */
  private static void assertFaucetFailure(ApiClient.Reply r, String code, String account) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json())
        .isEqualTo(
            io.joysync.http.Json.MAPPER
                .createObjectNode()
                .put("code", code)
                .put(
                    "message",
                    "Failed to create membership through faucet for account address: " + account));
  }

  /** The faucet's outcome is unknown: 503, the same bare shape, and what to do about it. */
  private static void assertOutcomeUnknown(ApiClient.Reply r, String code, String account) {
    assertThat(r.status()).as(r.body()).isEqualTo(503);
    assertThat(fieldNames(r.json())).containsExactly("code", "message");
    assertThat(r.json().get("code").asText()).isEqualTo(code);
    assertThat(r.json().get("message").asText())
        .contains(account)
        .contains("Send the same request again (same handle and account)");
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Asks Orion until it has indexed the member, failing after {@code limit}. */
  private static OrionMember awaitIndexed(long memberId, Duration limit) {
    return Awaitility.await("Orion indexing member " + memberId)
        .atMost(limit)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> orion.membershipById(memberId).get(10, TimeUnit.SECONDS), Optional::isPresent)
        .orElseThrow();
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

  /** The reply to {@code request} sent while the devnet's faults {@code json} are switched on. */
  private static ApiClient.Reply createWithFaults(String json, ObjectNode request) {
    try {
      faults(json);
      return create(request);
    } finally {
      resetFaults();
    }
  }

  private static void resetFaults() {
    ApiClient.Reply r =
        new ApiClient(joystream.adminUrl()).send("POST", "/faults/reset", "{}", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** Sends the same request until it is answered 201; meanwhile only "outcome unknown" (503). */
  private static ApiClient.Reply retryUntilCreated(ObjectNode body, Duration limit) {
    return Awaitility.await("the membership created")
        .atMost(limit)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> create(body),
            r -> {
              assertThat(r.status()).as(r.body()).isIn(201, 503);
              return r.status() == 201;
            });
  }

  @Test
  void atlasOwnBodyWithoutAboutAndNameCreatesAMemberOnChain() throws Exception {
    SignedUp creator = signUp(email("atlas"));
    String account = freshAccount();
    String handle = freshHandle();
    ObjectNode atlas =
        io.joysync.http.Json.MAPPER
            .createObjectNode()
            .put("account", account)
            .put("handle", handle)
            .put("avatar", "https://example.com/" + handle + ".png")
            .put("captchaToken", "10000000-aaaa-bbbb-cccc-000000000001")
            .put("userId", creator.userId())
            .put("authorizationCode", creator.code());

    ApiClient.Reply r = create(atlas);

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    long memberId = r.json().get("memberId").asLong();
    assertThat(r.json().get("handle").asText()).isEqualTo(handle);
    Member onChain = joystream.chain().read(rt -> rt.state().member(memberId)).orElseThrow();
    assertThat(onChain.handle()).isEqualTo(handle);
    assertThat(Ss58.encode(onChain.controller().bytes())).isEqualTo(account);
    MembershipMetadata metadata = MembershipMetadata.parseFrom(onChain.metadata());
    assertThat(metadata.getAvatarUri()).isEqualTo("https://example.com/" + handle + ".png");
    assertThat(metadata.hasName()).isFalse();
    assertThat(metadata.hasAbout()).isFalse();
    assertThat(recordedMemberships(creator.userId())).containsExactly(memberId);
  }

  @Test
  void faucetRefusalsAnswerTheFaucetsBareErrorAndFreeTheSlot() throws Exception {
    SignedUp creator = signUp(email("refusals"));
    String taken = freshHandle();
    assertThat(create(body(creator, freshAccount(), taken)).status()).isEqualTo(201);
    List<Long> before = recordedMemberships(creator.userId());
    long next = nextMemberId();

    String account = freshAccount();
    assertFaucetFailure(create(body(creator, account, taken)), "HandleAlreadyRegistered", account);
    assertFaucetFailure(
        createWithFaults("{\"faucetDown\":true}", body(creator, account, freshHandle())),
        "ECONNREFUSED",
        account);

    assertThat(nextMemberId()).isEqualTo(next);
    assertThat(recordedMemberships(creator.userId())).isEqualTo(before);
    ApiClient.Reply last = create(body(creator, account, freshHandle()));
    assertThat(last.status()).as("the refused requests left the second slot free").isEqualTo(201);
  }

  @Test
  void anUnknownOutcomeKeepsItsSlotUntilTheSameRequestIsSentAgain() throws Exception {
    SignedUp creator = signUp(email("unknown"));
    assertThat(create(body(creator, freshAccount(), freshHandle())).status()).isEqualTo(201);
    String account = freshAccount();
    String handle = freshHandle();
    ObjectNode request = body(creator, account, handle);
    long next = nextMemberId();

    ApiClient.Reply unknown = createWithFaults("{\"faucetErrors\":true}", request);
    ApiClient.Reply another = create(body(creator, freshAccount(), freshHandle()));
    ApiClient.Reply again = retryUntilCreated(request, Duration.ofSeconds(30));

    assertOutcomeUnknown(unknown, "InternalServerError", account);
    assertThat(another.status()).as(another.body()).isEqualTo(400);
    assertThat(another.json().get("code").asText()).isEqualTo("MEMBERSHIP_LIMIT_REACHED");
    assertThat(another.json().get("message").asText()).contains("still creating", handle);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().get("memberId").asLong()).isEqualTo(next);
    assertThat(nextMemberId()).isEqualTo(next + 1);
    assertThat(recordedMemberships(creator.userId())).hasSize(2).contains(next);
  }

  @Test
  void aRetryAfterALostAnswerRecordsTheMemberBoughtInsteadOfBuyingAnother() throws Exception {
    SignedUp creator = signUp(email("lost"));
    String account = freshAccount();
    String handle = freshHandle();
    ObjectNode request = body(creator, account, handle);
    long next = nextMemberId();

    ApiClient.Reply lost = createWithFaults("{\"faucetAnswerLost\":true}", request);
    assertOutcomeUnknown(lost, "InternalServerError", account);
    assertThat(nextMemberId()).as("the faucet bought it all the same").isEqualTo(next + 1);
    assertThat(recordedMemberships(creator.userId())).isEmpty();

    ApiClient.Reply retried = retryUntilCreated(request, Duration.ofSeconds(30));
    ApiClient.Reply once = create(request);

    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(retried.json().get("memberId").asLong()).isEqualTo(next);
    assertThat(retried.json().get("handle").asText()).isEqualTo(handle);
    assertThat(once.status()).as(once.body()).isEqualTo(201);
    assertThat(once.json().get("memberId").asLong()).isEqualTo(next);
    assertThat(nextMemberId()).as("no second membership was bought").isEqualTo(next + 1);
    assertThat(recordedMemberships(creator.userId())).containsExactly(next);
    assertThat(create(body(creator, freshAccount(), freshHandle())).status())
        .as("the second slot is still free")
        .isEqualTo(201);
  }

  @Test
  void parallelRequestsForTheLastSlotBuyOneMembership() throws Exception {
    SignedUp creator = signUp(email("parallel"));
    long first =
        create(body(creator, freshAccount(), freshHandle())).json().get("memberId").asLong();
    long next = nextMemberId();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    List<ApiClient.Reply> replies;
    try {
      List<Future<ApiClient.Reply>> pending = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ObjectNode request = body(creator, freshAccount(), freshHandle());
        pending.add(callers.submit(() -> create(request)));
      }
      replies = new ArrayList<>();
      for (Future<ApiClient.Reply> f : pending) {
        replies.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(1);
    assertThat(replies)
        .filteredOn(r -> r.status() != 201)
        .allSatisfy(
            r -> {
              assertThat(r.status()).as(r.body()).isEqualTo(400);
              assertThat(r.json().get("code").asText()).isEqualTo("MEMBERSHIP_LIMIT_REACHED");
            });
    assertThat(nextMemberId()).as("the faucet bought exactly one").isEqualTo(next + 1);
    assertThat(recordedMemberships(creator.userId())).containsExactly(first, next);
  }

  @Test
  void badInputIsRefusedAndChangesNothing() throws Exception {
    SignedUp carol = new SignedUp("no-such-user-" + UUID.randomUUID(), "code");
    long next = nextMemberId();
    ObjectNode missing = body(carol, freshAccount(), freshHandle());
    missing.remove("account");
    missing.remove("name");
    missing.remove("about");
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
