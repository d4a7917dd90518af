package io.joysync.devnet.faucet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.Http;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.chain.ChainRecords.Member;
import io.joysync.joystream.content.proto.MembershipMetadata;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.keys.Ss58;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionMember;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The devnet faucet buys real memberships on the devnet chain and refuses like the real one. */
class FaucetServerTest {
  private static final String KEY = "devnet-faucet-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  static RunningDevnet devnet;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests());
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  @AfterEach
  void resetFaults() throws Exception {
    Http.post(devnet.adminUrl() + "/faults/reset", "{}");
  }

  record Reply(int status, JsonNode body) {}

  static Reply register(String authorization, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(devnet.faucetUrl()))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  static String freshAddress() {
    return KeyPair.fromUri(KeyType.SR25519, "//faucet-test//" + UUID.randomUUID()).address();
  }

  static String body(String account, String handle) {
    return JSON.createObjectNode()
        .put("account", account)
        .put("handle", handle)
        .put("avatar", "https://example.com/" + handle + ".png")
        .put("about", "about " + handle)
        .put("name", "Name " + handle)
        .toString();
  }

  static long nextMemberId() {
    Long next = devnet.chain().read(rt -> rt.state().nextMemberId());
    return next;
  }

  static String freshHandle() {
    return "faucet-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void buysAMembershipOnChainThatOrionIndexes() throws Exception {
    String account = freshAddress();
    String handle = freshHandle();
    Reply r = register("Bearer " + KEY, body(account, handle));
    assertThat(r.status()).isEqualTo(200);
    long memberId = r.body().get("memberId").asLong();
    assertThat(r.body().get("blockHash").asText()).startsWith("0x");

    Member m = devnet.chain().read(rt -> rt.state().member(memberId)).orElseThrow();
    assertThat(m.handle()).isEqualTo(handle);
    assertThat(Ss58.encode(m.controller().bytes())).isEqualTo(account);
    assertThat(Ss58.encode(m.root().bytes())).isEqualTo(account);
    MembershipMetadata meta = MembershipMetadata.parseFrom(m.metadata());
    assertThat(meta.getName()).isEqualTo("Name " + handle);
    assertThat(meta.getAbout()).isEqualTo("about " + handle);
    assertThat(meta.getAvatarUri()).isEqualTo("https://example.com/" + handle + ".png");

    OrionClient orion = OrionClient.create(URI.create(devnet.orionUrl()));
    Optional<OrionMember> indexed =
        Http.await(
            Duration.ofSeconds(15),
            () -> orion.membershipById(memberId).get(10, TimeUnit.SECONDS),
            Optional::isPresent);
    assertThat(indexed.get().handle()).isEqualTo(handle);
    assertThat(indexed.get().controllerAccount()).isEqualTo(account);
  }

  @Test
  void aTakenHandleIsTheChainsHandleAlreadyRegistered() throws Exception {
    String handle = freshHandle();
    assertThat(register("Bearer " + KEY, body(freshAddress(), handle)).status()).isEqualTo(200);
    long next = nextMemberId();
    Reply again = register("Bearer " + KEY, body(freshAddress(), handle));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().get("error").asText()).isEqualTo("HandleAlreadyRegistered");
    assertThat(nextMemberId()).isEqualTo(next);
  }

  @Test
  void aMissingOrWrongKeyIsUnauthorized() throws Exception {
    long next = nextMemberId();
    for (String auth : new String[] {null, "Bearer wrong", KEY, "Bearer " + KEY + " extra"}) {
      Reply r = register(auth, body(freshAddress(), freshHandle()));
      assertThat(r.status()).as(String.valueOf(auth)).isEqualTo(403);
      assertThat(r.body().get("error").asText()).isEqualTo("Unauthorized");
    }
    assertThat(nextMemberId()).isEqualTo(next);
  }

  @Test
  void badInputGetsTheFaucetsErrorCodes() throws Exception {
    String auth = "Bearer " + KEY;
    assertThat(register(auth, body("not-an-address", freshHandle())).body().get("error").asText())
        .isEqualTo("InvalidAddress");
    assertThat(register(auth, body(freshAddress(), "")).body().get("error").asText())
        .isEqualTo("HandleTooShort");
    Reply tooLong = register(auth, body(freshAddress(), "h".repeat(101)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().get("error").asText()).isEqualTo("HandleTooLong");
    String bob = KeyPair.fromUri(KeyType.SR25519, "//Bob").address();
    Reply used = register(auth, body(bob, freshHandle()));
    assertThat(used.status()).isEqualTo(400);
    assertThat(used.body().get("error").asText())
        .isEqualTo("OnlyNewAccountsCanBeUsedForScreenedMembers");
    Reply notJson = register(auth, "{not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().get("error").asText()).isEqualTo("InvalidRequest");
  }

  @Test
  void faultSwitchesTakeTheFaucetDownOrMakeItFail() throws Exception {
    assertThat(Http.put(devnet.adminUrl() + "/faults", "{\"faucetErrors\":true}").status())
        .isEqualTo(200);
    Reply failing = register("Bearer " + KEY, body(freshAddress(), freshHandle()));
    assertThat(failing.status()).isEqualTo(500);
    assertThat(failing.body().get("error").asText()).isEqualTo("InternalServerError");

    assertThat(Http.put(devnet.adminUrl() + "/faults", "{\"faucetDown\":true}").status())
        .isEqualTo(200);
    assertThatThrownBy(() -> register("Bearer " + KEY, body(freshAddress(), freshHandle())))
        .isInstanceOf(ConnectException.class);

    Http.post(devnet.adminUrl() + "/faults/reset", "{}");
    assertThat(register("Bearer " + KEY, body(freshAddress(), freshHandle())).status())
        .isEqualTo(200);
  }

  @Test
  void aLostAnswerHidesAMembershipThatWasBought() throws Exception {
    String account = freshAddress();
    String handle = freshHandle();
    long next = nextMemberId();
    assertThat(Http.put(devnet.adminUrl() + "/faults", "{\"faucetAnswerLost\":true}").status())
        .isEqualTo(200);

    Reply lost = register("Bearer " + KEY, body(account, handle));

    assertThat(lost.status()).isEqualTo(500);
    assertThat(lost.body().get("error").asText()).isEqualTo("InternalServerError");
    assertThat(nextMemberId()).isEqualTo(next + 1);
    Member m = devnet.chain().read(rt -> rt.state().member(next)).orElseThrow();
    assertThat(m.handle()).isEqualTo(handle);
    Http.post(devnet.adminUrl() + "/faults/reset", "{}");
    Reply again = register("Bearer " + KEY, body(account, handle));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().get("error").asText()).isEqualTo("HandleAlreadyRegistered");
  }
}
