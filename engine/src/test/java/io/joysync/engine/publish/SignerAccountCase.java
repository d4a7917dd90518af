package io.joysync.engine.publish;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.publish.SignerAccount.Command;
import io.joysync.engine.publish.SignerAccount.Event;
import io.joysync.engine.publish.SignerAccount.State;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the signer account's tests against a scripted chain stand on: member 1's account with short
 * windows, checks and back-offs, a fresh {@link FakeAccountChain} and a fresh journal for each
 * test, events, state and commands through the CBOR serializer.
 */
abstract class SignerAccountCase {
  static ActorTestKit testKit;
  static final Duration WAIT = Duration.ofSeconds(10);
  static final PublishingSettings SETTINGS =
      TestVideos.settings(
          "accounts = [{ member-id = 1, key-type = ed25519, key-uri = \"//Joysync//1\" }]\n"
              + "app.auth-key-seed = \"joysync-devnet-app\"\n"
              + "gathering-window = 100ms\ncheck-interval = 100ms\n"
              + "retry-backoff-min = 50ms\nretry-backoff-max = 200ms\npause-recheck = 300ms\n"
              + "max-attempts = 3");

  FakeAccountChain chain;

  @BeforeAll
  static void startTestKit() {
    testKit =
        ActorTestKit.create(
            ConfigFactory.parseResources("joysync/serialization.conf")
                .withFallback(EventSourcedBehaviorTestKit.config())
                .withFallback(ConfigFactory.load()));
  }

  EventSourcedBehaviorTestKit<Command, Event, State> kit;

  @BeforeEach
  void freshAccount() {
    chain = new FakeAccountChain();
    PublishingSettings.Account account = SETTINGS.accounts().get(0);
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            SignerAccount.create(1, account.signingKey(), SETTINGS, chain, Clock.systemUTC()),
            EventSourcedBehaviorTestKit.enabledSerializationSettings());
    kit.clear();
    chain.journal = () -> kit.persistenceTestKit().persistedInStorage("SignerAccount|1");
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }
}
