package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The operators' pause of the pipeline holds across restarts and keeps its first reason. */
class SyncSwitchTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aPauseHoldsAcrossARestartUntilResumed() {
    var kit =
        EventSourcedBehaviorTestKit.<SyncSwitch.Command, SyncSwitch.Event, SyncSwitch.State>create(
            testKit.system(), SyncSwitch.create());
    assertThat(kit.<SyncSwitch.State>runCommand(SyncSwitch.Get::new).reply().paused()).isFalse();

    var paused =
        kit.<SyncSwitch.State>runCommand(r -> new SyncSwitch.Pause("storage migration", AT, r));
    assertThat(paused.reply().paused()).isTrue();
    var again =
        kit.<SyncSwitch.State>runCommand(
            r -> new SyncSwitch.Pause("another", AT.plusSeconds(60), r));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.reply().reason()).contains("storage migration");
    assertThat(again.reply().since()).contains(AT);

    kit.restart();
    assertThat(kit.getState().paused()).isTrue();

    var resumed =
        kit.<SyncSwitch.State>runCommand(r -> new SyncSwitch.Resume(AT.plusSeconds(120), r));
    assertThat(resumed.reply().paused()).isFalse();
    var resumedAgain =
        kit.<SyncSwitch.State>runCommand(r -> new SyncSwitch.Resume(AT.plusSeconds(180), r));
    assertThat(resumedAgain.hasNoEvents()).isTrue();
  }
}
