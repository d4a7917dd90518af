package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.orion.OrionClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;

/**
 * A devnet (chain, Orion, Colossus) started in this JVM, an actor system with the in-memory
 * journal, and the real chain backend: signer accounts spawned here talk to the devnet exactly as
 * they would to a Joystream node. Restarting an account on the same journal is a crash.
 */
final class PublishingDevnet implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  final RunningDevnet devnet;
  final ActorTestKit testKit;
  final ChainConnection connection;
  final OrionClient orion;
  final PublishingSettings settings;
  final JoystreamAccountChain chain;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ActorRef<SignerAccount.Command>> spawned = new ArrayList<>();

  private PublishingDevnet(RunningDevnet devnet, PublishingSettings settings) {
    this.devnet = devnet;
    this.settings = settings;
    this.testKit =
        ActorTestKit.create(
            "publishing-" + UUID.randomUUID().toString().substring(0, 8),
            ConfigFactory.parseResources("joysync/serialization.conf")
                .withFallback(EventSourcedBehaviorTestKit.config())
                .withFallback(ConfigFactory.load()));
    this.connection = new ChainConnection(URI.create(devnet.chainUrl()));
    this.orion = OrionClient.create(URI.create(devnet.orionUrl()));
    this.chain = new JoystreamAccountChain(connection, orion, settings, Clock.systemUTC());
  }

  /** The devnet's three collaborators as accounts, with the devnet's app. */
  static final String ACCOUNTS =
      "accounts = [\n"
          + "  { member-id = 1, key-type = ed25519, key-uri = \"//Joysync//1\" }\n"
          + "  { member-id = 2, key-type = ed25519, key-uri = \"//Joysync//2\" }\n"
          + "  { member-id = 3, key-type = sr25519, key-uri = \"//Joysync//3\" }\n"
          + "]\n"
          + "app.auth-key-seed = \"joysync-devnet-app\"\n"
          + "gathering-window = 200ms\ncheck-interval = 200ms\n"
          + "retry-backoff-min = 200ms\nretry-backoff-max = 2s\npause-recheck = 2s\n"
          + "era-period = 16\nfinality-stall-warning = 3s\n";

  static PublishingDevnet start(DevnetSettings devnet, String publishing) throws Exception {
    return new PublishingDevnet(Devnet.start(devnet), TestVideos.settings(ACCOUNTS + publishing));
  }

  static DevnetSettings blocksOf(String interval) {
    return DevnetSettings.forTests().with("chain.block-interval", interval);
  }

  ActorRef<SignerAccount.Command> spawn(long memberId) {
    return spawn(memberId, chain);
  }

  /** An account on another view of the chain (e.g. one that loses broadcasts). */
  ActorRef<SignerAccount.Command> spawn(long memberId, AccountChain through) {
    PublishingSettings.Account account = settings.account(memberId).orElseThrow();
    ActorRef<SignerAccount.Command> ref =
        testKit.spawn(
            SignerAccount.create(
                memberId, account.signingKey(), settings, through, Clock.systemUTC()),
            "account-" + memberId + "-" + UUID.randomUUID().toString().substring(0, 6));
    spawned.add(ref);
    return ref;
  }

  /** Stops an account as a crash would: whatever it had in flight stays in flight. */
  void crash(ActorRef<SignerAccount.Command> account) {
    testKit.stop(account, WAIT);
    spawned.remove(account);
  }

  /** Stops every account spawned (each test starts its accounts afresh, on the same journal). */
  void stopAccounts() {
    new ArrayList<>(spawned).forEach(a -> testKit.stop(a, WAIT));
    spawned.clear();
  }

  AccountStatus status(ActorRef<SignerAccount.Command> account) {
    TestProbe<AccountStatus> probe = testKit.createTestProbe();
    account.tell(new SignerAccount.GetStatus(probe.ref()));
    return probe.receiveMessage(WAIT);
  }

  /**
   * Every nonce the account ever used landed exactly once, one after the other, and the chain's
   * account nonce is the next one: no nonce was skipped or used twice.
   */
  void assertNoNonceGap(long memberId) {
    List<Long> settled = new ArrayList<>();
    for (Object e : journal(memberId)) {
      if (e instanceof SignerAccount.ExtrinsicSettled s) {
        settled.add(s.nonce());
      }
    }
    assertThat(settled).isNotEmpty();
    List<Long> sorted = new ArrayList<>(settled);
    sorted.sort(null);
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i)).as("settled nonces " + sorted).isEqualTo(sorted.get(i - 1) + 1);
    }
    byte[] account = settings.account(memberId).orElseThrow().signingKey().publicKey();
    long chainNonce = devnet.chain().read(rt -> rt.state().account(new AccountId(account)).nonce());
    assertThat(chainNonce).isEqualTo(sorted.get(sorted.size() - 1) + 1);
  }

  TestProbe<CreationResult> create(ActorRef<SignerAccount.Command> account, VideoToCreate video) {
    TestProbe<CreationResult> probe = testKit.createTestProbe();
    account.tell(new SignerAccount.Create(video, probe.ref()));
    return probe;
  }

  /** One answer from each probe, in order. */
  static List<CreationResult> answers(List<TestProbe<CreationResult>> probes) {
    List<CreationResult> out = new ArrayList<>();
    probes.forEach(p -> out.add(p.receiveMessage(WAIT)));
    return out;
  }

  JsonNode graphql(String query) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(devnet.orionUrl()))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("query", query))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("data");
  }

  /**
   * Asserts the video exists exactly once on chain (Orion indexes every video, attributed or not,
   * by its title) and that Orion credits it to the app with its YouTube id.
   */
  JsonNode assertCreatedOnce(CreationResult.Created created) {
    return testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              JsonNode videos =
                  graphql(
                          "{ videos(where: {title_eq: \"Video "
                              + created.ytVideoId()
                              + "\"}) { id ytVideoId entryApp { name } channel { id }"
                              + " media { id } thumbnailPhoto { id } } }")
                      .path("videos");
              assertThat(videos.size()).as("videos titled for " + created.ytVideoId()).isEqualTo(1);
              JsonNode v = videos.get(0);
              assertThat(v.path("id").asLong()).isEqualTo(created.videoId());
              assertThat(v.path("ytVideoId").asText()).isEqualTo(created.ytVideoId());
              assertThat(v.path("entryApp").path("name").asText()).isEqualTo("joysync");
              assertThat(
                      List.of(
                          v.path("media").path("id").asLong(),
                          v.path("thumbnailPhoto").path("id").asLong()))
                  .isEqualTo(created.assetIds());
              return v;
            });
  }

  /** The extrinsics an account recorded (write-ahead), from the journal. */
  List<SignedBatch> signed(long memberId) {
    List<SignedBatch> out = new ArrayList<>();
    for (Object e :
        PersistenceTestKit.create(testKit.system())
            .persistedInStorage("SignerAccount|" + memberId)) {
      if (e instanceof SignerAccount.ExtrinsicSigned s) {
        out.add(s.batch());
      }
    }
    return out;
  }

  List<Object> journal(long memberId) {
    return PersistenceTestKit.create(testKit.system())
        .persistedInStorage("SignerAccount|" + memberId);
  }

  /** Every given extrinsic decodes and verifies with polkadot.js and Joystream's metadata. */
  void assertReferenceKitVerifies(List<SignedBatch> batches) throws Exception {
    List<ReferenceKit.Signed> items = new ArrayList<>();
    for (SignedBatch b : batches) {
      String birth = devnet.chain().block(b.birthBlock()).orElseThrow().hashHex();
      items.add(new ReferenceKit.Signed(b.extrinsicHex(), devnet.genesisHash(), birth, 2004, 2));
    }
    List<JsonNode> verdicts = ReferenceKit.decode(items);
    for (int i = 0; i < verdicts.size(); i++) {
      JsonNode v = verdicts.get(i);
      assertThat(v.path("ok").asBoolean()).as(v.toString()).isTrue();
      assertThat(v.path("hash").asText()).isEqualTo(batches.get(i).txHash());
      assertThat(v.path("nonce").asLong()).isEqualTo(batches.get(i).nonce());
    }
  }

  void restartNode(long downtimeMillis) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(devnet.adminUrl() + "/actions/restart-node"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"downtimeMillis\": " + downtimeMillis + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Override
  public void close() {
    chain.close();
    connection.close();
    testKit.shutdownTestKit();
    devnet.close();
  }
}
