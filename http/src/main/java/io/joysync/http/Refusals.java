package io.joysync.http;

import io.joysync.engine.pipeline.QueueCleanup;
import io.joysync.engine.signup.ChannelSignUp;
import io.joysync.engine.signup.OperatorChanges;
import io.joysync.engine.signup.OwnerSignedChanges;
import io.joysync.engine.signup.UnauthorizedChannels;
import io.joysync.engine.signup.UserSignUp;
import io.joysync.engine.user.MembershipPurchase;
import io.joysync.engine.youtube.onboarding.RequirementFailure;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * The one place where the engine's refusals become youtube-synch's answers: the HTTP status, the
 * refusal's code and the sentence Atlas and operators read, phrased from the refusal's data.
 */
final class Refusals {

  private Refusals() {}

  /** {@code POST /channels}: every refusal is the caller's (400) but a missing token key (503). */
  static ApiException of(ChannelSignUp.Refused refused) {
    StatusCode status = StatusCodes.BAD_REQUEST;
    String code = refused.code();
    if (refused instanceof ChannelSignUp.TokenKeyMissing) {
      return SignUpGate.tokenKeyMissing();
    } else if (refused instanceof ChannelSignUp.AuthorRefused r) {
      return new ApiException(status, code, r.reason());
    } else if (refused instanceof ChannelSignUp.AuthorHasNoTokens) {
      return new ApiException(status, code, "Invalid request author. Permission denied.");
    } else if (refused instanceof ChannelSignUp.JoystreamChannelMissing r) {
      return new ApiException(status, code, joystreamChannelMissing(r.joystreamChannelId()));
    } else if (refused instanceof ChannelSignUp.LinkedElsewhere r) {
      return new ApiException(
          status, code, linkedElsewhere(r.joystreamChannelId(), r.otherYoutubeChannelId()));
    } else if (refused instanceof ChannelSignUp.LinkTaken r) {
      return new ApiException(status, code, r.reason());
    } else if (refused instanceof ChannelSignUp.NoYoutubeChannel) {
      return new ApiException(status, code, "This Google account has no YouTube channel.");
    } else if (refused instanceof ChannelSignUp.ChannelRefused r) {
      return new ApiException(status, code, r.reason());
    } else if (refused instanceof ChannelSignUp.CodeRefused r) {
      return new ApiException(status, code, r.reason());
    }
    throw new IllegalArgumentException("Unknown refusal " + refused);
  }

  /** {@code POST /users}: every refusal is the caller's (400) but a missing token key (503). */
  static ApiException of(UserSignUp.Refused refused) {
    String code = refused.code();
    if (refused instanceof UserSignUp.TokenKeyMissing) {
      return SignUpGate.tokenKeyMissing();
    } else if (refused instanceof UserSignUp.NoYoutubeChannel) {
      return ApiException.badRequest(code, RequirementFailure.channelNotFound().message());
    } else if (refused instanceof UserSignUp.Suspended r) {
      return ApiException.badRequest(code, "A suspended channel cannot re opt-in for YPP program")
          .withResult(r.joystreamChannelId());
    } else if (refused instanceof UserSignUp.AlreadyRegistered r) {
      return ApiException.badRequest(
              code, "Selected Youtube channel is already registered for YPP program")
          .withResult(r.joystreamChannelId());
    }
    throw new IllegalArgumentException("Unknown refusal " + refused);
  }

  /**
   * Operators' batch changes: a channel not in the program is 404 (nothing changed), a channel's
   * refusal 400 with its sentence (the changes before it applied).
   */
  static ApiException of(OperatorChanges.Refused refused) {
    String code = refused.code();
    if (refused instanceof OperatorChanges.ChannelMissing r) {
      return ApiException.notFound(
          code, "Could not find channel with id " + r.joystreamChannelId());
    } else if (refused instanceof OperatorChanges.ChannelRefused r) {
      return ApiException.badRequest(code, r.reason());
    }
    throw new IllegalArgumentException("Unknown refusal " + refused);
  }

  static final String BAD_SIGNATURE =
      "Invalid request signature or playback message. Permission denied.";

  /** {@code PUT /channels/:id/ingest|optout|category}: every refusal is youtube-synch's 404. */
  static ApiException of(OwnerSignedChanges.Refused refused) {
    String code = refused.code();
    if (refused instanceof OwnerSignedChanges.Stale
        || refused instanceof OwnerSignedChanges.BadSignature) {
      return ApiException.notFound(code, BAD_SIGNATURE);
    } else if (refused instanceof OwnerSignedChanges.ChannelMissing r) {
      return ApiException.notFound(
          code, "Could not find channel with id " + r.joystreamChannelId());
    } else if (refused instanceof OwnerSignedChanges.NotAllowed r) {
      return ApiException.notFound(
          code,
          "Can't perform \""
              + r.actionName()
              + "\" action on a \""
              + r.status().wireName()
              + "\" channel. Permission denied.");
    } else if (refused instanceof OwnerSignedChanges.NoOwner r) {
      return ApiException.notFound(
          code,
          "Joystream Channel "
              + r.joystreamChannelId()
              + " does not exist or has no owner member.");
    } else if (refused instanceof OwnerSignedChanges.ChannelRefused r) {
      return ApiException.notFound(code, r.reason());
    }
    throw new IllegalArgumentException("Unknown refusal " + refused);
  }

