package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.AccountChain.BroadcastReport;
import io.joysync.engine.publish.CreationResult.Created;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
  void anExtrinsicWhoseEraEndsDuringAFinalityStallIsNotSentAgainAndItsVideosAreNotBlamed() {
    // Dropped extrinsics are sent again; once the best block passes their era's end the node says
    // "bad signature", which then means "can no longer land", not a refusal.
    HeardChain chain = new HeardChain(net.chain);
    ActorRef<SignerAccount.Command> account = net.spawn(3, chain);
    net.devnet.faults().setStallFinality(true);
    net.devnet.faults().setDropExtrinsics(true, true);
    List<TestProbe<CreationResult>> probes = request(account, 2);
    net.testKit
        .createTestProbe()
        .awaitAssert(
            PublishingDevnet.WAIT,
            () -> {
              assertThat(chain.kinds()).contains(AccountChain.Heard.CANNOT_LAND);
              return null;
            });
    probes.get(0).expectNoMessage(Duration.ofSeconds(3));
    Set<Long> cannotLand = new HashSet<>();
    for (BroadcastReport r : chain.heard) {
      assertThat(cannotLand)
          .as("nothing is sent once it can no longer land")
          .doesNotContain(r.nonce());
      if (r.heard() == AccountChain.Heard.CANNOT_LAND) {
        cannotLand.add(r.nonce());
      }
    }
    assertThat(chain.kinds()).doesNotContain(AccountChain.Heard.BAD_SIGNATURE);
    assertThat(net.status(account).lastError().orElse("")).doesNotContain("refused");

    net.devnet.faults().setDropExtrinsics(false, true);
    net.devnet.faults().setStallFinality(false);
    assertEachCreatedOnce(probes);
    assertThat(net.journal(3))
        .filteredOn(SignerAccount.ExtrinsicExpired.class::isInstance)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(((SignerAccount.ExtrinsicExpired) e).countAttempt()).isFalse());
    net.assertNoNonceGap(3);
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
  private static final class LosingBroadcasts extends ForwardingChain {
    final AtomicInteger lost = new AtomicInteger();

    LosingBroadcasts(AccountChain chain) {
      super(chain);
    }

    @Override
    public void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports) {
      lost.incrementAndGet();
    }
  }

  /** The chain, with a record of what the node said of each broadcast. */
  private static final class HeardChain extends ForwardingChain {
    final List<BroadcastReport> heard = new CopyOnWriteArrayList<>();

    HeardChain(AccountChain chain) {
      super(chain);
    }

    @Override
    public void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports) {
      super.broadcast(
          batch,
          r -> {
            heard.add(r);
            reports.accept(r);
          });
    }

    List<AccountChain.Heard> kinds() {
      return heard.stream().map(BroadcastReport::heard).toList();
    }
  }
}
