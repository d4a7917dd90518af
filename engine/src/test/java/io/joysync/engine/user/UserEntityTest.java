package io.joysync.engine.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.channel.Registration.OwnerTokens;
import io.joysync.engine.channel.TokenCipher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserEntityTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final TokenCipher CIPHER =
      new TokenCipher("k", Map.of("k", Base64.getEncoder().encodeToString(new byte[32])));

  private EventSourcedBehaviorTestKit<UserEntity.Command, UserEntity.Event, UserEntity.State> kit;

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), UserEntity.create("google-sub-1"));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static OwnerTokens tokens() {
    return new OwnerTokens(
        CIPHER.encrypt("user:google-sub-1", "access"),
        CIPHER.encrypt("user:google-sub-1", "refresh"));
  }

  private StatusReply<UserEntity.User> register(String code) {
    return kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.Register("a@example.com", code, tokens(), T0, r))
        .reply();
  }

  @Test
  void theCodeOfTheLastSignUpProvesAuthorshipUntilItIsUsed() {
    register("4/0AX-code-one");

    var wrong =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.CheckAuthor("4/0AX-other", r));
    var right =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.CheckAuthor("4/0AX-code-one", r));
    var consumed =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r ->
                new UserEntity.ConsumeCode(
                    "4/0AX-code-one", "new@example.com", T0.plusSeconds(5), r));
    var replay =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r ->
                new UserEntity.ConsumeCode(
                    "4/0AX-code-one", "x@example.com", T0.plusSeconds(9), r));

    assertThat(wrong.reply().getError().getMessage())
        .isEqualTo("Invalid request author. Permission denied.");
    assertThat(right.reply().isSuccess()).isTrue();
    assertThat(consumed.reply().getValue().email()).isEqualTo("new@example.com");
    assertThat(replay.reply().isError()).isTrue();
    assertThat(replay.hasNoEvents()).isTrue();
  }

  @Test
  void unknownUsersAreRefused() {
    var r =
        kit.<StatusReply<UserEntity.User>>runCommand(
            reply -> new UserEntity.CheckAuthor("code", reply));

    assertThat(r.reply().getError().getMessage())
        .isEqualTo("Could not find user with id google-sub-1");
  }

  @Test
  void signingUpAgainKeepsMembershipsAndTheCodeIsNeverStoredInClear() {
    register("first-code");
    kit.<StatusReply<UserEntity.User>>runCommand(
        r -> new UserEntity.RecordMembership(77, T0.plusSeconds(1), r));
    var again =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r ->
                new UserEntity.Register(
                    "a@example.com", "second-code", tokens(), T0.plusSeconds(2), r));

    assertThat(again.reply().getValue().joystreamMemberIds()).containsExactly(77L);
    byte[] bytes =
        SerializationExtension.get(testKit.system().classicSystem()).serialize(again.event()).get();
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("second-code");
    kit.restart();
    var get = kit.<Optional<UserEntity.User>>runCommand(UserEntity.Get::new);
    assertThat(get.reply().get().joystreamMemberIds()).containsExactly(77L);
  }
}
