package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.channel.ChannelEntity.AutoOptOutReason;
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

class ChannelEntityTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("joysync/serialization.conf")
              .withFallback(EventSourcedBehaviorTestKit.config())
              .withFallback(ConfigFactory.load()));
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final String CHANNEL = "UCtestchannel00000000001";
  private static final TokenCipher CIPHER =
      new TokenCipher("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])));

  private EventSourcedBehaviorTestKit<
          ChannelEntity.Command, ChannelEntity.Event, ChannelEntity.State>
      kit;

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), ChannelEntity.create(CHANNEL));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static Registration registration(Instant at, boolean ingest) {
    ChannelProfile profile =
        new ChannelProfile(
            "Title",
            "About",
            Optional.of("@creator"),
            Optional.of("en"),
            Map.of("medium", "https://yt.example/a.jpg"),
            Optional.empty(),
            1500,
            30,
            100000,
            Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
            Optional.of("UUtestchannel00000000001"));
    return new Registration(
        "google-user-1",
        "creator@example.com",
        42,
        Optional.of("de"),
        ingest,
        Optional.of("cat-1"),
        Optional.of(7L),
        profile,
        Optional.of(
            new Registration.OwnerTokens(
                CIPHER.encrypt(CHANNEL, "ya29.access-token-plaintext"),
                CIPHER.encrypt(CHANNEL, "1//refresh-token-plaintext"))),
        at);
  }

  private StatusReply<ChannelState> run(
      java.util.function.Function<
              org.apache.pekko.actor.typed.ActorRef<StatusReply<ChannelState>>,
              ChannelEntity.Command>
          command) {
    return kit.<StatusReply<ChannelState>>runCommand(command::apply).reply();
  }

  @Test
  void signUpMakesAnUnverifiedChannelThatSyncsIfTheCreatorWantsIt() {
    var result =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.SignUp(registration(T0, true), r));

    ChannelState s = result.reply().getValue();
    assertThat(s.status()).isEqualTo(YppStatus.UNVERIFIED);
    assertThat(s.isSyncEnabled()).isTrue();
    assertThat(s.createdAt()).contains(T0);
    assertThat(result.event()).isInstanceOf(ChannelEntity.SignedUp.class);
  }

  @Test
  void commandsOnAnUnknownChannelAreRefusedAndPersistNothing() {
    var result =
        kit.<StatusReply<ChannelState>>runCommand(r -> new ChannelEntity.Verify(Tier.GOLD, T0, r));

    assertThat(result.reply().getError().getMessage())
        .isEqualTo("Could not find channel with id " + CHANNEL);
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void verifyAndSuspendSetTheOperatorSwitchAndProcessedAt() {
    run(r -> new ChannelEntity.SignUp(registration(T0, true), r));

    ChannelState verified =
        run(r -> new ChannelEntity.Verify(Tier.GOLD, T0.plusSeconds(5), r)).getValue();
    assertThat(verified.status().wireName()).isEqualTo("Verified::Gold");
    assertThat(verified.status().limits().videoCap()).isEqualTo(250);
    assertThat(verified.processedAt()).contains(T0.plusSeconds(5));

    ChannelState suspended =
        run(r -> new ChannelEntity.Suspend(SuspensionReason.COPYRIGHT_BREACH, T0.plusSeconds(9), r))
            .getValue();
    assertThat(suspended.status().wireName()).isEqualTo("Suspended::CopyrightBreach");
    assertThat(suspended.allowOperatorIngestion()).isFalse();
    assertThat(suspended.isSyncEnabled()).isFalse();
  }

  @Test
  void ownerActionsNeedANewerTimestampThanTheLastOne() {
    run(r -> new ChannelEntity.SignUp(registration(T0, false), r));
    Instant signed = T0.plusSeconds(60);

    var first = run(r -> new ChannelEntity.SetIngestion(true, Optional.of("cat-2"), signed, r));
    var replay =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.SetIngestion(false, Optional.empty(), signed, r));

    assertThat(first.getValue().shouldBeIngested()).isTrue();
    assertThat(first.getValue().videoCategoryId()).contains("cat-2");
    assertThat(replay.reply().getError().getMessage())
        .isEqualTo("Invalid request signature or playback message. Permission denied.");
    assertThat(replay.hasNoEvents()).isTrue();
    assertThat(replay.state().channel().shouldBeIngested()).isTrue();
  }

  @Test
  void suspendedAndOptedOutChannelsRefuseOwnerActions() {
    run(r -> new ChannelEntity.SignUp(registration(T0, true), r));
    run(r -> new ChannelEntity.Suspend(SuspensionReason.UNSUPPORTED_TOPIC, T0, r));

    var refused =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.SetCategory("cat-9", T0.plusSeconds(100), r));

    assertThat(refused.reply().getError().getMessage())
        .isEqualTo(
            "Can't perform \"UpdateChannelCategory\" action on a \"Suspended::UnsupportedTopic\" channel."
                + " Permission denied.");
    assertThat(refused.hasNoEvents()).isTrue();
  }

  @Test
  void optOutThenSignUpAgainRestoresTheTierAndKeepsHistory() {
    run(r -> new ChannelEntity.SignUp(registration(T0, true), r));
    run(r -> new ChannelEntity.Verify(Tier.SILVER, T0.plusSeconds(1), r));
    ChannelState out = run(r -> new ChannelEntity.OptOut(true, T0.plusSeconds(10), r)).getValue();
    assertThat(out.status()).isEqualTo(YppStatus.OPTED_OUT);
    assertThat(out.shouldBeIngested()).isFalse();

    ChannelState back =
        run(r -> new ChannelEntity.SignUp(registration(T0.plusSeconds(20), true), r)).getValue();

    assertThat(back.status().wireName()).isEqualTo("Verified::Silver");
    assertThat(back.createdAt()).contains(T0);
    assertThat(back.shouldBeIngested()).isTrue();
  }

  @Test
  void optOutFalseStopsIngestionWithoutDowngradingTheTier() {
    run(r -> new ChannelEntity.SignUp(registration(T0, true), r));
    run(r -> new ChannelEntity.Verify(Tier.DIAMOND, T0.plusSeconds(1), r));

    ChannelState s = run(r -> new ChannelEntity.OptOut(false, T0.plusSeconds(10), r)).getValue();

    assertThat(s.status().wireName()).isEqualTo("Verified::Diamond");
    assertThat(s.shouldBeIngested()).isFalse();
  }

  @Test
  void automaticOptOutIsRecordedOnceAndSuspendedChannelsCannotSignUpAgain() {
    run(r -> new ChannelEntity.SignUp(registration(T0, true), r));
    var first =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.AutoOptOut(AutoOptOutReason.COLLABORATOR_REVOKED, T0, r));
    var again =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.AutoOptOut(AutoOptOutReason.COLLABORATOR_REVOKED, T0, r));
    assertThat(first.event()).isInstanceOf(ChannelEntity.AutoOptedOut.class);
    assertThat(again.hasNoEvents()).isTrue();

    run(r -> new ChannelEntity.SignUp(registration(T0.plusSeconds(5), true), r));
    run(r -> new ChannelEntity.Suspend(SuspensionReason.MISLEADING_CONTENT, T0.plusSeconds(6), r));
    var refused =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.SignUp(registration(T0.plusSeconds(7), true), r));
    assertThat(refused.reply().isError()).isTrue();
    assertThat(refused.hasNoEvents()).isTrue();
  }

  @Test
  void changedStatisticsAreRecordedOnceAndSurviveARestart() {
    run(r -> new ChannelEntity.SignUp(registration(T0, true), r));
    var latest = new io.joysync.engine.youtube.ChannelStatistics(250_000, 1800, 31, 0);

    var first =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.RefreshStatistics(latest, T0.plusSeconds(60), r));
    var same =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.RefreshStatistics(latest, T0.plusSeconds(120), r));

    assertThat(first.event()).isInstanceOf(ChannelEntity.StatisticsRefreshed.class);
    assertThat(same.hasNoEvents()).as("the same counters again record nothing").isTrue();
    ChannelProfile profile = same.reply().getValue().registration().get().profile();
    assertThat(profile.subscriberCount()).isEqualTo(1800);
    assertThat(profile.videoCount()).isEqualTo(31);
    assertThat(profile.viewCount()).isEqualTo(250_000);
    assertThat(profile.title()).as("the rest of the profile is kept").isEqualTo("Title");

    kit.restart();
    var get = kit.<Optional<ChannelState>>runCommand(ChannelEntity.Get::new);
    assertThat(get.reply().get().registration().get().profile().subscriberCount()).isEqualTo(1800);
  }

  @Test
  void statisticsOfAnUnknownChannelAreRefused() {
    var refused =
        kit.<StatusReply<ChannelState>>runCommand(
            r ->
                new ChannelEntity.RefreshStatistics(
                    new io.joysync.engine.youtube.ChannelStatistics(1, 2, 3, 4), T0, r));
    assertThat(refused.reply().isError()).isTrue();
    assertThat(refused.hasNoEvents()).isTrue();
  }

  @Test
  void stateIsRebuiltFromTheJournal() {
    run(r -> new ChannelEntity.SignUp(registration(T0, true), r));
    run(r -> new ChannelEntity.Verify(Tier.BRONZE, T0.plusSeconds(1), r));
    kit.restart();

    var get = kit.<Optional<ChannelState>>runCommand(ChannelEntity.Get::new);

    assertThat(get.reply().get().status().wireName()).isEqualTo("Verified::Bronze");
  }

  @Test
  void persistedEventsHoldNoPlaintextToken() {
    var result =
        kit.<StatusReply<ChannelState>>runCommand(
            r -> new ChannelEntity.SignUp(registration(T0, true), r));

    byte[] bytes =
        SerializationExtension.get(testKit.system().classicSystem())
            .serialize(result.event())
            .get();
    String asText = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain("access-token-plaintext").doesNotContain("refresh-token");
    Registration.OwnerTokens tokens =
        ((ChannelEntity.SignedUp) result.event()).registration().tokens().get();
    assertThat(CIPHER.decrypt(CHANNEL, tokens.access())).isEqualTo("ya29.access-token-plaintext");
  }

  @Test
  void wireNamesRoundTrip() {
    for (String name :
        new String[] {
          "Unverified",
          "OptedOut",
          "Verified::Bronze",
          "Verified::Diamond",
          "Suspended::ProgramTermsExploit"
        }) {
      assertThat(YppStatus.parse(name).map(YppStatus::wireName)).contains(name);
    }
    assertThat(YppStatus.parse("Verified::Platinum")).isEmpty();
    assertThat(YppStatus.parse(null)).isEmpty();
  }

  @Test
  void anOperatorCannotReplaceAnOwnersSignUpWithAnUnauthorizedOne() {
    run(r -> new ChannelEntity.SignUp(registration(T0, true), r));
    Registration r0 = registration(T0.plusSeconds(60), true);
    Registration unauthorized =
        new Registration(
            "UnauthorizedUser-" + CHANNEL,
            "",
            r0.joystreamChannelId(),
            Optional.empty(),
            true,
            Optional.of("868-2"),
            Optional.empty(),
            r0.profile(),
            Optional.empty(),
            r0.at());

    var result =
        kit.<StatusReply<ChannelState>>runCommand(r -> new ChannelEntity.SignUp(unauthorized, r));

    assertThat(result.reply().getError().getMessage())
        .isEqualTo(
            "Channel "
                + CHANNEL
                + " was signed up by its owner; it cannot be added without the owner's"
                + " authorization");
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(kit.getState().channel().registration().get().tokens()).isPresent();
  }
}
