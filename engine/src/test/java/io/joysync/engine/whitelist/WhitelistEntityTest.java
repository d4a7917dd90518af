package io.joysync.engine.whitelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhitelistEntityTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));

  private EventSourcedBehaviorTestKit<
          WhitelistEntity.Command, WhitelistEntity.Event, WhitelistEntity.State>
      kit;

  @BeforeEach
  void freshEntity() {
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            WhitelistEntity.create(
                new ChannelHandle("@Creator"), Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void addWhitelistsTheLowerCasedHandle() {
    CommandResultWithReply<
            WhitelistEntity.Command,
            WhitelistEntity.Event,
            WhitelistEntity.State,
            StatusReply<WhitelistEntity.Entry>>
        result = kit.runCommand(WhitelistEntity.Add::new);

    assertThat(result.reply().getValue()).isEqualTo(new WhitelistEntity.Entry("@creator", NOW));
    assertThat(result.event()).isEqualTo(new WhitelistEntity.Added("@creator", NOW));
    assertThat(result.state().isWhitelisted()).isTrue();
  }

  @Test
  void addingTwiceKeepsTheFirstEntryAndPersistsNothingMore() {
    kit.runCommand(WhitelistEntity.Add::new);
    var second = kit.<StatusReply<WhitelistEntity.Entry>>runCommand(WhitelistEntity.Add::new);

    assertThat(second.hasNoEvents()).isTrue();
    assertThat(second.reply().getValue().createdAt()).isEqualTo(NOW);
  }

  @Test
  void removingAnAbsentHandleIsRejectedAndPersistsNothing() {
    var result = kit.<StatusReply<Done>>runCommand(WhitelistEntity.Remove::new);

    assertThat(result.reply().isError()).isTrue();
    assertThat(result.reply().getError().getMessage())
        .isEqualTo("Channel with handle @creator is not whitelisted");
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void removeThenGetAnswersNotWhitelisted() {
    kit.runCommand(WhitelistEntity.Add::new);
    var removed = kit.<StatusReply<Done>>runCommand(WhitelistEntity.Remove::new);
    var get = kit.<Optional<WhitelistEntity.Entry>>runCommand(WhitelistEntity.Get::new);

    assertThat(removed.reply().isSuccess()).isTrue();
    assertThat(removed.event()).isEqualTo(new WhitelistEntity.Removed("@creator"));
    assertThat(get.reply()).isEmpty();
  }

  @Test
  void stateSurvivesRestartFromTheJournal() {
    kit.runCommand(WhitelistEntity.Add::new);
    kit.restart();
    var get = kit.<Optional<WhitelistEntity.Entry>>runCommand(WhitelistEntity.Get::new);

    assertThat(get.reply()).contains(new WhitelistEntity.Entry("@creator", NOW));
  }

  @Test
  void handlesAreValidatedAndLowerCased() {
    assertThat(new ChannelHandle("@MiXeD").value()).isEqualTo("@mixed");
    assertThat(ChannelHandle.problemWith("creator"))
        .contains("The channel handle should start with a \"@\"");
    assertThat(ChannelHandle.problemWith("@")).isPresent();
    assertThat(ChannelHandle.problemWith("@a b")).isPresent();
    assertThat(ChannelHandle.problemWith("@" + "x".repeat(ChannelHandle.MAX_LENGTH))).isPresent();
    assertThatThrownBy(() -> new ChannelHandle("nohandle"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
