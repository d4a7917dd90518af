package io.joysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.YppStatus;
import io.joysync.engine.signup.ChannelSignUp;
import io.joysync.engine.signup.OperatorChanges;
import io.joysync.engine.signup.OwnerSignedChanges;
import io.joysync.engine.signup.UnauthorizedChannels;
import io.joysync.engine.signup.UserSignUp;
import io.joysync.engine.user.MembershipPurchase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The answers the engine's refusals get at the HTTP edge: youtube-synch's status, code and
 * sentence, the same as when the routes phrased them themselves.
 */
class RefusalsTest {

  private static void answers(ApiException e, int status, String code, String sentence) {
    assertThat(e.status().intValue()).isEqualTo(status);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.messages()).isEqualTo(List.of(sentence));
  }

  @Test
  void channelSignUpRefusals() {
    answers(
        Refusals.of(ChannelSignUp.TokenKeyMissing.INSTANCE),
        503,
        "TOKEN_KEY_MISSING",
        "Sign-ups need the token encryption key (JOYSYNC_TOKEN_KEY) to be configured");
    answers(
        Refusals.of(new ChannelSignUp.AuthorRefused("Could not find user with id 7")),
        400,
        "INVALID_AUTHOR",
        "Could not find user with id 7");
    answers(
        Refusals.of(ChannelSignUp.AuthorHasNoTokens.INSTANCE),
        400,
        "INVALID_AUTHOR",
        "Invalid request author. Permission denied.");
    answers(
        Refusals.of(new ChannelSignUp.JoystreamChannelMissing(999999)),
        400,
        "CHANNEL_NOT_FOUND",
        "Joystream Channel 999999 does not exist.");
    answers(
        Refusals.of(new ChannelSignUp.LinkedElsewhere(4, "UCother")),
        400,
        "CHANNEL_ALREADY_REGISTERED",
        "Joystream Channel 4 already connected with Youtube Channel UCother.");
    answers(
        Refusals.of(new ChannelSignUp.LinkTaken("the link's sentence")),
        400,
        "CHANNEL_ALREADY_REGISTERED",
        "the link's sentence");
    answers(
        Refusals.of(ChannelSignUp.NoYoutubeChannel.INSTANCE),
        400,
        "CHANNEL_NOT_FOUND",
        "This Google account has no YouTube channel.");
    answers(
        Refusals.of(new ChannelSignUp.ChannelRefused("the channel's sentence")),
        400,
        "REFUSED",
        "the channel's sentence");
    answers(
        Refusals.of(new ChannelSignUp.CodeRefused("the account's sentence")),
        400,
        "REFUSED",
        "the account's sentence");
  }

  @Test
  void userSignUpRefusals() {
    answers(
        Refusals.of(UserSignUp.TokenKeyMissing.INSTANCE),
        503,
        "TOKEN_KEY_MISSING",
        "Sign-ups need the token encryption key (JOYSYNC_TOKEN_KEY) to be configured");
    answers(
        Refusals.of(UserSignUp.NoYoutubeChannel.INSTANCE),
        400,
        "CHANNEL_NOT_FOUND",
        "This Google account has no YouTube channel.");
    ApiException suspended = Refusals.of(new UserSignUp.Suspended(7));
    answers(
        suspended,
        400,
        "CHANNEL_STATUS_SUSPENDED",
        "A suspended channel cannot re opt-in for YPP program");
    assertThat(suspended.result()).contains(7L);
    ApiException registered = Refusals.of(new UserSignUp.AlreadyRegistered(8));
    answers(
        registered,
        400,
        "CHANNEL_ALREADY_REGISTERED",
        "Selected Youtube channel is already registered for YPP program");
    assertThat(registered.result()).contains(8L);
  }

  @Test
  void operatorChangeRefusals() {
    answers(
        Refusals.of(new OperatorChanges.ChannelMissing(9)),
        404,
        "CHANNEL_NOT_FOUND",
        "Could not find channel with id 9");
    answers(
        Refusals.of(new OperatorChanges.ChannelRefused(9, "the channel's sentence")),
        400,
        "REFUSED",
        "the channel's sentence");
  }

  @Test
  void ownerSignedChangeRefusals() {
    String badSignature = "Invalid request signature or playback message. Permission denied.";
    answers(Refusals.of(OwnerSignedChanges.Stale.INSTANCE), 404, "INVALID_SIGNATURE", badSignature);
    answers(
        Refusals.of(OwnerSignedChanges.BadSignature.INSTANCE),
        404,
        "INVALID_SIGNATURE",
        badSignature);
    answers(
        Refusals.of(new OwnerSignedChanges.ChannelMissing(9)),
        404,
        "CHANNEL_NOT_FOUND",
        "Could not find channel with id 9");
    answers(
        Refusals.of(new OwnerSignedChanges.NotAllowed("OptoutChannel", YppStatus.OPTED_OUT)),
        404,
        "ACTION_NOT_ALLOWED",
        "Can't perform \"OptoutChannel\" action on a \"OptedOut\" channel. Permission denied.");
    answers(
        Refusals.of(new OwnerSignedChanges.NoOwner(9)),
        404,
        "CHANNEL_NOT_FOUND",
        "Joystream Channel 9 does not exist or has no owner member.");
    answers(
        Refusals.of(new OwnerSignedChanges.ChannelRefused("the channel's sentence")),
        404,
        "ACTION_REFUSED",
        "the channel's sentence");
  }

  @Test
  void unauthorizedChannelRefusals() {
    answers(
        Refusals.of(new UnauthorizedChannels.YoutubeChannelMissing("@nobody")),
        404,
        "YOUTUBE_CHANNEL_NOT_FOUND",
        "YouTube channel @nobody does not exist.");
    answers(
        Refusals.of(new UnauthorizedChannels.SignedUpByOwner("UCowner")),
        409,
        "CHANNEL_AUTHORIZED",
        "YouTube channel UCowner is already in the YPP as an authorized channel.");
    answers(
        Refusals.of(
            new UnauthorizedChannels.Suspended(
                "UCbad", YppStatus.suspended(SuspensionReason.COPYRIGHT_BREACH))),
        409,
        "CHANNEL_SUSPENDED",
        "YouTube channel UCbad is suspended (Suspended::CopyrightBreach) and cannot be synced.");
    answers(
        Refusals.of(new UnauthorizedChannels.JoystreamChannelMissing(999999)),
        400,
        "CHANNEL_NOT_FOUND",
        "Joystream Channel 999999 does not exist.");
    answers(
        Refusals.of(new UnauthorizedChannels.LinkedElsewhere(4, "UCother")),
        409,
        "CHANNEL_ALREADY_REGISTERED",
        "Joystream Channel 4 already connected with Youtube Channel UCother.");
    answers(
        Refusals.of(new UnauthorizedChannels.LinkTaken("the link's sentence")),
        409,
        "CHANNEL_ALREADY_REGISTERED",
        "the link's sentence");
    answers(
        Refusals.of(new UnauthorizedChannels.CollaboratorMissing(1, 3)),
        400,
        "COLLABORATOR_MISSING",
        "joysync's member 1 is not a collaborator with the AddVideo permission on Joystream"
            + " Channel 3.");
    answers(
        Refusals.of(new UnauthorizedChannels.JoystreamUnavailable("The Joystream node")),
        503,
        "JOYSTREAM_UNAVAILABLE",
        "The Joystream node did not answer; try again shortly");
    answers(
        Refusals.of(new UnauthorizedChannels.ChannelRefused("the channel's sentence")),
        400,
        "REFUSED",
        "the channel's sentence");
  }

  @Test
  void membershipRefusals() {
    answers(
        (ApiException) Refusals.of(MembershipPurchase.FaucetNotConfigured.INSTANCE),
        503,
        "FAUCET_NOT_CONFIGURED",
        "Membership creation needs the faucet endpoint (joysync.joystream.faucet.endpoint) to be"
            + " configured");
    answers(
        (ApiException)
            Refusals.of(
                new MembershipPurchase.AuthorRefused("Invalid request author. Permission denied.")),
        400,
        "INVALID_AUTHOR",
        "Invalid request author. Permission denied.");
    answers(
        (ApiException) Refusals.of(new MembershipPurchase.LimitReached("the account's sentence")),
        400,
        "MEMBERSHIP_LIMIT_REACHED",
        "the account's sentence");

    FaucetError refused =
        (FaucetError)
            Refusals.of(new MembershipPurchase.FaucetRefused("HandleAlreadyRegistered", "5Acc"));
    assertThat(refused.status().intValue()).isEqualTo(400);
    assertThat(refused.body())
        .isEqualTo(
            new FaucetError.Body(
                "HandleAlreadyRegistered",
                "Failed to create membership through faucet for account address: 5Acc"));
    FaucetError unknown =
        (FaucetError)
            Refusals.of(new MembershipPurchase.OutcomeUnknown("InternalServerError", "5Acc"));
    assertThat(unknown.status().intValue()).isEqualTo(503);
    assertThat(unknown.body())
        .isEqualTo(
            new FaucetError.Body(
                "InternalServerError",
                "The faucet did not confirm whether it created the membership for account"
                    + " address: 5Acc. Send the same request again (same handle and account) to"
                    + " complete it"));
  }
}
