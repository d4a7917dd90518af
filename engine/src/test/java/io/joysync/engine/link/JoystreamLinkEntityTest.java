package io.joysync.engine.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoystreamLinkEntityTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));

  private EventSourcedBehaviorTestKit<
          JoystreamLinkEntity.Command, JoystreamLinkEntity.Event, JoystreamLinkEntity.State>
      kit;

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), JoystreamLinkEntity.create("42"));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          JoystreamLinkEntity.Command,
          JoystreamLinkEntity.Event,
          JoystreamLinkEntity.State,
          StatusReply<Done>>
      claim(String youtube, Optional<String> releasedBy) {
    return kit.runCommand(r -> new JoystreamLinkEntity.Claim(youtube, releasedBy, r));
  }

  @Test
  void aFreeLinkGoesToTheFirstClaimAndTheSecondIsRefused() {
    assertThat(claim("UCfirst", Optional.empty()).reply().isSuccess()).isTrue();

    var second = claim("UCsecond", Optional.empty());
    assertThat(second.reply().getError().getMessage())
        .isEqualTo("Joystream Channel 42 already connected with Youtube Channel UCfirst.");
    assertThat(second.hasNoEvents()).isTrue();

    var again = claim("UCfirst", Optional.empty());
    assertThat(again.reply().isSuccess()).isTrue();
    assertThat(again.hasNoEvents()).isTrue();
  }

  @Test
  void aLinkIsTakenOverOnlyFromTheHolderTheCallerFoundGone() {
    claim("UCfirst", Optional.empty());

    var stale = claim("UCthird", Optional.of("UCsomeoneElse"));
    assertThat(stale.reply().isError()).isTrue();

    var takeover = claim("UCthird", Optional.of("UCfirst"));
    assertThat(takeover.reply().isSuccess()).isTrue();
    kit.restart();
    assertThat(kit.getState().holder()).contains("UCthird");
  }
}
