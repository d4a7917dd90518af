package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.signup.OwnerSignedChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Channel-owner actions signed in a browser wallet (youtube-synch endpoints 7 to 9): switch
 * ingestion, opt out, change category. The route parses the signed body ({@link SignedMessage}),
 * validates the message for its action, runs {@link OwnerSignedChanges} and answers 200, or the
 * refusal as {@link Refusals} phrases it (as in youtube-synch, every refusal after validation is a
 * 404).
 */
public final class OwnerSignedRoutes {

  private final OwnerSignedChanges changes;

  public OwnerSignedRoutes(OwnerSignedChanges changes) {
    this.changes = changes;
  }

  public Route route() {
    return path(
        PathMatchers.segment("channels")
            .slash(PathMatchers.segment())
            .slash(PathMatchers.segment()),
        (rawId, action) ->
            switch (action) {
              case "ingest" ->
                  put(
                      () ->
                          signed(
                              rawId,
                              this::ingestProblems,
                              m ->
                                  new OwnerSignedChanges.SetIngestion(
                                      m.get("shouldBeIngested").booleanValue(),
                                      Optional.ofNullable(m.get("videoCategoryId"))
                                          .map(JsonNode::textValue))));
              case "optout" ->
                  put(
                      () ->
                          signed(
                              rawId,
                              this::optOutProblems,
                              m -> new OwnerSignedChanges.OptOut(m.get("optout").booleanValue())));
              case "category" ->
                  put(
                      () ->
                          signed(
                              rawId,
                              this::categoryProblems,
                              m ->
                                  new OwnerSignedChanges.SetCategory(
                                      m.get("videoCategoryId").textValue())));
              default -> reject();
            });
  }

  private Route signed(
      String rawId,
      BiFunction<JsonNode, List<String>, Void> validate,
      Function<JsonNode, OwnerSignedChanges.Change> change) {
    return entity(
        Unmarshaller.entityToString(),
        body -> {
          long id = JoystreamIds.parse(rawId);
          List<String> problems = new ArrayList<>();
          SignedMessage signed = SignedMessage.parse(body, problems);
          if (signed != null) {
            validate.apply(signed.message(), problems);
          }
          if (!problems.isEmpty()) {
            throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_BODY", problems);
          }
          OwnerSignedChanges.Request request =
              new OwnerSignedChanges.Request(
                  id,
                  change.apply(signed.message()),
                  signed.timestamp(),
                  signed.signedBytes(),
                  signed.signature());
          return onSuccess(changes.apply(request), OwnerSignedRoutes::answer);
        });
  }

  private static Route answer(OwnerSignedChanges.Result result) {
    if (result instanceof OwnerSignedChanges.Refused refused) {
      throw Refusals.of(refused);
    }
    return complete("");
  }

  private Void ingestProblems(JsonNode m, List<String> problems) {
    JsonNode ingest = m.get("shouldBeIngested");
    if (ingest == null || !ingest.isBoolean()) {
      problems.add("message.shouldBeIngested must be a boolean");
    } else if (ingest.booleanValue()) {
      category(m, problems);
    } else if (m.has("videoCategoryId")) {
      category(m, problems);
    }
    return null;
  }

  private Void optOutProblems(JsonNode m, List<String> problems) {
    JsonNode optout = m.get("optout");
    if (optout == null || !optout.isBoolean()) {
      problems.add("message.optout must be a boolean");
    }
    return null;
  }

  private Void categoryProblems(JsonNode m, List<String> problems) {
    category(m, problems);
    return null;
  }

  private static void category(JsonNode m, List<String> problems) {
    JsonNode c = m.get("videoCategoryId");
    if (c == null || !c.isTextual() || c.textValue().isBlank()) {
      problems.add("message.videoCategoryId must be a non-empty string");
    } else if (c.textValue().length() > 64) {
      problems.add("message.videoCategoryId must be at most 64 characters long");
    }
  }
}
