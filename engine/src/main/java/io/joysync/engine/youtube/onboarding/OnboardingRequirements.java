package io.joysync.engine.youtube.onboarding;

/**
 * What a YouTube channel must show to join: subscribers, enough videos old enough, a recent upload
 * rate over {@code monthsToConsider} calendar months (honoured, unlike youtube-synch), and a
 * minimum channel age. {@code maxListedUploads} bounds how many uploads a sign-up may list (and so
 * its quota cost: one unit per 50).
 */
public record OnboardingRequirements(
    long minimumSubscribersCount,
    int minimumVideosCount,
    long minimumVideoAgeHours,
    long minimumChannelAgeHours,
    int minimumVideosPerMonth,
    int monthsToConsider,
    int maxListedUploads) {

  public OnboardingRequirements {
    if (minimumSubscribersCount < 0
        || minimumVideosCount < 0
        || minimumVideoAgeHours < 0
        || minimumChannelAgeHours < 0
        || minimumVideosPerMonth < 0
        || monthsToConsider < 0) {
      throw new IllegalArgumentException("onboarding requirements cannot be negative");
    }
    if (minimumVideosPerMonth > 0 && monthsToConsider < 1) {
      throw new IllegalArgumentException(
          "monthsToConsider must be at least 1 when minimumVideosPerMonth is set");
    }
    if (maxListedUploads < 1 || maxListedUploads > 5_000) {
      throw new IllegalArgumentException(
          "maxListedUploads must be 1..5000, was " + maxListedUploads);
    }
  }

  /** youtube-synch's production values: 50 subscribers, 2 videos, a channel 30 days old. */
  public static OnboardingRequirements production() {
    return new OnboardingRequirements(50, 2, 0, 720, 0, 0, 200);
  }
}
