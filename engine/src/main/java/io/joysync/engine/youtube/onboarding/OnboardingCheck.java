package io.joysync.engine.youtube.onboarding;

import io.joysync.engine.youtube.UploadedVideo;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Evaluates the sign-up requirements of a channel and returns every unmet one at once
 * (youtube-synch section 4.4). Uploads are listed newest first with the API key (public uploads
 * only, as a visitor sees them), and only as far as the checks need: enough videos older than the
 * age limit, and the {@code minimumVideosPerMonth} newest; never beyond {@code maxListedUploads}.
 * Listing is charged to the sign-up quota.
 */
public final class OnboardingCheck {

  private final OnboardingRequirements requirements;
  private final YoutubeDataClient client;
  private final Clock clock;

  public OnboardingCheck(
      OnboardingRequirements requirements, YoutubeDataClient client, Clock clock) {
    this.requirements = requirements;
    this.client = client;
    this.clock = clock;
  }

  public CompletionStage<List<RequirementFailure>> evaluate(YoutubeChannel channel) {
    Instant now = clock.instant();
    Instant oldEnough = now.minus(Duration.ofHours(requirements.minimumVideoAgeHours()));
    return listUploads(channel, oldEnough, new ArrayList<>(), Optional.empty())
        .thenApply(uploads -> failures(channel, uploads, now, oldEnough));
  }

  private CompletionStage<List<UploadedVideo>> listUploads(
      YoutubeChannel channel,
      Instant oldEnough,
      List<UploadedVideo> sofar,
      Optional<String> token) {
    long old = sofar.stream().filter(v -> v.publishedAt().isBefore(oldEnough)).count();
    boolean enough =
        old >= requirements.minimumVideosCount()
            && sofar.size() >= requirements.minimumVideosPerMonth();
    boolean exhausted = !sofar.isEmpty() && token.isEmpty();
    if (enough
        || exhausted
        || sofar.size() >= requirements.maxListedUploads()
        || channel.uploadsPlaylistId() == null) {
      return CompletableFuture.completedFuture(List.copyOf(sofar));
    }
    int page =
        Math.min(YoutubeDataClient.PAGE_SIZE, requirements.maxListedUploads() - sofar.size());
    return client
        .uploadsPage(null, channel.uploadsPlaylistId(), token, page, QuotaPurpose.SIGNUP)
        .thenCompose(
            result -> {
              sofar.addAll(result.videos());
              if (result.videos().isEmpty() || result.nextPageToken().isEmpty()) {
                return CompletableFuture.completedFuture(List.copyOf(sofar));
              }
              return listUploads(channel, oldEnough, sofar, result.nextPageToken());
            });
  }

  private List<RequirementFailure> failures(
      YoutubeChannel channel, List<UploadedVideo> uploads, Instant now, Instant oldEnough) {
    List<RequirementFailure> failures = new ArrayList<>();
    long subscribers = channel.statistics().subscriberCount();
    if (subscribers < requirements.minimumSubscribersCount()) {
      failures.add(
          new RequirementFailure(
              "CHANNEL_CRITERIA_UNMET_SUBSCRIBERS",
              "Channel has "
                  + subscribers
                  + " subscribers; at least "
                  + requirements.minimumSubscribersCount()
                  + " are required.",
              Long.toString(subscribers),
              Long.toString(requirements.minimumSubscribersCount())));
    }
    long old = uploads.stream().filter(v -> v.publishedAt().isBefore(oldEnough)).count();
    if (requirements.minimumVideosCount() > 0 && old < requirements.minimumVideosCount()) {
      failures.add(
          new RequirementFailure(
              "CHANNEL_CRITERIA_UNMET_VIDEOS",
              "Channel has "
                  + old
                  + " public videos older than "
                  + months(requirements.minimumVideoAgeHours())
                  + " months; at least "
                  + requirements.minimumVideosCount()
                  + " are required.",
              Long.toString(old),
              Long.toString(requirements.minimumVideosCount())));
    }
    if (requirements.minimumVideosPerMonth() > 0) {
      Instant windowStart =
          now.atZone(ZoneOffset.UTC).minusMonths(requirements.monthsToConsider()).toInstant();
      long recent =
          uploads.stream()
              .limit(requirements.minimumVideosPerMonth())
              .filter(v -> v.publishedAt().isAfter(windowStart))
              .count();
      if (recent < requirements.minimumVideosPerMonth()) {
        failures.add(
            new RequirementFailure(
                "CHANNEL_CRITERIA_UNMET_NEW_VIDEOS_REQUIREMENT",
                "Channel published "
                    + recent
                    + " videos in the last "
                    + requirements.monthsToConsider()
                    + " months; at least "
                    + requirements.minimumVideosPerMonth()
                    + " are required.",
                Long.toString(recent),
                Long.toString(requirements.minimumVideosPerMonth())));
      }
    }
    Instant latestCreation = now.minus(Duration.ofHours(requirements.minimumChannelAgeHours()));
    if (channel.publishedAt().isAfter(latestCreation)) {
      long ageHours = Duration.between(channel.publishedAt(), now).toHours();
      failures.add(
          new RequirementFailure(
              "CHANNEL_CRITERIA_UNMET_CREATION_DATE",
              "Channel is "
                  + months(ageHours)
                  + " months old; at least "
                  + months(requirements.minimumChannelAgeHours())
                  + " months are required.",
              channel.publishedAt().toString(),
              latestCreation.toString()));
    }
    return List.copyOf(failures);
  }

  /** Hours as months of 720 hours, two significant digits (youtube-synch's wording). */
  static String months(long hours) {
    return new java.math.BigDecimal(hours / 720.0)
        .round(new java.math.MathContext(2))
        .stripTrailingZeros()
        .toPlainString()
        .toLowerCase(Locale.ROOT);
  }
}
