package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.devnet.faults.RuntimeUpgrade;
import io.joysync.engine.publish.CreationResult;
import io.joysync.engine.publish.SignerAccount;
import io.joysync.engine.publish.VideoToCreate;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionVideo;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A runtime upgrade while a signer account has videos in flight and more queued, on a node whose
 * account journals to the test Cassandra, against the devnet's runtime-upgrade switch. Two
 * upgrades: the first while finality lags behind it, so extrinsics signed for the new runtime wait
 * in blocks the finalized chain has not reached (they may land, and they do); the second while an
 * extrinsic signed for the old runtime sits in the pool with two more signed ahead of time behind
 * it (it can no longer land, and only those are signed again, with their nonces and the new
 * versions). Afterwards every video is created exactly once, with its attribution, and no nonce was
 * skipped or used twice.
 */
@Needs(Service.CASSANDRA)
class RuntimeUpgradeIntegrationTest {
  private static NodeWithDevnets net;

  @BeforeAll
  static void start() throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("joysync.publishing.single-account.member-id", "1");
    settings.put("joysync.publishing.single-account.key-type", "ed25519");
    settings.put("joysync.publishing.single-account.key-uri", "//Joysync//1");
    settings.put("joysync.publishing.app.auth-key-seed", "joysync-devnet-app");
    // Two of the test's videos fill an extrinsic, so a few videos make several in a row.
    settings.put("joysync.publishing.block-share", "0.0025");
    settings.put("joysync.publishing.gathering-window", "300ms");
    settings.put("joysync.publishing.check-interval", "200ms");
    settings.put("joysync.publishing.retry-backoff-min", "200ms");
    settings.put("joysync.publishing.retry-backoff-max", "2s");
    settings.put("joysync.publishing.wake-interval", "2s");
    net = NodeWithDevnets.start("runtimeupgrade", settings);
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void videosInFlightAndQueuedAcrossRuntimeUpgradesAreEachCreatedOnce() throws Exception {
    FaultSwitches faults = net.joystream.faults();
    long videosBefore = chainVideos();
    List<CompletableFuture<CreationResult>> answers = new ArrayList<>();

    // 1. Finality stalls; A is in blocks, then the runtime goes to spec 2005 and B is signed for
    // it: the finalized chain still runs spec 2004 and must not take B for lost.
    faults.setStallFinality(true);
    answers.addAll(create(4));
    await("A in blocks")
        .atMost(Duration.ofMinutes(2))
        .until(() -> chainVideos() >= videosBefore + 4);
    upgrade(2005, 2);
    answers.addAll(create(4));
    await("B in blocks")
        .atMost(Duration.ofMinutes(2))
        .until(() -> chainVideos() >= videosBefore + 8);
    int inFlight = account().path("extrinsicsInFlight").asInt();
    assertThat(inFlight)
        .as("A's and B's extrinsics, in blocks, not final")
        .isGreaterThanOrEqualTo(2);
    // Longer than the account's periodic check on its extrinsics (every 10 s without finality).
    await("B kept in flight while finality lags the upgrade")
        .during(Duration.ofSeconds(12))
        .atMost(Duration.ofSeconds(30))
        .until(() -> account().path("extrinsicsInFlight").asInt() == inFlight);

    // 2. Nothing is included: C's first extrinsic waits in the pool, two more are signed ahead and
    // held behind it, all for spec 2005. The runtime goes to spec 2006 (transaction version 3)
    // and D is queued behind them.
    faults.setStallInclusion(true);
    long firstOfC = chainNonce();
    answers.addAll(create(6));
    await("C signed ahead and held")
        .atMost(Duration.ofMinutes(2))
        .until(() -> account().path("extrinsicsHeld").asInt() >= 1);
    upgrade(2006, 3);
    answers.addAll(create(4));
    faults.setStallInclusion(false);
    faults.setStallFinality(false);

    List<CreationResult.Created> created = new ArrayList<>();
    for (CompletableFuture<CreationResult> a : answers) {
      CreationResult r = a.get(SignerJournal.ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
      assertThat(r).isInstanceOf(CreationResult.Created.class);
      created.add((CreationResult.Created) r);
    }
    assertThat(chainVideos()).isEqualTo(videosBefore + 18);
    OrionClient orion = OrionClient.create(URI.create(net.joystream.orionUrl()));
    for (CreationResult.Created c : created) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                List<OrionVideo> found = orion.videosByYtVideoId(c.ytVideoId(), "joysync").get();
                assertThat(found).as("%s in Orion", c.ytVideoId()).hasSize(1);
                assertThat(found.get(0).id()).isEqualTo(c.videoId());
              });
    }
    assertThat(created.stream().map(CreationResult.Created::videoId).collect(Collectors.toSet()))
        .hasSize(18);

    List<Object> journal = SignerJournal.events(net.node.node().system(), 1);
    SignerJournal.assertNoNonceGap(journal, net.joystream);
    List<SignerJournal.SignedSummary> signed = SignerJournal.signed(journal);
    Map<Long, String> expired = SignerJournal.expired(journal);
    Map<Long, Long> signings =
        signed.stream()
            .collect(
                Collectors.groupingBy(SignerJournal.SignedSummary::nonce, Collectors.counting()));
    Set<Long> signedAgain =
        signings.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    // Only extrinsics that could no longer land were signed again: C's first, which the old
    // runtime left behind in the pool, and those signed ahead behind it (signed for the old
    // runtime too, or held and never sent). A and B, signed for runtimes the finalized chain had
    // not reached yet, landed as signed.
    assertThat(signedAgain).isEqualTo(expired.keySet()).contains(firstOfC);
    assertThat(signedAgain).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(firstOfC));
    assertThat(expired.get(firstOfC))
        .isEqualTo("it was signed for spec 2005; the runtime is now spec 2006");
    assertThat(expired.values())
        .allSatisfy(
            r ->
                assertThat(r)
                    .matches(
                        "it was signed for spec 2005; the runtime is now spec 2006|withdrawn"
                            + " before it was sent: .*"));
    for (long nonce : signedAgain) {
      List<SignerJournal.SignedSummary> all =
          signed.stream().filter(s -> s.nonce() == nonce).toList();
      assertThat(all.get(all.size() - 1).specVersion()).isEqualTo(2006);
    }
    assertThat(signed.stream().map(SignerJournal.SignedSummary::specVersion).distinct())
        .containsExactly(2004L, 2005L, 2006L);
    assertThat(account().path("state").asText()).isEqualTo("ACTIVE");
  }

  private static List<CompletableFuture<CreationResult>> create(int count) {
    List<CompletableFuture<CreationResult>> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      VideoToCreate video = SignerJournal.freshVideo(1);
      out.add(
          ClusterSharding.get(net.node.node().system())
              .entityRefFor(SignerAccount.ENTITY_KEY, "1")
              .<CreationResult>ask(
                  replyTo -> new SignerAccount.Create(video, replyTo), SignerJournal.ANSWER_WITHIN)
              .toCompletableFuture());
    }
    return out;
  }

  /** Schedules a runtime upgrade for the next block and waits until the chain runs it. */
  private static void upgrade(long spec, long txVersion) {
    long next = net.joystream.chain().best().number() + 1;
    net.joystream
        .faults()
        .setRuntimeUpgrade(Optional.of(new RuntimeUpgrade(next, spec, txVersion)));
    await("spec " + spec)
        .atMost(Duration.ofSeconds(30))
        .until(() -> net.joystream.chain().runtime().identity().specVersion() == spec);
  }

  /** The operator view of the account (GET /sync). */
  private static JsonNode account() {
    ApiClient.Reply r = net.api.send("GET", "/sync", null, TestNodes.OPERATOR_KEY);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("accounts").get(0);
  }

  private static long chainNonce() {
    return net.joystream
        .chain()
        .read(rt -> rt.state().account(new AccountId(SignerJournal.MEMBER_1.publicKey())).nonce());
  }

  private static long chainVideos() {
    return net.joystream.chain().read(rt -> rt.state().channel(1).orElseThrow().numVideos());
  }
}