  /**
   * {@code POST /channels/unauthorized}: a channel not on YouTube is 404, one that is another's or
   * taken is 409, Joystream not answering 503, the rest the operator's request (400).
   */
  static ApiException of(UnauthorizedChannels.Refused refused) {
    String code = refused.code();
    if (refused instanceof UnauthorizedChannels.YoutubeChannelMissing r) {
      return new ApiException(
          StatusCodes.NOT_FOUND, code, "YouTube channel " + r.lookup() + " does not exist.");
    } else if (refused instanceof UnauthorizedChannels.SignedUpByOwner r) {
      return new ApiException(
          StatusCodes.CONFLICT,
          code,
          "YouTube channel "
              + r.youtubeChannelId()
              + " is already in the YPP as an authorized channel.");
    } else if (refused instanceof UnauthorizedChannels.Suspended r) {
      return new ApiException(
          StatusCodes.CONFLICT,
          code,
          "YouTube channel "
              + r.youtubeChannelId()
              + " is suspended ("
              + r.status().wireName()
              + ") and cannot be synced.");
    } else if (refused instanceof UnauthorizedChannels.JoystreamChannelMissing r) {
      return new ApiException(
          StatusCodes.BAD_REQUEST, code, joystreamChannelMissing(r.joystreamChannelId()));
    } else if (refused instanceof UnauthorizedChannels.LinkedElsewhere r) {
      return new ApiException(
          StatusCodes.CONFLICT,
          code,
          linkedElsewhere(r.joystreamChannelId(), r.otherYoutubeChannelId()));
    } else if (refused instanceof UnauthorizedChannels.LinkTaken r) {
      return new ApiException(StatusCodes.CONFLICT, code, r.reason());
    } else if (refused instanceof UnauthorizedChannels.CollaboratorMissing r) {
      return new ApiException(
          StatusCodes.BAD_REQUEST,
          code,
          "joysync's member "
              + r.collaboratorMemberId()
              + " is not a collaborator with the AddVideo permission on Joystream Channel "
              + r.joystreamChannelId()
              + ".");
    } else if (refused instanceof UnauthorizedChannels.JoystreamUnavailable r) {
      return new ApiException(
          StatusCodes.SERVICE_UNAVAILABLE,
          code,
          r.service() + " did not answer; try again shortly");
    } else if (refused instanceof UnauthorizedChannels.ChannelRefused r) {
      return new ApiException(StatusCodes.BAD_REQUEST, code, r.reason());
    }
    throw new IllegalArgumentException("Unknown refusal " + refused);
  }

  /**
   * {@code POST /membership}: the faucet's refusals answer youtube-synch's bare {@code {code,
   * message}} with the faucet's own code ({@link FaucetError}); the rest the usual error body.
   */
  static RuntimeException of(MembershipPurchase.Refused refused) {
    String code = refused.code();
    if (refused instanceof MembershipPurchase.FaucetNotConfigured) {
      return new ApiException(
          StatusCodes.SERVICE_UNAVAILABLE,
          code,
          "Membership creation needs the faucet endpoint"
              + " (joysync.joystream.faucet.endpoint) to be configured");
    } else if (refused instanceof MembershipPurchase.AuthorRefused r) {
      return new ApiException(StatusCodes.BAD_REQUEST, code, r.reason());
    } else if (refused instanceof MembershipPurchase.LimitReached r) {
      return new ApiException(StatusCodes.BAD_REQUEST, code, r.reason());
    } else if (refused instanceof MembershipPurchase.FaucetRefused r) {
      return new FaucetError(
          StatusCodes.BAD_REQUEST,
          r.faucetCode(),
          "Failed to create membership through faucet for account address: " + r.account());
    } else if (refused instanceof MembershipPurchase.OutcomeUnknown r) {
      return new FaucetError(
          StatusCodes.SERVICE_UNAVAILABLE,
          r.faucetCode(),
          "The faucet did not confirm whether it created the membership for account address: "
              + r.account()
              + ". Send the same request again (same handle and account) to complete it");
    }
    throw new IllegalArgumentException("Unknown refusal " + refused);
  }

  private static String joystreamChannelMissing(long joystreamChannelId) {
    return "Joystream Channel " + joystreamChannelId + " does not exist.";
  }

  /** youtube-synch's refusal of a Joystream channel that serves another YouTube channel. */
  private static String linkedElsewhere(long joystreamChannelId, String otherYoutubeChannelId) {
    return "Joystream Channel "
        + joystreamChannelId
        + " already connected with Youtube Channel "
        + otherYoutubeChannelId
        + ".";
  }

  /**
   * {@code POST /videos/cleanup/...}: an unknown channel is 404, a spent sync quota 429, YouTube
   * not answering 503.
   */
  static ApiException of(QueueCleanup.Refused refused) {
    String code = refused.code();
    if (refused instanceof QueueCleanup.UnknownChannel r) {
      return ApiException.notFound(code, "Could not find channel with id " + r.channel());
    } else if (refused instanceof QueueCleanup.QuotaExhausted r) {
      return new ApiException(
          StatusCodes.TOO_MANY_REQUESTS,
          code,
          "The clean-up needs "
              + r.unitsNeeded()
              + " YouTube quota units (one per 50 videos) and today's sync budget has "
              + r.unitsLeft()
              + " left; nothing was changed. Try again after "
              + r.resetAt()
              + " or with --channel for fewer videos.");
    } else if (refused instanceof QueueCleanup.YoutubeUnavailable r) {
      return new ApiException(
          StatusCodes.SERVICE_UNAVAILABLE,
          code,
          "YouTube did not answer the clean-up's videos.list calls ("
              + r.detail()
              + "); nothing was changed.");
    }
    throw new IllegalArgumentException("Unknown refusal " + refused);
  }
}
