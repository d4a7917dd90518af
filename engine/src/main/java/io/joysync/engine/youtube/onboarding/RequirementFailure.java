package io.joysync.engine.youtube.onboarding;

/**
 * One unmet sign-up requirement, as Atlas shows it: a stable code, a sentence, what the channel has
 * and what is expected.
 */
public record RequirementFailure(String code, String message, String result, String expected) {

  public static RequirementFailure channelNotFound() {
    return new RequirementFailure(
        "CHANNEL_NOT_FOUND",
        "This Google account has no YouTube channel.",
        "no channel",
        "a YouTube channel");
  }
}
