package io.joysync.engine.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.engine.TestCluster;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.joystream.faucet.FaucetClient;
import io.joysync.joystream.faucet.FaucetSettings;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The membership purchase on the devnet's faucet and Orion, without HTTP: a membership bought and
 * recorded, and every refusal with its stable code and the data its answer is phrased from.
 */
class MembershipPurchaseTest {

  private static final String FAUCET_KEY = "membership-test-key";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final TokenCipher CIPHER =
      new TokenCipher("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])));

  private static RunningDevnet devnet;
  private static FaucetClient faucet;
  private static OrionClient orion;
  private ActorTestKit testKit;

  @BeforeAll
  static void startDevnet() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests().with("faucet.captcha-bypass-key", FAUCET_KEY));
    faucet =
        FaucetClient.create(
            new FaucetSettings(URI.create(devnet.faucetUrl()), FAUCET_KEY, Duration.ofSeconds(20)));
    orion = OrionClient.create(URI.create(devnet.orionUrl()));
  }

  @AfterAll
  static void stopDevnet() {
    devnet.close();
  }

  @BeforeEach
  void freshCluster() {
    testKit = TestCluster.start("membership");
    UserEntity.init(testKit.system());
  }

  @AfterEach
  void stopCluster() {
    faults("/faults/reset", "{}", "POST");
    testKit.shutdownTestKit();
  }

  private MembershipPurchase purchase(Optional<FaucetClient> client, int limit) {
    return new MembershipPurchase(
        testKit.system(), client, orion, TIMEOUT, limit, Clock.systemUTC());
  }

  private static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** A creator after {@code POST /users}: the account and the code of its sign-up. */
  private String[] creator() throws Exception {
    // A Google account id: digits. (Picking the digits of a random UUID found too few, at times.)
    String userId =
        "1" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    String code = "code-" + UUID.randomUUID();
    String aad = "user:" + userId;
    get(
        ClusterSharding.get(testKit.system())
            .entityRefFor(UserEntity.ENTITY_KEY, userId)
            .<UserEntity.User>askWithStatus(
                r ->
                    new UserEntity.Register(
                        userId + "@example.com",
                        code,
                        new Registration.OwnerTokens(
                            CIPHER.encrypt(aad, "access"), CIPHER.encrypt(aad, "refresh")),
                        "UC" + "c".repeat(22),
                        Instant.now(),
                        r),
                TIMEOUT));
    return new String[] {userId, code};
  }

  private static MembershipPurchase.Request request(
      String[] creator, String account, String handle) {
    return new MembershipPurchase.Request(
        creator[0],
        creator[1],
        account,
        handle,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static String freshAccount() {
    return KeyPair.fromUri(KeyType.SR25519, "//membership-test//" + UUID.randomUUID()).address();
  }

  private static String freshHandle() {
    return "creator-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void faults(String path, String json, String method) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(devnet.adminUrl() + path))
                      .method(method, HttpRequest.BodyPublishers.ofString(json))
                      .header("Content-Type", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String code(MembershipPurchase.Result result) {
    return ((MembershipPurchase.Refused) result).code();
  }

  @Test
  void aMembershipIsBoughtOnceAndTheSameRequestAgainAnswersTheSameMember() throws Exception {
    String[] creator = creator();
    MembershipPurchase purchase = purchase(Optional.of(faucet), 2);
    var request = request(creator, freshAccount(), freshHandle());
    var bought = (MembershipPurchase.Bought) get(purchase.buy(request));
    assertThat(bought.handle()).isEqualTo(request.handle());
    assertThat(get(purchase.buy(request))).isEqualTo(bought);
  }

  @Test
  void withoutAFaucetNothingIsAsked() throws Exception {
    var result = get(purchase(Optional.empty(), 2).buy(request(creator(), "a", "h")));
    assertThat(result).isEqualTo(MembershipPurchase.FaucetNotConfigured.INSTANCE);
    assertThat(code(result)).isEqualTo("FAUCET_NOT_CONFIGURED");
  }

  @Test
  void aCodeThatIsNotTheSignUpsIsRefused() throws Exception {
    String[] creator = creator();
    var result =
        get(
            purchase(Optional.of(faucet), 2)
                .buy(request(new String[] {creator[0], "forged"}, freshAccount(), freshHandle())));
    assertThat(result)
        .isEqualTo(
            new MembershipPurchase.AuthorRefused("Invalid request author. Permission denied."));
    assertThat(code(result)).isEqualTo("INVALID_AUTHOR");
  }

  @Test
  void theCreatorsLimitIsKept() throws Exception {
    String[] creator = creator();
    MembershipPurchase purchase = purchase(Optional.of(faucet), 1);
    assertThat(get(purchase.buy(request(creator, freshAccount(), freshHandle()))))
        .isInstanceOf(MembershipPurchase.Bought.class);
    var result = get(purchase.buy(request(creator, freshAccount(), freshHandle())));
    assertThat(result).isInstanceOf(MembershipPurchase.LimitReached.class);
    assertThat(code(result)).isEqualTo("MEMBERSHIP_LIMIT_REACHED");
  }

  @Test
  void aFaucetRefusalNamesTheFaucetsCodeAndFreesTheSlot() throws Exception {
    String[] creator = creator();
    MembershipPurchase purchase = purchase(Optional.of(faucet), 2);
    String taken = freshHandle();
    assertThat(get(purchase.buy(request(creator, freshAccount(), taken))))
        .isInstanceOf(MembershipPurchase.Bought.class);
    String account = freshAccount();
    var result = get(purchase.buy(request(creator, account, taken)));
    assertThat(result)
        .isEqualTo(new MembershipPurchase.FaucetRefused("HandleAlreadyRegistered", account));
    assertThat(code(result)).isEqualTo("FAUCET_REFUSED");
    assertThat(get(purchase.buy(request(creator, account, freshHandle()))))
        .as("the refused request left the second slot free")
        .isInstanceOf(MembershipPurchase.Bought.class);
  }

  @Test
  void aLostAnswerKeepsTheSlotAndTheSameRequestAgainRecordsTheMemberBought() throws Exception {
    String[] creator = creator();
    MembershipPurchase purchase = purchase(Optional.of(faucet), 1);
    String account = freshAccount();
    var request = request(creator, account, freshHandle());
    faults("/faults", "{\"faucetAnswerLost\":true}", "PUT");
    var lost = get(purchase.buy(request));
    faults("/faults/reset", "{}", "POST");
    assertThat(lost)
        .isEqualTo(new MembershipPurchase.OutcomeUnknown("InternalServerError", account));
    assertThat(code(lost)).isEqualTo("FAUCET_OUTCOME_UNKNOWN");

    MembershipPurchase.Result retried =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> get(purchase.buy(request)), r -> r instanceof MembershipPurchase.Bought);
    long memberId = ((MembershipPurchase.Bought) retried).memberId();
    assertThat(orion.membershipByHandle(request.handle()).toCompletableFuture().get())
        .hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(memberId));
  }
}
