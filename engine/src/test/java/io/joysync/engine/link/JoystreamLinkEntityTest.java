package io.joysync.engine.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JoystreamLinkEntityTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration GRACE = Duration.ofMinutes(2);

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
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), JoystreamLinkEntity.create("42", GRACE));
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
      claim(String youtube, Optional<String> releasedBy, Instant at) {
    return kit.runCommand(r -> new JoystreamLinkEntity.Claim(youtube, releasedBy, at, r));
  }

  @Test
  void aFreeLinkGoesToTheFirstClaimAndTheSecondIsRefused() {
    assertThat(claim("UCfirst", Optional.empty(), T0).reply().isSuccess()).isTrue();

    var second = claim("UCsecond", Optional.empty(), T0);
    assertThat(second.reply().getError().getMessage())
        .isEqualTo("Joystream Channel 42 already connected with Youtube Channel UCfirst.");
    assertThat(second.hasNoEvents()).isTrue();

    var again = claim("UCfirst", Optional.empty(), T0.plusSeconds(1));
    assertThat(again.reply().isSuccess()).isTrue();
  }

  @Test
  void aLinkIsTakenOverOnlyFromTheHolderTheCallerFoundGoneOnceItsLastClaimIsOld() {
    claim("UCfirst", Optional.empty(), T0);

    var stale = claim("UCthird", Optional.of("UCsomeoneElse"), T0.plus(GRACE));
    assertThat(stale.reply().isError()).isTrue();
    var early = claim("UCthird", Optional.of("UCfirst"), T0.plus(GRACE).minusSeconds(1));
    assertThat(early.reply().isError()).isTrue();
    assertThat(early.hasNoEvents()).isTrue();

    var takeover = claim("UCthird", Optional.of("UCfirst"), T0.plus(GRACE));
    assertThat(takeover.reply().isSuccess()).isTrue();
    kit.restart();
    assertThat(kit.getState().holder()).contains("UCthird");
  }

  @Test
  void aHolderClaimingAgainBeforeItSignsUpAgainCannotBeTakenOverByARivalThatSawItGone() {
    claim("UCholder", Optional.empty(), T0);
    Instant signsUpAgain = T0.plus(Duration.ofHours(1));
    assertThat(claim("UCholder", Optional.empty(), signsUpAgain).reply().isSuccess()).isTrue();

    // The rival read the holder's channel as opted out, before its new sign-up showed.
    var rival = claim("UCrival", Optional.of("UCholder"), signsUpAgain.plusSeconds(5));

    assertThat(rival.reply().getError().getMessage())
        .isEqualTo("Joystream Channel 42 already connected with Youtube Channel UCholder.");
    kit.restart();
    assertThat(kit.getState().holder()).contains("UCholder");
  }
}
