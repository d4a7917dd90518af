package io.joysync.http;

import io.joysync.engine.signup.ChannelSignUp;
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
}
