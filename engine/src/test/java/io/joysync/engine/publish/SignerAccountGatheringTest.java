package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.publish.AccountChain.Heard;
import io.joysync.engine.publish.SignerAccount.Command;
import io.joysync.engine.publish.SignerAccount.Event;
import io.joysync.engine.publish.SignerAccount.State;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gathering window on a manual clock: it holds a request that finds nothing waiting, so that
 * those coming soon after share its extrinsic, and it is not opened again by requests that arrive
 * while others wait, which would hold back videos whose window ended long ago.
 */
class SignerAccountGatheringTest {
  private static final Duration WINDOW = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ManualTime.config()
              .withFallback(ConfigFactory.parseResources("joysync/serialization.conf"))
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final ManualTime time = ManualTime.get(testKit.system());
  private static final PublishingSettings SETTINGS =
      TestVideos.settings(
          "accounts = [{ member-id = 1, key-type = ed25519, key-uri = \"//Joysync//1\" }]\n"
              + "app.auth-key-seed = \"joysync-devnet-app\"\n"
              + "gathering-window = 5s\ncheck-interval = 1h\n");

  private FakeAccountChain chain;
  private EventSourcedBehaviorTestKit<Command, Event, State> kit;

  @BeforeEach
  void freshAccount() {
    chain = new FakeAccountChain();
    chain.batchSize = 1;
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            SignerAccount.create(
                1, SETTINGS.accounts().get(0).signingKey(), SETTINGS, chain, Clock.systemUTC()),
            EventSourcedBehaviorTestKit.enabledSerializationSettings());
    kit.clear();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private String request() {
    String id = TestVideos.freshId();
    kit.runCommand(
        new SignerAccount.Create(
            TestVideos.video(id, 1), testKit.<CreationResult>createTestProbe().ref()));
    return id;
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

  @Test
  void aRequestFindingNothingWaitingIsHeldForTheWindow() {
    String id = request();
    time.expectNoMessageFor(WINDOW.minusMillis(1), testKit.createTestProbe());
    assertThat(chain.preparations).isEmpty();

    time.timePasses(Duration.ofMillis(1));
    assertThat(awaitBroadcast(1).items()).extracting(BatchItem::ytVideoId).containsExactly(id);
  }

  @Test
  void laterRequestsDoNotHoldBackOneWhoseWindowIsOver() {
    request();
    time.timePasses(WINDOW);
    SignedBatch first = awaitBroadcast(1);

    String waitedLongEnough = request();
    time.timePasses(WINDOW);
    request();
    chain.report(first.nonce(), Heard.IN_BLOCK);

    SignedBatch second = awaitBroadcast(2);
    assertThat(second.items()).extracting(BatchItem::ytVideoId).containsExactly(waitedLongEnough);
  }
}
