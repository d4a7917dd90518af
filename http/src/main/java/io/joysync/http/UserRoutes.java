package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.signup.UserSignUp;
import io.joysync.engine.user.UserEntity;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.onboarding.RequirementFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /users} (youtube-synch endpoint 1): a creator arrives from Google's consent screen
 * with an authorization code. The route checks that sign-ups are open, parses the body, runs {@link
 * UserSignUp} and answers its outcome: 201 with the creator and their channel, 400 listing every
 * unmet requirement, or the refusal as {@link Refusals} phrases it.
 */
public final class UserRoutes {

  /** The answer Atlas shows the creator. */
  public record SignedUpUser(
      String email,
      String userId,
      String channelTitle,
      String channelDescription,
      String avatarUrl,
      String bannerUrl,
      String channelHandle,
      String channelLanguage) {}

  /** youtube-synch's body for unmet requirements: {statusCode, message: [failures], error}. */
  public record RequirementsUnmet(int statusCode, List<RequirementFailure> message, String error) {}

  private final UserSignUp signUp;
  private final HttpSettings settings;

  public UserRoutes(UserSignUp signUp, HttpSettings settings) {
    this.signUp = signUp;
    this.settings = settings;
  }

  public Route route() {
    return path(
        "users",
        () ->
            post(
                () ->
                    entity(
                        Unmarshaller.entityToString(),
                        body -> {
                          SignUpGate.requireOpen(settings);
                          String[] request = parse(body);
                          return onSuccess(
                              signUp.signUp(request[0], request[1]), UserRoutes::answer);
                        })));
  }

  private static Route answer(UserSignUp.Result result) {
    if (result instanceof UserSignUp.SignedUp done) {
      return complete(StatusCodes.CREATED, view(done), Json.marshaller());
    }
    if (result instanceof UserSignUp.RequirementsUnmet unmet) {
      return complete(
          StatusCodes.BAD_REQUEST,
          new RequirementsUnmet(400, unmet.failures(), "Bad Request"),
          Json.marshaller());
    }
    throw Refusals.of((UserSignUp.Refused) result);
  }

  /** Returns {code, redirectUri}, or refuses the body naming every problem. */
  private static String[] parse(String body) {
    JsonNode root = Json.parse(body);
    if (!root.isObject()) {
      throw ApiException.badRequest(
          "INVALID_BODY", "The body must be an object {authorizationCode, youtubeRedirectUri}");
    }
    List<String> problems = new ArrayList<>();
    Optional<String> code = BatchBody.text(root, "authorizationCode", 2048, "body", problems);
    Optional<String> redirect = BatchBody.text(root, "youtubeRedirectUri", 2048, "body", problems);
    redirect.ifPresent(
        r -> {
          try {
            URI uri = URI.create(r);
            if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
              problems.add("body.youtubeRedirectUri must be an http(s) URL");
            }
          } catch (IllegalArgumentException e) {
            problems.add("body.youtubeRedirectUri must be an http(s) URL");
          }
        });
    if (!problems.isEmpty()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_BODY", problems);
    }
    return new String[] {code.get(), redirect.get()};
  }

  private static SignedUpUser view(UserSignUp.SignedUp done) {
    UserEntity.User user = done.user();
    YoutubeChannel c = done.channel();
    return new SignedUpUser(
        user.email(),
        user.id(),
        c.title(),
        c.description(),
        c.thumbnails().get("medium"),
        c.bannerImageUrl(),
        c.customUrl(),
        c.language());
  }
}
