package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.AccountChain.CannotPay;
import io.joysync.engine.publish.AccountChain.Heard;
import io.joysync.engine.publish.AccountChain.Landed;
import io.joysync.engine.publish.AccountChain.NeverLands;
import io.joysync.engine.publish.AccountChain.TakenByOther;
import io.joysync.engine.publish.AccountChain.VideoCreatedEvent;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.engine.publish.SignerAccount.ExtrinsicExpired;
import io.joysync.engine.publish.SignerAccount.ExtrinsicSettled;
import io.joysync.engine.publish.SignerAccount.ExtrinsicSigned;
import io.joysync.engine.publish.SignerAccount.NonceTakenElsewhere;
import io.joysync.engine.publish.SignerAccount.State;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/**
 * The signer account's state machine against a scripted chain: write-ahead before broadcast, each
 * transition to finality, rejections that persist nothing, and recovery to the same in-flight set
 * with reconciliation before anything new is signed. Events, state and commands go through the CBOR
 * serializer.
 */
class SignerAccountTest extends SignerAccountCase {

  private TestProbe<CreationResult> request(String ytId, long channel) {
    TestProbe<CreationResult> probe = testKit.createTestProbe();
    kit.runCommand(new SignerAccount.Create(TestVideos.video(ytId, channel), probe.ref()));
    return probe;
  }

