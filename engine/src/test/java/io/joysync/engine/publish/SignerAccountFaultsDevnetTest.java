package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The faults of scale-and-faults.md section 7 against the devnet's switches, and crashes with
 * extrinsics in flight: in every case each video is created exactly once, with its attribution, and
 * the account's nonces stay gapless. Accounts are stopped after each test and started again on the
 * same journal by the next, as after a restart.
 */
class SignerAccountFaultsDevnetTest {
  private static PublishingDevnet net;

  @BeforeAll
  static void start() throws Exception {
    net = PublishingDevnet.start(PublishingDevnet.blocksOf("500ms"), "");
  }

  @AfterEach
  void resetFaults() {
    net.devnet.faults().reset();
    net.stopAccounts();
  }

  @AfterAll
  static void stop() {
    net.close();
  }

  private static List<TestProbe<CreationResult>> request(
      ActorRef<SignerAccount.Command> account, int count) {
    List<TestProbe<CreationResult>> probes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      probes.add(net.create(account, TestVideos.video(TestVideos.freshId(), 1 + i % 2)));
    }
    return probes;
  }

  private static void assertEachCreatedOnce(List<TestProbe<CreationResult>> probes) {
    for (CreationResult r : PublishingDevnet.answers(probes)) {
      assertThat(r).isInstanceOf(Created.class);
      net.assertCreatedOnce((Created) r);
    }
  }

  private static void awaitJournal(long member, Class<?> event) {
    net.testKit
        .createTestProbe()
        .awaitAssert(
            PublishingDevnet.WAIT,
            () -> {
              assertThat(net.journal(member)).hasAtLeastOneElementOfType(event);
              return null;
            });
  }

  @Test
  void droppedExtrinsicsAreSignedAgainWithTheirNonceOnceTheirEraEnded() throws Exception {
    ActorRef<SignerAccount.Command> account = net.spawn(1);
    net.devnet.faults().setDropExtrinsics(true, true);
    List<TestProbe<CreationResult>> probes = request(account, 4);

    awaitJournal(1, SignerAccount.ExtrinsicExpired.class);
    net.devnet.faults().setDropExtrinsics(false, true);

    assertEachCreatedOnce(probes);
    net.assertNoNonceGap(1);
    net.assertReferenceKitVerifies(net.signed(1));
  }

  @Test
  void silentlyDroppedExtrinsicsAreSentAgain() {
    ActorRef<SignerAccount.Command> account = net.spawn(2);
    net.devnet.faults().setDropExtrinsics(true, false);
    List<TestProbe<CreationResult>> probes = request(account, 3);
    awaitJournal(2, SignerAccount.ExtrinsicSigned.class);
    probes.get(0).expectNoMessage(Duration.ofSeconds(2));

    net.devnet.faults().setDropExtrinsics(false, true);
    assertEachCreatedOnce(probes);
    net.assertNoNonceGap(2);
  }

  @Test
  void delayedAdmissionToThePoolCreatesEachVideoOnce() {
    ActorRef<SignerAccount.Command> account = net.spawn(3);
    net.devnet.faults().setExtrinsicDelay(Duration.ofMillis(1500));
    List<TestProbe<CreationResult>> probes = request(account, 4);
    assertEachCreatedOnce(probes);
    net.assertNoNonceGap(3);
  }

  @Test
  void invalidAnswersAreRetriedUntilTheNodeTakesTheExtrinsic() {
    ActorRef<SignerAccount.Command> account = net.spawn(1);
    net.devnet.faults().setAnswerInvalid(Optional.of("Custom error: the node is unwell"));
    List<TestProbe<CreationResult>> probes = request(account, 3);
    net.testKit
        .createTestProbe()
        .awaitAssert(
            PublishingDevnet.WAIT,
            () -> {
              assertThat(net.status(account).lastError())
                  .hasValueSatisfying(e -> assertThat(e).contains("the node is unwell"));
              return null;
            });

    net.devnet.faults().setAnswerInvalid(Optional.empty());
    assertEachCreatedOnce(probes);
    net.assertNoNonceGap(1);
  }

  @Test
  void videosStayProvisionalWhileFinalityStallsAndAreAnsweredWhenItResumes() {
    ActorRef<SignerAccount.Command> account = net.spawn(2);
    net.devnet.faults().setStallFinality(true);
    List<TestProbe<CreationResult>> probes = request(account, 2);
    net.testKit
        .createTestProbe()
        .awaitAssert(
            PublishingDevnet.WAIT,
            () -> {
              assertThat(net.status(account).lastError())
                  .hasValueSatisfying(e -> assertThat(e).startsWith("FINALITY_STALLED"));
              return null;
            });
    probes.get(0).expectNoMessage(Duration.ofMillis(500));
    assertThat(net.status(account).extrinsicsInFlight()).isPositive();

    net.devnet.faults().setStallFinality(false);
    assertEachCreatedOnce(probes);
    net.assertNoNonceGap(2);
  }

  @Test
  void aNodeRestartLosesThePoolAndTheAccountSendsItsExtrinsicsAgain() throws Exception {
    ActorRef<SignerAccount.Command> account = net.spawn(3);
    net.devnet.faults().setExtrinsicDelay(Duration.ofMillis(800));
    List<TestProbe<CreationResult>> probes = request(account, 3);
    awaitJournal(3, SignerAccount.ExtrinsicSigned.class);
    net.restartNode(1500);
    net.devnet.faults().setExtrinsicDelay(Duration.ZERO);

    assertEachCreatedOnce(probes);
    net.assertNoNonceGap(3);
  }

  @Test
  void aCrashWithExtrinsicsInFlightLosesNoVideoAndDuplicatesNone() {
    ActorRef<SignerAccount.Command> account = net.spawn(1);
    net.devnet.faults().setStallFinality(true);
    List<TestProbe<CreationResult>> probes = request(account, 4);
    awaitJournal(1, SignerAccount.ExtrinsicSigned.class);
    net.crash(account);
    net.devnet.faults().setStallFinality(false);

    ActorRef<SignerAccount.Command> recovered = net.spawn(1);
    List<TestProbe<CreationResult>> more = request(recovered, 2);
    assertEachCreatedOnce(probes);
    assertEachCreatedOnce(more);
    net.assertNoNonceGap(1);
  }

  @Test
  void aCrashBetweenRecordingAndBroadcastingSendsTheRecordedExtrinsicAfterRecovery() {
    LosingBroadcasts losing = new LosingBroadcasts(net.chain);
    ActorRef<SignerAccount.Command> account = net.spawn(2, losing);
    List<TestProbe<CreationResult>> probes = request(account, 3);
    net.testKit
        .createTestProbe()
        .awaitAssert(
            PublishingDevnet.WAIT,
            () -> {
              assertThat(losing.lost.get()).isPositive();
              return null;
            });
    net.crash(account);

    net.spawn(2);
    assertEachCreatedOnce(probes);
    net.assertNoNonceGap(2);
  }

  /** The chain as seen by a node that dies right after recording an extrinsic. */
  private static final class LosingBroadcasts implements AccountChain {
    final AtomicInteger lost = new AtomicInteger();
    private final AccountChain chain;

    LosingBroadcasts(AccountChain chain) {
      this.chain = chain;
    }

    @Override
    public CompletionStage<Prepared> prepare(KeyPair key, Preparation request) {
      return chain.prepare(key, request);
    }

    @Override
    public void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports) {
      lost.incrementAndGet();
    }

    @Override
    public CompletionStage<InBlock> inBlock(SignedBatch batch, String blockHash) {
      return chain.inBlock(batch, blockHash);
    }

    @Override
    public CompletionStage<Resolution> resolve(AccountId account, List<SignedBatch> inFlight) {
      return chain.resolve(account, inFlight);
    }

    @Override
    public AutoCloseable onFinalizedHead(LongConsumer listener) {
      return chain.onFinalizedHead(listener);
    }

    @Override
    public CompletionStage<BigInteger> freeBalance(AccountId account) {
      return chain.freeBalance(account);
    }
  }
}
