package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.signup.ChannelSignUp;
import io.joysync.persistence.readside.ChannelRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /channels} (youtube-synch endpoint 2): a signed-up creator links their YouTube
 * channel to a Joystream channel. The route checks that sign-ups are open, parses the body, runs
 * {@link ChannelSignUp} and answers its outcome: 201 with the channel, or the refusal as {@link
 * Refusals} phrases it.
 */
public final class ChannelSignUpRoutes {

  public record SignedUpChannel(UserView user, ChannelDto channel) {}

  public record UserView(String id, String email) {}

  private final ChannelSignUp signUp;
  private final HttpSettings settings;

  public ChannelSignUpRoutes(ChannelSignUp signUp, HttpSettings settings) {
    this.signUp = signUp;
    this.settings = settings;
  }

  public Route route() {
    return pathPrefix(
        "channels",
        () ->
            pathEndOrSingleSlash(
                () ->
                    post(
                        () ->
                            entity(
                                Unmarshaller.entityToString(),
                                body -> {
                                  SignUpGate.requireOpen(settings);
                                  ChannelSignUp.Request request = parse(body);
                                  return onSuccess(
                                      signUp.signUp(request).thenApply(ChannelSignUpRoutes::answer),
                                      done ->
                                          complete(StatusCodes.CREATED, done, Json.marshaller()));
                                }))));
  }

  private static SignedUpChannel answer(ChannelSignUp.Result result) {
    if (result instanceof ChannelSignUp.Refused refused) {
      throw Refusals.of(refused);
    }
    ChannelSignUp.SignedUp done = (ChannelSignUp.SignedUp) result;
    return new SignedUpChannel(
        new UserView(done.user().id(), done.user().email()),
        ChannelDto.of(ChannelRow.of(done.youtubeChannelId(), done.channel())));
  }

  static ChannelSignUp.Request parse(String body) {
    JsonNode root = Json.parse(body);
    if (!root.isObject()) {
      throw ApiException.badRequest("INVALID_BODY", "The body must be an object");
    }
    List<String> problems = new ArrayList<>();
    Optional<String> code = BatchBody.text(root, "authorizationCode", 2048, "body", problems);
    Optional<String> userId = BatchBody.text(root, "userId", 256, "body", problems);
    Optional<String> email = BatchBody.text(root, "email", 320, "body", problems);
    email
        .filter(e -> !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))
        .ifPresent(e -> problems.add("body.email must be an email"));
    Optional<Long> channelId = BatchBody.joystreamId(root, "body", problems);
    Optional<Boolean> ingest = BatchBody.bool(root, "shouldBeIngested", "body", problems);
    Optional<String> category = Optional.empty();
    if (ingest.orElse(false) || root.hasNonNull("videoCategoryId")) {
      category = BatchBody.text(root, "videoCategoryId", 64, "body", problems);
    }
    Optional<Long> referrer = Optional.empty();
    if (root.hasNonNull("referrerChannelId")) {
      JsonNode r = root.get("referrerChannelId");
      if (!r.canConvertToExactIntegral() || r.asLong() < 0 || r.asLong() > JoystreamIds.MAX) {
        problems.add("body.referrerChannelId must be a Joystream channel id");
      } else {
        referrer = Optional.of(r.asLong());
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_BODY", problems);
    }
    if (referrer.equals(channelId)) {
      throw ApiException.badRequest(
          "INVALID_REFERRER", "Referrer channel cannot be the same as the channel being verified.");
    }
    return new ChannelSignUp.Request(
        code.get(), userId.get(), email.get(), channelId.get(), ingest.get(), category, referrer);
  }
}
