package io.joysync.engine.signup;

import static io.joysync.engine.signup.SignUpWorld.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.YppStatus;
import io.joysync.engine.signup.SignUpWorld.Creator;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channel sign-up use case on the devnets, without HTTP: the sign-up itself and every refusal,
 * each with its stable code and the data its sentence is phrased from.
 */
class ChannelSignUpTest extends SignUpCase {

  private ChannelSignUp signUp;

  @BeforeEach
  void useCases() {
    signUp = useCase(Optional.of(SignUpWorld.CIPHER));
  }

  private ChannelSignUp useCase(Optional<io.joysync.engine.channel.TokenCipher> cipher) {
    return new ChannelSignUp(
        testKit.system(),
        SignUpWorld.links(testKit),
        world.orion,
        world.youtube,
        cipher,
        world.ingestion(testKit),
        false,
        SignUpWorld.TIMEOUT,
        Clock.systemUTC());
  }

  private static ChannelSignUp.Request request(Creator c, long joystreamChannelId) {
    return new ChannelSignUp.Request(
        c.code(),
        c.userId(),
        c.email(),
        joystreamChannelId,
        true,
        Optional.of("cat-1"),
        Optional.empty());
  }

  private ChannelSignUp.Result signUp(Creator c, long joystreamChannelId) throws Exception {
    return await(signUp.signUp(request(c, joystreamChannelId)));
  }

  private Creator creator(String account) throws Exception {
    return world.signUpUser(testKit, account, null);
  }

  @Test
  void aCreatorSignsUpTheirChannelWithTheJoystreamChannelsLanguageAndTheCodeIsUsedUp()
      throws Exception {
    Creator alice = creator(DevnetSeed.ALICE);
    ChannelSignUp.SignedUp done = (ChannelSignUp.SignedUp) signUp(alice, 1);
    assertThat(done.youtubeChannelId()).isEqualTo(alice.youtubeChannelId());
    assertThat(done.user().email()).isEqualTo(DevnetSeed.ALICE);
    assertThat(done.channel().status()).isEqualTo(YppStatus.UNVERIFIED);
    var registration = done.channel().registration().orElseThrow();
    assertThat(registration.joystreamChannelId()).isEqualTo(1);
    assertThat(registration.joystreamChannelLanguage()).contains("en");
    assertThat(registration.profile().title()).isEqualTo("Alice Cooks");
    // The tokens are stored encrypted for the channel, not for the account.
    var tokens = registration.tokens().orElseThrow();
    assertThat(SignUpWorld.CIPHER.decrypt(alice.youtubeChannelId(), tokens.access())).isNotBlank();

    // The same sign-up again (a lost answer) completes; a sign-up for another channel does not.
    assertThat(signUp(alice, 1)).isInstanceOf(ChannelSignUp.SignedUp.class);
    assertThat(signUp(alice, 2))
        .isInstanceOfSatisfying(
            ChannelSignUp.AuthorRefused.class,
            r -> {
              assertThat(r.code()).isEqualTo("INVALID_AUTHOR");
              assertThat(r.reason()).isEqualTo("Invalid request author. Permission denied.");
            });
  }

  @Test
  void withoutATokenKeyNothingIsAsked() throws Exception {
    Creator alice = creator(DevnetSeed.ALICE);
    ChannelSignUp.Result result = await(useCase(Optional.empty()).signUp(request(alice, 1)));
    assertThat(result).isEqualTo(ChannelSignUp.TokenKeyMissing.INSTANCE);
    assertThat(((ChannelSignUp.Refused) result).code()).isEqualTo("TOKEN_KEY_MISSING");
  }

  @Test
  void aCodeThatIsNotTheSignUpsIsRefused() throws Exception {
    Creator alice = creator(DevnetSeed.ALICE);
    Creator forged = new Creator(alice.userId(), alice.email(), "forged", "");
    assertThat(signUp(forged, 1))
        .isEqualTo(new ChannelSignUp.AuthorRefused("Invalid request author. Permission denied."));
  }

  @Test
  void aJoystreamChannelThatDoesNotExistIsRefused() throws Exception {
    Creator alice = creator(DevnetSeed.ALICE);
    ChannelSignUp.Result result = signUp(alice, 999);
    assertThat(result).isEqualTo(new ChannelSignUp.JoystreamChannelMissing(999));
    assertThat(((ChannelSignUp.Refused) result).code()).isEqualTo("CHANNEL_NOT_FOUND");
  }

  @Test
  void aGoogleAccountWithoutAYoutubeChannelIsRefused() throws Exception {
    Creator carol = creator(DevnetSeed.CAROL);
    ChannelSignUp.Result result = signUp(carol, 1);
    assertThat(result).isEqualTo(ChannelSignUp.NoYoutubeChannel.INSTANCE);
    assertThat(((ChannelSignUp.Refused) result).code()).isEqualTo("CHANNEL_NOT_FOUND");
  }

  @Test
  void aJoystreamChannelServingAnotherYoutubeChannelIsRefusedBeforeYoutubeIsAsked()
      throws Exception {
    Creator bob = creator(DevnetSeed.BOB);
    assertThat(signUp(bob, 2)).isInstanceOf(ChannelSignUp.SignedUp.class);
    Creator alice = creator(DevnetSeed.ALICE);
    ChannelSignUp.Result result = signUp(alice, 2);
    assertThat(result).isEqualTo(new ChannelSignUp.LinkedElsewhere(2, bob.youtubeChannelId()));
    assertThat(((ChannelSignUp.Refused) result).code()).isEqualTo("CHANNEL_ALREADY_REGISTERED");
  }

  @Test
  void theLinkClaimDecidesWhenTheEarlyCheckCouldNotTell() throws Exception {
    Creator bob = creator(DevnetSeed.BOB);
    assertThat(signUp(bob, 2)).isInstanceOf(ChannelSignUp.SignedUp.class);
    // Alice's account was recorded with bob's channel, so the early check lets her through; her
    // Google account's channel is another, and the link's writer refuses it.
    Creator alice = world.signUpUser(testKit, DevnetSeed.ALICE, bob.youtubeChannelId());
    ChannelSignUp.Result result = signUp(alice, 2);
    assertThat(result)
        .isEqualTo(
            new ChannelSignUp.LinkTaken(
                "Joystream Channel 2 already connected with Youtube Channel "
                    + bob.youtubeChannelId()
                    + "."));
    assertThat(((ChannelSignUp.Refused) result).code()).isEqualTo("CHANNEL_ALREADY_REGISTERED");
  }

  @Test
  void aSuspendedChannelCannotSignUpAgain() throws Exception {
    Creator alice = creator(DevnetSeed.ALICE);
    assertThat(signUp(alice, 1)).isInstanceOf(ChannelSignUp.SignedUp.class);
    await(
        ClusterSharding.get(testKit.system())
            .entityRefFor(ChannelEntity.ENTITY_KEY, alice.youtubeChannelId())
            .<ChannelState>askWithStatus(
                r -> new ChannelEntity.Suspend(SuspensionReason.COPYRIGHT_BREACH, Instant.now(), r),
                SignUpWorld.TIMEOUT));
    Creator again = creator(DevnetSeed.ALICE);
    ChannelSignUp.Result result = signUp(again, 1);
    assertThat(result)
        .isEqualTo(
            new ChannelSignUp.ChannelRefused(
                "Channel "
                    + alice.youtubeChannelId()
                    + " is suspended (Suspended::CopyrightBreach) and cannot sign up again"));
    assertThat(((ChannelSignUp.Refused) result).code()).isEqualTo("REFUSED");
  }
}
