package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.joysync.engine.youtube.onboarding.OnboardingRequirements;
import java.util.List;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /channels/induction/requirements} (youtube-synch endpoint 16): the sign-up
 * requirements Atlas shows creators, as templates with their values, from the node's configured
 * requirements. The channel age is expressed in months of 720 hours (youtube-synch multiplied hours
 * by 0.001).
 */
public final class RequirementsRoutes {

  /** One requirement: a code, a sentence with a {@code {}} placeholder, and the value for it. */
  public record Requirement(String errorCode, String template, List<String> variables) {}

  public record Requirements(List<Requirement> requirements) {}

  private final Requirements requirements;

  public RequirementsRoutes(OnboardingRequirements config) {
    this.requirements = describe(config);
  }

  static Requirements describe(OnboardingRequirements r) {
    long months = Math.round(r.minimumChannelAgeHours() / 720.0);
    return new Requirements(
        List.of(
            new Requirement(
                "CHANNEL_CRITERIA_UNMET_SUBSCRIBERS",
                "YouTube channel has at least {}.",
                List.of(count(r.minimumSubscribersCount(), "subscriber"))),
            new Requirement(
                "CHANNEL_CRITERIA_UNMET_VIDEOS",
                "YouTube channel has at least {}.",
                List.of(count(r.minimumVideosCount(), "video"))),
            new Requirement(
                "CHANNEL_CRITERIA_UNMET_CREATION_DATE",
                "YouTube channel needs to be older than {}.",
                List.of(count(months, "month")))));
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n > 1 ? "s" : "");
  }

  public Route route() {
    return path(
        PathMatchers.segment("channels").slash("induction").slash("requirements"),
        () -> get(() -> complete(StatusCodes.OK, requirements, Json.marshaller())));
  }
}
