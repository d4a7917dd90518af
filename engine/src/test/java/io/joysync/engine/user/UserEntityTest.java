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
  private static final String ACCOUNT_A = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
  private static final String ACCOUNT_B = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
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
            r -> new UserEntity.Register("a@example.com", code, tokens(), "UCowner", T0, r))
        .reply();
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          UserEntity.Command,
          UserEntity.Event,
          UserEntity.State,
          StatusReply<UserEntity.MembershipSlot>>
      request(String handle, String account, int limit) {
    return kit.runCommand(
        r -> new UserEntity.RequestMembership(handle, account, limit, T0.plusSeconds(1), r));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          UserEntity.Command, UserEntity.Event, UserEntity.State, StatusReply<UserEntity.User>>
      record(String handle, String account, long memberId) {
    return kit.runCommand(
        r -> new UserEntity.RecordMembership(handle, account, memberId, T0.plusSeconds(2), r));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          UserEntity.Command, UserEntity.Event, UserEntity.State, StatusReply<UserEntity.User>>
      release(String handle, String account, int attempt) {
    return kit.runCommand(
        r ->
            new UserEntity.ReleaseMembershipRequest(
                handle, account, attempt, T0.plusSeconds(3), r));
  }

  @Test
  void theLimitCountsOpenRequestsAndARefusalPersistsNothing() {
    register("code");
    var first = request("first", ACCOUNT_A, 2);
    var second = request("second", ACCOUNT_B, 2);
    var third = request("third", ACCOUNT_B, 2);

    assertThat(first.reply().getValue())
        .isEqualTo(new UserEntity.MembershipReserved("first", ACCOUNT_A, 1));
    assertThat(second.event())
        .isEqualTo(new UserEntity.MembershipRequested("second", ACCOUNT_B, T0.plusSeconds(1)));
    assertThat(third.reply().getError().getMessage())
        .isEqualTo(
            "Still creating Joystream memberships with handles first, second for user"
                + " google-sub-1 (send the same request again to finish one)");
    assertThat(third.hasNoEvents()).isTrue();

    record("first", ACCOUNT_A, 41);
    var afterRecording = request("third", ACCOUNT_B, 2);
    assertThat(afterRecording.reply().getError().getMessage())
        .isEqualTo(
            "Already created Joysteam memberships 41 for user google-sub-1 and still creating"
                + " memberships with handles second (send the same request again to finish one)");
    assertThat(afterRecording.hasNoEvents()).isTrue();
  }

  @Test
  void membershipsRecordedByEarlierVersionsCountTowardsTheLimit() {
    kit.initialize(
        new UserEntity.Registered(
            "a@example.com", UserEntity.digest("code"), tokens(), T0, Optional.empty()),
        new UserEntity.MembershipRecorded(5, T0),
        new UserEntity.MembershipRecorded(6, T0));

    var refused = request("third", ACCOUNT_A, 2);

    assertThat(refused.reply().getError().getMessage())
        .isEqualTo("Already created Joysteam memberships 5,6 for user google-sub-1");
    assertThat(refused.hasNoEvents()).isTrue();
  }

  @Test
  void recordingTheSameHandleAgainIsANoOpAndARequestForItAnswersTheMember() {
    register("code");
    request("creator", ACCOUNT_A, 2);
    var recorded = record("creator", ACCOUNT_A, 41);
    var again = record("creator", ACCOUNT_A, 41);
    var asked = request("creator", ACCOUNT_A, 2);

    assertThat(recorded.reply().getValue().joystreamMemberIds()).containsExactly(41L);
    assertThat(again.reply().isSuccess()).isTrue();
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(asked.reply().getValue())
        .isEqualTo(new UserEntity.MembershipAlreadyRecorded("creator", 41));
    assertThat(asked.hasNoEvents()).isTrue();
    kit.restart();
    var afterRestart = record("creator", ACCOUNT_A, 41);
    assertThat(afterRestart.hasNoEvents()).isTrue();
    assertThat(afterRestart.reply().getValue().joystreamMemberIds()).containsExactly(41L);
  }

  @Test
  void releasingARequestFreesItsSlot() {
    register("code");
    request("first", ACCOUNT_A, 1);
    assertThat(request("second", ACCOUNT_B, 1).reply().isError()).isTrue();

    var released = release("first", ACCOUNT_A, 1);
    var second = request("second", ACCOUNT_B, 1);

    assertThat(released.event())
        .isEqualTo(new UserEntity.MembershipRequestReleased("first", ACCOUNT_A, T0.plusSeconds(3)));
    assertThat(second.reply().getValue())
        .isEqualTo(new UserEntity.MembershipReserved("second", ACCOUNT_B, 1));
  }

  @Test
  void retryingAnOpenRequestTakesNoOtherSlotAndOnlyItsLastAttemptReleasesIt() {
    register("code");
    request("first", ACCOUNT_A, 1);

    var retry = request("first", ACCOUNT_A, 1);
    var staleRelease = release("first", ACCOUNT_A, 1);

    assertThat(retry.reply().getValue())
        .isEqualTo(new UserEntity.MembershipReserved("first", ACCOUNT_A, 2));
    assertThat(staleRelease.hasNoEvents()).isTrue();
    assertThat(request("second", ACCOUNT_B, 1).reply().isError()).isTrue();
    kit.restart();
    assertThat(release("first", ACCOUNT_A, 2).hasNoEvents()).isFalse();
    assertThat(request("second", ACCOUNT_B, 1).reply().isSuccess()).isTrue();
  }

  @Test
  void aMembershipBoughtForAReleasedRequestIsStillRecorded() {
    register("code");
    request("first", ACCOUNT_A, 1);
    release("first", ACCOUNT_A, 1);

    var recorded = record("first", ACCOUNT_A, 9);

    assertThat(recorded.reply().getValue().joystreamMemberIds()).containsExactly(9L);
    assertThat(request("second", ACCOUNT_B, 1).reply().isError()).isTrue();
  }

  @Test
  void membershipRequestsOfUnknownUsersAreRefused() {
    var r = request("first", ACCOUNT_A, 2);

    assertThat(r.reply().getError().getMessage())
        .isEqualTo("Could not find user with id google-sub-1");
    assertThat(r.hasNoEvents()).isTrue();
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
                    "4/0AX-code-one", "new@example.com", 7, T0.plusSeconds(5), r));
    var afterUse =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.CheckAuthor("4/0AX-code-one", r));

    assertThat(wrong.reply().getError().getMessage())
        .isEqualTo("Invalid request author. Permission denied.");
    assertThat(right.reply().isSuccess()).isTrue();
    assertThat(consumed.reply().getValue().email()).isEqualTo("new@example.com");
    assertThat(afterUse.reply().isError()).isTrue();
  }

  @Test
  void aUsedCodeAuthorisesOnlyARepeatOfItsChannelSignUpAndOnlyForAWhile() {
    register("4/0AX-code-one");
    Instant used = T0.plusSeconds(5);
    kit.<StatusReply<UserEntity.User>>runCommand(
        r -> new UserEntity.ConsumeCode("4/0AX-code-one", "new@example.com", 7, used, r));

    var repeatCheck =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.CheckSignUpAuthor("4/0AX-code-one", 7, used.plusSeconds(30), r));
    var repeatUse =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r ->
                new UserEntity.ConsumeCode(
                    "4/0AX-code-one", "x@example.com", 7, used.plusSeconds(31), r));
    var otherCode =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.CheckSignUpAuthor("4/0AX-other", 7, used.plusSeconds(32), r));
    var otherChannel =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.CheckSignUpAuthor("4/0AX-code-one", 8, used.plusSeconds(33), r));
    Instant late = used.plus(UserEntity.REPEAT_GRACE).plusSeconds(1);
    var lateCheck =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.CheckSignUpAuthor("4/0AX-code-one", 7, late, r));
    var lateUse =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r -> new UserEntity.ConsumeCode("4/0AX-code-one", "x@example.com", 7, late, r));

    assertThat(repeatCheck.reply().isSuccess()).isTrue();
    assertThat(repeatUse.reply().getValue().email()).isEqualTo("new@example.com");
    assertThat(repeatUse.hasNoEvents()).isTrue();
    assertThat(otherCode.reply().isError()).isTrue();
    assertThat(otherChannel.reply().isError()).isTrue();
    assertThat(lateCheck.reply().getError().getMessage())
        .isEqualTo("Invalid request author. Permission denied.");
    assertThat(lateUse.reply().isError()).isTrue();
    assertThat(lateUse.hasNoEvents()).isTrue();
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
    request("creator", ACCOUNT_A, 2);
    record("creator", ACCOUNT_A, 77);
    var again =
        kit.<StatusReply<UserEntity.User>>runCommand(
            r ->
                new UserEntity.Register(
                    "a@example.com", "second-code", tokens(), "UCowner", T0.plusSeconds(2), r));

    assertThat(again.reply().getValue().joystreamMemberIds()).containsExactly(77L);
    byte[] bytes =
        SerializationExtension.get(testKit.system().classicSystem()).serialize(again.event()).get();
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("second-code");
    kit.restart();
    var get = kit.<Optional<UserEntity.User>>runCommand(UserEntity.Get::new);
    assertThat(get.reply().get().joystreamMemberIds()).containsExactly(77L);
  }
}
