package io.joysync.engine.signup;

import static io.joysync.engine.signup.SignUpWorld.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.engine.user.UserEntity;
import io.joysync.engine.whitelist.ChannelHandle;
import io.joysync.engine.whitelist.WhitelistEntity;
import io.joysync.engine.youtube.onboarding.OnboardingCheck;
import io.joysync.engine.youtube.onboarding.OnboardingRequirements;
import io.joysync.engine.youtube.onboarding.RequirementFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The user sign-up use case ({@code POST /users}) on the YouTube devnet, without HTTP: the sign-up
 * with its tokens encrypted for the account, the onboarding requirements and the whitelist, and
 * every refusal with its stable code.
 */
class UserSignUpTest extends SignUpCase {

  @BeforeEach
  void useCases() {
    WhitelistEntity.init(testKit.system());
  }

  private UserSignUp useCase(Optional<TokenCipher> cipher) {
    return new UserSignUp(
        testKit.system(),
        world.youtube,
        new OnboardingCheck(OnboardingRequirements.production(), world.youtube, Clock.systemUTC()),
        cipher,
        SignUpWorld.TIMEOUT,
        Clock.systemUTC());
  }

  private UserSignUp.Result signUp(String account) throws Exception {
    String code = world.youtubeDevnet.authorizationCode(account, SignUpWorld.REDIRECT, null, true);
    return await(useCase(Optional.of(SignUpWorld.CIPHER)).signUp(code, SignUpWorld.REDIRECT));
  }

  @Test
  void aCreatorWhoMeetsTheRequirementsIsStoredWithTokensOnlyTheirAccountOpens() throws Exception {
    UserSignUp.SignedUp done = (UserSignUp.SignedUp) signUp(DevnetSeed.ALICE);
    assertThat(done.user().email()).isEqualTo(DevnetSeed.ALICE);
    assertThat(done.channel().title()).isEqualTo("Alice Cooks");
    assertThat(done.user().youtubeChannelId()).contains(done.channel().id());

    var stored =
        await(
                ClusterSharding.get(testKit.system())
                    .entityRefFor(UserEntity.ENTITY_KEY, done.user().id())
                    .<Optional<Registration.OwnerTokens>>ask(
                        UserEntity.GetTokens::new, SignUpWorld.TIMEOUT))
            .orElseThrow();
    String scope = UserSignUp.tokenScope(done.user().id());
    assertThat(SignUpWorld.CIPHER.decrypt(scope, stored.access())).isNotBlank();
    assertThat(SignUpWorld.CIPHER.decrypt(scope, stored.refresh())).isNotBlank();
  }

  @Test
  void everyUnmetRequirementIsListedUntilTheHandleIsWhitelisted() throws Exception {
    UserSignUp.Result refused = signUp(DevnetSeed.BOB);
    assertThat(refused).isInstanceOf(UserSignUp.RequirementsUnmet.class);
    assertThat(((UserSignUp.RequirementsUnmet) refused).failures())
        .extracting(RequirementFailure::code)
        .contains("CHANNEL_CRITERIA_UNMET_SUBSCRIBERS", "CHANNEL_CRITERIA_UNMET_CREATION_DATE");

    await(
        ClusterSharding.get(testKit.system())
            .entityRefFor(WhitelistEntity.ENTITY_KEY, new ChannelHandle("@bobstarts").value())
            .<WhitelistEntity.Entry>askWithStatus(WhitelistEntity.Add::new, SignUpWorld.TIMEOUT));
    assertThat(signUp(DevnetSeed.BOB)).isInstanceOf(UserSignUp.SignedUp.class);
  }

  @Test
  void aGoogleAccountWithoutAYoutubeChannelIsRefused() throws Exception {
    UserSignUp.Result result = signUp(DevnetSeed.CAROL);
    assertThat(result).isEqualTo(UserSignUp.NoYoutubeChannel.INSTANCE);
    assertThat(((UserSignUp.Refused) result).code()).isEqualTo("CHANNEL_NOT_FOUND");
  }

  @Test
  void withoutATokenKeyTheCodeIsNotEvenExchanged() throws Exception {
    String code =
        world.youtubeDevnet.authorizationCode(DevnetSeed.ALICE, SignUpWorld.REDIRECT, null, true);
    UserSignUp.Result result = await(useCase(Optional.empty()).signUp(code, SignUpWorld.REDIRECT));
    assertThat(result).isEqualTo(UserSignUp.TokenKeyMissing.INSTANCE);
    assertThat(((UserSignUp.Refused) result).code()).isEqualTo("TOKEN_KEY_MISSING");
    // The code was not used up: it still signs the creator up.
    assertThat(await(useCase(Optional.of(SignUpWorld.CIPHER)).signUp(code, SignUpWorld.REDIRECT)))
        .isInstanceOf(UserSignUp.SignedUp.class);
  }

  @Test
  void aChannelInTheProgramIsRefusedUntilItOptsOutAndASuspendedOneForGood() throws Exception {
    String youtubeChannelId = world.signUpChannel(testKit, DevnetSeed.ALICE, 1);

    UserSignUp.Result registered = signUp(DevnetSeed.ALICE);
    assertThat(registered).isEqualTo(new UserSignUp.AlreadyRegistered(1));
    assertThat(((UserSignUp.Refused) registered).code()).isEqualTo("CHANNEL_ALREADY_REGISTERED");

    var channel =
        ClusterSharding.get(testKit.system())
            .entityRefFor(ChannelEntity.ENTITY_KEY, youtubeChannelId);
    await(
        channel.<ChannelState>askWithStatus(
            r -> new ChannelEntity.OptOut(true, Instant.now(), r), SignUpWorld.TIMEOUT));
    assertThat(signUp(DevnetSeed.ALICE)).isInstanceOf(UserSignUp.SignedUp.class);

    await(
        channel.<ChannelState>askWithStatus(
            r -> new ChannelEntity.Suspend(SuspensionReason.COPYRIGHT_BREACH, Instant.now(), r),
            SignUpWorld.TIMEOUT));
    UserSignUp.Result suspended = signUp(DevnetSeed.ALICE);
    assertThat(suspended).isEqualTo(new UserSignUp.Suspended(1));
    assertThat(((UserSignUp.Refused) suspended).code()).isEqualTo("CHANNEL_STATUS_SUSPENDED");
  }
}
