package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.YppStatus;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.MessageSignature;
import io.joysync.joystream.orion.OrionClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;

/**
 * Channel-owner actions signed in a browser wallet (youtube-synch endpoints 7 to 9): switch
 * ingestion, opt out, change category. The signature must verify against the controller account of
 * the Joystream channel's owner as Orion reports it, over the message as section 3.2 re-serialises
 * it; the channel entity then refuses replays (a timestamp not newer than the last action). As in
 * youtube-synch, every refusal after validation is a 404.
 */
public final class OwnerSignedRoutes {

  /** A signed message may not claim to come from further in the future than this. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  static final String BAD_SIGNATURE =
      "Invalid request signature or playback message. Permission denied.";

  private final ClusterSharding sharding;
  private final JoystreamLinks links;
  private final OrionClient orion;
  private final Duration askTimeout;
  private final Duration maxAge;
  private final Clock clock;

  public OwnerSignedRoutes(
      ActorSystem<?> system,
      JoystreamLinks links,
      OrionClient orion,
      HttpSettings settings,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.links = links;
    this.orion = orion;
    this.askTimeout = settings.askTimeout();
    this.maxAge = settings.signedMessageMaxAge();
    this.clock = clock;
  }

  private interface Action {
    ChannelEntity.Command command(
        JsonNode message, Instant signedAt, ActorRef<StatusReply<ChannelState>> replyTo);
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
                              (m, at, r) ->
                                  new ChannelEntity.SetIngestion(
                                      m.get("shouldBeIngested").booleanValue(),
                                      Optional.ofNullable(m.get("videoCategoryId"))
                                          .map(JsonNode::textValue),
                                      at,
                                      r)));
              case "optout" ->
                  put(
                      () ->
                          signed(
                              rawId,
                              this::optOutProblems,
                              (m, at, r) ->
                                  new ChannelEntity.OptOut(m.get("optout").booleanValue(), at, r)));
              case "category" ->
                  put(
                      () ->
                          signed(
                              rawId,
                              this::categoryProblems,
                              (m, at, r) ->
                                  new ChannelEntity.SetCategory(
                                      m.get("videoCategoryId").textValue(), at, r)));
              default -> org.apache.pekko.http.javadsl.server.Directives.reject();
            });
  }

  private Route signed(
      String rawId, BiFunction<JsonNode, List<String>, Void> validate, Action action) {
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
          return onSuccess(apply(id, signed, action), state -> complete(""));
        });
  }

  private CompletionStage<ChannelState> apply(long id, SignedMessage signed, Action action) {
    if (!fresh(signed.timestamp(), clock.instant(), maxAge)) {
      return CompletableFuture.failedFuture(
          ApiException.notFound("INVALID_SIGNATURE", BAD_SIGNATURE));
    }
    return links
        .linkedChannel(id)
        .thenCompose(
            linked -> {
              JoystreamLinks.LinkedChannel channel =
                  linked.orElseThrow(
                      () ->
                          ApiException.notFound(
                              "CHANNEL_NOT_FOUND", "Could not find channel with id " + id));
              YppStatus status = channel.state().status();
              if (status.isSuspended() || status.isOptedOut()) {
                throw ApiException.notFound(
                    "ACTION_NOT_ALLOWED",
                    "Can't perform \""
                        + actionName(signed)
                        + "\" action on a \""
                        + status.wireName()
                        + "\" channel. Permission denied.");
              }
              return orion
                  .channelById(id)
                  .thenApply(joystream -> verify(id, joystream, signed))
                  .thenCompose(ok -> send(channel.youtubeChannelId(), signed, action));
            });
  }

  /**
   * Whether a message signed at {@code signedAt} may be acted on at {@code now}: not from further
   * in the future than the clocks' skew, not older than {@code maxAge}.
   */
  static boolean fresh(Instant signedAt, Instant now, Duration maxAge) {
    return !signedAt.isAfter(now.plus(MAX_CLOCK_SKEW)) && !signedAt.isBefore(now.minus(maxAge));
  }

  private static String actionName(SignedMessage signed) {
    JsonNode m = signed.message();
    // youtube-synch's names of the actions, which its refusals show.
    return m.has("optout")
        ? "OptoutChannel"
        : m.has("shouldBeIngested") ? "IngestChannel" : "UpdateChannelCategory";
  }

  private static boolean verify(
      long id, Optional<io.joysync.joystream.orion.OrionChannel> joystream, SignedMessage signed) {
    var owner =
        joystream
            .flatMap(c -> c.owner())
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "CHANNEL_NOT_FOUND",
                        "Joystream Channel " + id + " does not exist or has no owner member."));
    byte[] publicKey = AccountId.parse(owner.controllerAccount()).bytes();
    if (MessageSignature.verify(signed.signedBytes(), signed.signature(), publicKey, false)
        .isEmpty()) {
      throw ApiException.notFound("INVALID_SIGNATURE", BAD_SIGNATURE);
    }
    return true;
  }

  private CompletionStage<ChannelState> send(
      String youtubeId, SignedMessage signed, Action action) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, youtubeId)
        .<StatusReply<ChannelState>>ask(
            r -> action.command(signed.message(), signed.timestamp(), r), askTimeout)
        .thenApply(
            reply -> {
              if (reply.isError()) {
                throw ApiException.notFound("ACTION_REFUSED", reply.getError().getMessage());
              }
              return reply.getValue();
            });
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
