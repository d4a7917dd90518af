package io.joysync.http;

import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * What every sign-up endpoint checks first (sign-ups are open), and the answer without a token key.
 */
final class SignUpGate {

  private SignUpGate() {}

  /** The kill switch ({@code joysync.http.disable-new-sign-ups}): 503 while it is on. */
  static void requireOpen(HttpSettings settings) {
    if (settings.disableNewSignUps()) {
      throw new ApiException(
          StatusCodes.SERVICE_UNAVAILABLE,
          "SIGN_UPS_DISABLED",
          "Endpoint temporarily disabled: Not accepting new sign-ups");
    }
  }

  static ApiException tokenKeyMissing() {
    return new ApiException(
        StatusCodes.SERVICE_UNAVAILABLE,
        "TOKEN_KEY_MISSING",
        "Sign-ups need the token encryption key (JOYSYNC_TOKEN_KEY) to be configured");
  }
}
