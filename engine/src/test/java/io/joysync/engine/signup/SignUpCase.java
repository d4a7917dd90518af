package io.joysync.engine.signup;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every use-case test of this package stands on: the devnets ({@link SignUpWorld}), started
 * once for the test class, and a fresh one-node cluster for each test, so every test starts with no
 * user, channel or link.
 */
abstract class SignUpCase {

  static SignUpWorld world;
  ActorTestKit testKit;

  @BeforeAll
  static void startDevnets() throws Exception {
    world = SignUpWorld.start();
  }

  @AfterAll
  static void stopDevnets() throws Exception {
    world.close();
  }

  @BeforeEach
  void freshCluster() {
    testKit = SignUpWorld.cluster();
  }

  @AfterEach
  void stopCluster() {
    testKit.shutdownTestKit();
  }
}