  private SignedBatch awaitBroadcast(int count) {
    return testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertThat(chain.broadcasts).hasSizeGreaterThanOrEqualTo(count);
              return chain.broadcasts.get(count - 1).batch();
            });
  }

  private List<Object> journal() {
    return kit.persistenceTestKit().persistedInStorage("SignerAccount|1");
  }

  @Test
  void anExtrinsicIsPersistedBeforeItIsBroadcastAndAnsweredOnlyAtFinality() {
    String id = TestVideos.freshId();
    TestProbe<CreationResult> probe = request(id, 1);

    SignedBatch batch = awaitBroadcast(1);
    assertThat(batch.nonce()).isEqualTo(7);
    assertThat(chain.preparations.get(0).nonceFixed()).isFalse();
    assertThat(chain.broadcasts.get(0).journalAtBroadcast())
        .contains(new ExtrinsicSigned(1, batch));
    assertThat(kit.getState().inFlight()).containsExactly(batch);

    chain.report(7, Heard.IN_BLOCK);
    probe.expectNoMessage(Duration.ofMillis(300));

    chain.verdicts.put(7L, FakeAccountChain.landedAll(batch, 103));
    chain.finalizeUpTo(103);
    CreationResult result = probe.receiveMessage(WAIT);
    assertThat(result).isEqualTo(new Created(id, 500, List.of(900L, 901L), 103));
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertThat(kit.getState().inFlight()).isEmpty();
              assertThat(journal()).last().isInstanceOf(ExtrinsicSettled.class);
              return null;
            });
    assertThat(kit.getState().nextNonce()).isEqualTo(8);
  }

  @Test
  void badInputIsRefusedAndPersistsNothing() {
    String id = TestVideos.freshId();
    TestProbe<CreationResult> probe = testKit.createTestProbe();
    var result = kit.runCommand(new SignerAccount.Create(TestVideos.video(id, 1, 0), probe.ref()));

    Refused refused = (Refused) probe.receiveMessage(WAIT);
    assertThat(refused.code()).isEqualTo(Refused.ASSET_SIZE);
    assertThat(refused.retryable()).isFalse();
    assertThat(result.hasNoEvents()).isTrue();
    probe.expectNoMessage(Duration.ofMillis(300));
    assertThat(chain.preparations).isEmpty();
    assertThat(journal()).isEmpty();
  }

  @Test
  void requestsOfOneWindowShareAnExtrinsicAndARepeatJoinsThem() {
    String first = TestVideos.freshId();
    String second = TestVideos.freshId();
    TestProbe<CreationResult> a = request(first, 1);
    TestProbe<CreationResult> b = request(second, 2);
    TestProbe<CreationResult> repeat = request(first, 1);

    SignedBatch batch = awaitBroadcast(1);
    assertThat(batch.items()).extracting(BatchItem::ytVideoId).containsExactly(first, second);
    TestProbe<CreationResult> joiner = request(second, 2);

    chain.verdicts.put(batch.nonce(), FakeAccountChain.landedAll(batch, 104));
    chain.finalizeUpTo(104);
    assertThat(a.receiveMessage(WAIT)).isInstanceOf(Created.class);
    assertThat(repeat.receiveMessage(WAIT))
        .isEqualTo(new Created(first, 500, List.of(900L, 901L), 104));
    assertThat(b.receiveMessage(WAIT))
        .isEqualTo(new Created(second, 501, List.of(902L, 903L), 104));
    assertThat(joiner.receiveMessage(WAIT))
        .isEqualTo(new Created(second, 501, List.of(902L, 903L), 104));

    TestProbe<CreationResult> late = request(first, 1);
    assertThat(late.receiveMessage(WAIT))
        .isEqualTo(new Created(first, 500, List.of(900L, 901L), 104));
    assertThat(chain.broadcasts).hasSize(1);
  }

  @Test
  void theNextExtrinsicWaitsForTheLastInABlockAndTakesTheNextNonce() {
    chain.batchSize = 1;
    request(TestVideos.freshId(), 1);
    request(TestVideos.freshId(), 2);
    SignedBatch first = awaitBroadcast(1);
    testKit.createTestProbe().expectNoMessage(Duration.ofMillis(400));
    assertThat(chain.broadcasts).hasSize(1);

    chain.report(first.nonce(), Heard.IN_BLOCK);
    SignedBatch second = awaitBroadcast(2);
    assertThat(second.nonce()).isEqualTo(first.nonce() + 1);
    assertThat(chain.preparations.get(1).nonce()).isEqualTo(8);
    assertThat(chain.preparations.get(1).nonceFixed()).isTrue();
    assertThat(kit.getState().inFlight()).containsExactly(first, second);
  }

  @Test
  void anExtrinsicThatCanNeverLandIsSignedAgainWithTheSameNonceAndVideos() {
    String id = TestVideos.freshId();
    TestProbe<CreationResult> probe = request(id, 1);
    SignedBatch lost = awaitBroadcast(1);

    chain.verdicts.put(lost.nonce(), new NeverLands(lost.nonce(), "era ended at block 116"));
    chain.finalizeUpTo(117);
    SignedBatch again = awaitBroadcast(2);
    assertThat(again.nonce()).isEqualTo(lost.nonce());
    assertThat(again.items()).extracting(BatchItem::ytVideoId).containsExactly(id);
    assertThat(journal())
        .contains(new ExtrinsicExpired(1, lost.nonce(), "era ended at block 116", false));
    assertThat(chain.preparations.get(1).nonce()).isEqualTo(lost.nonce());

    chain.verdicts.put(again.nonce(), FakeAccountChain.landedAll(again, 120));
    chain.finalizeUpTo(120);
    assertThat(probe.receiveMessage(WAIT)).isInstanceOf(Created.class);
  }

  @Test
  void anExtrinsicLeftBehindByARuntimeUpgradeIsSignedAgainWithoutCountingAFailedAttempt() {
    String id = TestVideos.freshId();
    TestProbe<CreationResult> probe = request(id, 1);
    SignedBatch old = awaitBroadcast(1);
    chain.report(old.nonce(), Heard.BAD_SIGNATURE);

    String reason = "it was signed for spec 2004; the runtime is now spec 2005";
    chain.verdicts.put(old.nonce(), new NeverLands(old.nonce(), reason, true));
    chain.finalizeUpTo(117);
    SignedBatch again = awaitBroadcast(2);
    assertThat(again.nonce()).isEqualTo(old.nonce());
    assertThat(again.items()).extracting(BatchItem::ytVideoId).containsExactly(id);
    assertThat(again.items()).extracting(BatchItem::attempts).containsExactly(0);
    assertThat(journal()).contains(new ExtrinsicExpired(1, old.nonce(), reason, false));

    chain.verdicts.put(again.nonce(), FakeAccountChain.landedAll(again, 120));
    chain.finalizeUpTo(120);
    assertThat(probe.receiveMessage(WAIT)).isInstanceOf(Created.class);
  }

  @Test
  void aFailedBatchAllIsSignedAgainAsABatchThatNamesTheCulprit() {
    String good = TestVideos.freshId();
    String bad = TestVideos.freshId();
    String after = TestVideos.freshId();
    TestProbe<CreationResult> goodProbe = request(good, 1);
    TestProbe<CreationResult> badProbe = request(bad, 3);
    TestProbe<CreationResult> afterProbe = request(after, 2);
    SignedBatch all = awaitBroadcast(1);
    chain.verdicts.put(
        all.nonce(),
        new Landed(
            all.nonce(),
            110,
            "0xb110",
            List.of(),
            Optional.of("Content.ActorNotAuthorized"),
            OptionalLong.empty()));
    chain.finalizeUpTo(110);

    SignedBatch diagnose = awaitBroadcast(2);
    assertThat(diagnose.mode()).isEqualTo(SignedBatch.Mode.DIAGNOSE);
    assertThat(diagnose.nonce()).isEqualTo(all.nonce() + 1);
    assertThat(diagnose.items()).extracting(BatchItem::ytVideoId).containsExactly(good, bad, after);
    chain.report(diagnose.nonce(), Heard.IN_BLOCK);
    chain.verdicts.put(
        diagnose.nonce(),
        new Landed(
            diagnose.nonce(),
            112,
            "0xb112",
            List.of(new VideoCreatedEvent(1, 600, List.of(950L, 951L))),
            Optional.of("Content.ActorNotAuthorized"),
            OptionalLong.of(1)));
    chain.finalizeUpTo(112);

    assertThat(goodProbe.receiveMessage(WAIT))
        .isEqualTo(new Created(good, 600, List.of(950L, 951L), 112));
    Refused refused = (Refused) badProbe.receiveMessage(WAIT);
    assertThat(refused.code()).isEqualTo("CHAIN_REJECTED:Content.ActorNotAuthorized");
    assertThat(refused.retryable()).isFalse();
    SignedBatch rest = awaitBroadcast(3);
    assertThat(rest.mode()).isEqualTo(SignedBatch.Mode.ALL);
    assertThat(rest.items()).extracting(BatchItem::ytVideoId).containsExactly(after);
    afterProbe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void anAccountThatCannotPayPausesAndAnswersItsRequestsAsRetryable() {
    chain.nextPreparation.set(
        p ->
            CompletableFuture.completedFuture(
                new CannotPay("free 10 < needed 500", p.candidates())));
    String id = TestVideos.freshId();
    TestProbe<CreationResult> probe = request(id, 1);

    Refused refused = (Refused) probe.receiveMessage(WAIT);
    assertThat(refused.code()).isEqualTo(Refused.ACCOUNT_LOW_FUNDS);
    assertThat(refused.retryable()).isTrue();
    TestProbe<CreationResult> next = request(TestVideos.freshId(), 1);
    assertThat(((Refused) next.receiveMessage(WAIT)).code()).isEqualTo(Refused.ACCOUNT_LOW_FUNDS);
    TestProbe<AccountStatus> status = testKit.createTestProbe();
    kit.runCommand(new SignerAccount.GetStatus(status.ref()));
    assertThat(status.receiveMessage(WAIT).state()).isEqualTo("PAUSED_LOW_FUNDS");
    assertThat(journal()).isEmpty();
    assertThat(chain.broadcasts).isEmpty();

    TestProbe<CreationResult> later =
        testKit
            .createTestProbe()
            .awaitAssert(
                WAIT,
                () -> {
                  TestProbe<AccountStatus> s = testKit.createTestProbe();
                  kit.runCommand(new SignerAccount.GetStatus(s.ref()));
                  assertThat(s.receiveMessage(WAIT).state()).isEqualTo("ACTIVE");
                  return request(TestVideos.freshId(), 1);
                });
    awaitBroadcast(1);
    later.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aNonceUsedByAnotherWriterFencesTheAccount() {
    TestProbe<CreationResult> probe = request(TestVideos.freshId(), 1);
    SignedBatch batch = awaitBroadcast(1);
    chain.report(batch.nonce(), Heard.PRIORITY_TOO_LOW);
    TestProbe<CreationResult> refusedAtOnce = request(TestVideos.freshId(), 1);
    assertThat(((Refused) refusedAtOnce.receiveMessage(WAIT)).code())
        .isEqualTo(Refused.ACCOUNT_FENCED);

    chain.verdicts.put(batch.nonce(), new TakenByOther(batch.nonce()));
    chain.finalizeUpTo(120);
    Refused refused = (Refused) probe.receiveMessage(WAIT);
    assertThat(refused.code()).isEqualTo(Refused.ACCOUNT_FENCED);
    assertThat(refused.retryable()).isTrue();
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertThat(journal()).last().isInstanceOf(NonceTakenElsewhere.class);
              return null;
            });
    assertThat(kit.getState().inFlight()).isEmpty();
  }

  @Test
  void recoveryReplaysTheInFlightSetAndReconcilesBeforeSigningAnythingNew() {
    chain.batchSize = 1;
    String first = TestVideos.freshId();
    TestProbe<CreationResult> firstProbe = request(first, 1);
    request(TestVideos.freshId(), 2);
    SignedBatch a = awaitBroadcast(1);
    chain.report(a.nonce(), Heard.IN_BLOCK);
    SignedBatch b = awaitBroadcast(2);
    State before = kit.getState();
    assertThat(before.inFlight()).containsExactly(a, b);

    int resolvesBefore = chain.resolveCalls.size();
    var restarted = kit.restart();
    assertThat(restarted.state().inFlight()).isEqualTo(before.inFlight());
    assertThat(restarted.state().nextNonce()).isEqualTo(before.nextNonce());

    TestProbe<CreationResult> fresh = request(TestVideos.freshId(), 1);
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertThat(chain.resolveCalls.size()).isGreaterThan(resolvesBefore);
              assertThat(chain.broadcasts).hasSizeGreaterThanOrEqualTo(3);
              return null;
            });
    assertThat(chain.broadcasts.get(2).batch().extrinsicHex()).isEqualTo(a.extrinsicHex());
    // b may have been signed counting on a's videos: it goes out again only once a went through.
    fresh.expectNoMessage(Duration.ofMillis(300));
    assertThat(chain.broadcasts).hasSize(3);
    assertThat(chain.preparations).hasSize(2);

    chain.verdicts.put(a.nonce(), FakeAccountChain.landedAll(a, 130));
    chain.finalizeUpTo(130);
    assertThat(firstProbe.receiveMessage(WAIT))
        .isEqualTo(new Created(first, 500, List.of(900L, 901L), 130));
    SignedBatch again = awaitBroadcast(4);
    assertThat(again.extrinsicHex()).isEqualTo(b.extrinsicHex());
    fresh.expectNoMessage(Duration.ofMillis(200));
    assertThat(chain.preparations).hasSize(2);
  }

  @Test
  void aNodeAnsweringGarbageIsAskedAgainAfterABackoffAndNothingIsLost() {
    chain.nextPreparation.set(
        p ->
            CompletableFuture.failedFuture(
                new io.joysync.joystream.rpc.RpcProtocolException(
                    "chain_getHeader: unexpected answer: \"<html>\"")));
    String id = TestVideos.freshId();
    TestProbe<CreationResult> probe = request(id, 1);

    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              TestProbe<AccountStatus> s = testKit.createTestProbe();
              kit.runCommand(new SignerAccount.GetStatus(s.ref()));
              assertThat(s.receiveMessage(WAIT).lastError())
                  .hasValueSatisfying(e -> assertThat(e).contains("unexpected answer"));
              return null;
            });
    SignedBatch batch = awaitBroadcast(1);
    assertThat(batch.items()).extracting(BatchItem::ytVideoId).containsExactly(id);
    assertThat(chain.preparations).hasSize(2);
    chain.verdicts.put(batch.nonce(), FakeAccountChain.landedAll(batch, 140));
    chain.finalizeUpTo(140);
    assertThat(probe.receiveMessage(WAIT)).isInstanceOf(Created.class);
  }

  @Test
  void aVideoWhoseExtrinsicKeepsFailingIsRefusedAfterItsAttempts() {
    chain.otherwise =
        b ->
            new Landed(
                b.nonce(),
                150,
                "0xb150",
                List.of(),
                Optional.of("Storage.DataSizeFeeChanged"),
                OptionalLong.empty());
    String id = TestVideos.freshId();
    TestProbe<CreationResult> probe = request(id, 1);
    java.util.concurrent.atomic.AtomicLong head = new java.util.concurrent.atomic.AtomicLong(150);

    Refused refused =
        testKit
            .createTestProbe()
            .awaitAssert(
                WAIT,
                () -> {
                  chain.finalizeUpTo(head.incrementAndGet());
                  return (Refused) probe.receiveMessage(Duration.ofMillis(300));
                });
    assertThat(refused.code()).isEqualTo(Refused.TOO_MANY_ATTEMPTS);
    assertThat(refused.retryable()).isTrue();
    assertThat(chain.broadcasts).hasSize(3);
    assertThat(journal()).last().isInstanceOf(SignerAccount.VideosAnswered.class);
    assertThat(kit.getState().backlog()).isEmpty();
  }
}
