package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.publish.AccountChain.Heard;
import io.joysync.engine.publish.AccountChain.InBlock;
import io.joysync.engine.publish.AccountChain.InBlockOutcome;
import io.joysync.engine.publish.SignerAccount.Command;
import io.joysync.engine.publish.SignerAccount.Event;
import io.joysync.engine.publish.SignerAccount.ExtrinsicExpired;
import io.joysync.engine.publish.SignerAccount.ExtrinsicSigned;
import io.joysync.engine.publish.SignerAccount.State;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An account under load has its next extrinsic ready when the last lands, so it fills every block
 * and not every other one: it signs the next while the last is still in the pool (its app-action
 * nonces counting the last one's videos), records it, and sends it only once the last succeeded in
 * a block. If the last failed there, the one signed ahead is withdrawn unsent and its videos are
 * signed again with its nonce. With too few requests waiting to fill an extrinsic it waits for the
 * last to be in a block, so that more requests gather meanwhile.
 */
class SignerAccountPipeliningTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final PublishingSettings SETTINGS =
      TestVideos.settings(
          "accounts = [{ member-id = 1, key-type = ed25519, key-uri = \"//Joysync//1\" }]\n"
              + "app.auth-key-seed = \"joysync-devnet-app\"\n"
              + "gathering-window = 100ms\ncheck-interval = 100ms\n");

  /** A long window and no periodic checks: only arriving requests can start a preparation. */
  private static final PublishingSettings NO_TICKS =
      TestVideos.settings(
          "accounts = [{ member-id = 1, key-type = ed25519, key-uri = \"//Joysync//1\" }]\n"
              + "app.auth-key-seed = \"joysync-devnet-app\"\n"
              + "gathering-window = 2s\ncheck-interval = 1h\n");

  private FakeAccountChain chain;
  private EventSourcedBehaviorTestKit<Command, Event, State> kit;

  @BeforeEach
  void freshAccount() {
    account(SETTINGS);
  }

  private void account(PublishingSettings settings) {
    chain = new FakeAccountChain();
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            SignerAccount.create(
                1, settings.accounts().get(0).signingKey(), settings, chain, Clock.systemUTC()),
            EventSourcedBehaviorTestKit.enabledSerializationSettings());
    kit.clear();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private List<String> request(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = TestVideos.freshId();
      ids.add(id);
      kit.runCommand(
          new SignerAccount.Create(
              TestVideos.video(id, 1), testKit.<CreationResult>createTestProbe().ref()));
    }
    return ids;
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

  private SignedBatch awaitRecorded(long nonce) {
    return testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () ->
                kit.persistenceTestKit().persistedInStorage("SignerAccount|1").stream()
                    .filter(e -> e instanceof ExtrinsicSigned s && s.batch().nonce() == nonce)
                    .map(e -> ((ExtrinsicSigned) e).batch())
                    .reduce((first, last) -> last)
                    .orElseThrow());
  }

  @Test
  void theNextIsSignedWhileTheLastIsInThePoolAndSentOnceTheLastSucceededInABlock() {
    chain.batchSize = 2;
    List<String> ids = request(4);
    SignedBatch first = awaitBroadcast(1);
    assertThat(first.items()).extracting(BatchItem::ytVideoId).isEqualTo(ids.subList(0, 2));

    SignedBatch ahead = awaitRecorded(first.nonce() + 1);
    assertThat(ahead.items()).extracting(BatchItem::ytVideoId).isEqualTo(ids.subList(2, 4));
    assertThat(chain.preparations.get(1).earlier()).containsExactly(first);
    testKit.createTestProbe().expectNoMessage(Duration.ofMillis(300));
    assertThat(chain.broadcasts).hasSize(1);

    chain.report(first.nonce(), Heard.IN_BLOCK);
    assertThat(awaitBroadcast(2)).isEqualTo(ahead);
  }

  @Test
  void oneSignedAheadIsWithdrawnUnsentWhenTheLastFailedInItsBlockAndItsVideosSignedAgain() {
    chain.batchSize = 2;
    List<String> ids = request(4);
    SignedBatch first = awaitBroadcast(1);
    SignedBatch ahead = awaitRecorded(first.nonce() + 1);

    chain.inBlock.put(first.nonce(), new InBlock(InBlockOutcome.FAILED, "Content.ChannelNotFound"));
    chain.chainNonce.set(first.nonce() + 1);
    chain.report(first.nonce(), Heard.IN_BLOCK);

    SignedBatch again = awaitBroadcast(2);
    assertThat(again.nonce()).isEqualTo(ahead.nonce());
    assertThat(again.txHash()).isNotEqualTo(ahead.txHash());
    assertThat(again.items()).extracting(BatchItem::ytVideoId).isEqualTo(ids.subList(2, 4));
    assertThat(chain.broadcasts).extracting(b -> b.batch().txHash()).doesNotContain(ahead.txHash());
    assertThat(kit.persistenceTestKit().persistedInStorage("SignerAccount|1"))
        .anySatisfy(
            e -> {
              assertThat(e).isInstanceOf(ExtrinsicExpired.class);
              ExtrinsicExpired x = (ExtrinsicExpired) e;
              assertThat(x.nonce()).isEqualTo(ahead.nonce());
              assertThat(x.reason()).startsWith("withdrawn before it was sent");
              assertThat(x.countAttempt()).isFalse();
            });
  }

  @Test
  void theRequestThatFillsAnExtrinsicStartsItsPreparationAtOnce() {
    account(NO_TICKS);
    chain.batchSize = 2;
    List<String> ids = request(3);
    SignedBatch first = awaitBroadcast(1);

    long asked = System.nanoTime();
    ids.addAll(request(1));
    SignedBatch ahead = awaitRecorded(first.nonce() + 1);
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));
    assertThat(ahead.items()).extracting(BatchItem::ytVideoId).isEqualTo(ids.subList(2, 4));
  }

  @Test
  void theGatheringWindowClosesOnceEnoughWaitToFillAnExtrinsic() {
    account(NO_TICKS);
    chain.batchSize = 2;
    request(3);
    SignedBatch first = awaitBroadcast(1);
    chain.report(first.nonce(), Heard.IN_BLOCK);
    SignedBatch second = awaitBroadcast(2);
    assertThat(second.items()).hasSize(1);

    long asked = System.nanoTime();
    List<String> ids = request(2);
    SignedBatch third = awaitRecorded(second.nonce() + 1);
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));
    assertThat(third.items()).extracting(BatchItem::ytVideoId).isEqualTo(ids);
  }

  @Test
  void afterARestartOneThatMayHaveBeenSentIsNeverWithdrawnWhenOneBeforeItFailed() {
    chain.batchSize = 2;
    request(4);
    SignedBatch first = awaitBroadcast(1);
    SignedBatch ahead = awaitRecorded(first.nonce() + 1);
    chain.report(first.nonce(), Heard.IN_BLOCK);
    assertThat(awaitBroadcast(2)).isEqualTo(ahead);

    int sentBefore = chain.broadcasts.size();
    kit.restart();
    // Final after the restart: the first failed after all, the one after it is undecided.
    chain.verdicts.put(
        first.nonce(),
        new AccountChain.Landed(
            first.nonce(),
            104,
            "0xb104",
            List.of(),
            Optional.of("Content.ChannelNotFound"),
            OptionalLong.empty()));
    chain.finalizeUpTo(104);

    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertThat(kit.getState().inFlight()).containsExactly(ahead);
              return null;
            });
    testKit.createTestProbe().expectNoMessage(Duration.ofMillis(500));
    assertThat(kit.getState().inFlight()).containsExactly(ahead);
    assertThat(kit.getState().vacantNonces()).isEmpty();
    assertThat(kit.persistenceTestKit().persistedInStorage("SignerAccount|1"))
        .noneMatch(e -> e instanceof ExtrinsicExpired);
    assertThat(chain.broadcasts.subList(sentBefore, chain.broadcasts.size()))
        .extracting(b -> b.batch().nonce())
        .doesNotContain(ahead.nonce());
  }

  @Test
  void withTooFewWaitingToFillAnExtrinsicTheNextWaitsForTheLastInABlock() {
    account(NO_TICKS);
    chain.batchSize = 3;
    List<String> ids = request(4);
    SignedBatch first = awaitBroadcast(1);
    testKit.createTestProbe().expectNoMessage(Duration.ofMillis(400));
    assertThat(chain.preparations).hasSize(1);

    chain.report(first.nonce(), Heard.IN_BLOCK);
    SignedBatch second = awaitBroadcast(2);
    assertThat(second.items()).extracting(BatchItem::ytVideoId).containsExactly(ids.get(3));
  }

  @Test
  void aHeldExtrinsicWaitsForFinalityWhenTheNodeNeverSaidWhereTheLastLanded() {
    chain.batchSize = 2;
    request(4);
    SignedBatch first = awaitBroadcast(1);
    SignedBatch ahead = awaitRecorded(first.nonce() + 1);
    TestProbe<Object> idle = testKit.createTestProbe();
    idle.expectNoMessage(Duration.ofMillis(300));
    assertThat(chain.broadcasts).hasSize(1);

    chain.verdicts.put(first.nonce(), FakeAccountChain.landedAll(first, 104));
    chain.finalizeUpTo(104);
    assertThat(awaitBroadcast(2)).isEqualTo(ahead);
  }
}
