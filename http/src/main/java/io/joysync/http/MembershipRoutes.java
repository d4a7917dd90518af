package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.user.UserEntity;
import io.joysync.joystream.faucet.FaucetClient;
import io.joysync.joystream.faucet.FaucetException;
import io.joysync.joystream.faucet.MembershipRequest;
import io.joysync.joystream.keys.Ss58;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /membership} (youtube-synch endpoint 23): a signed-up creator gets a Joystream
 * membership without a captcha. The request must carry the code of the creator's sign-up (which it
 * does not use up); a creator gets at most {@code joysync.http.max-memberships-per-user} such
 * memberships. The faucet buys the membership on chain; its member id is recorded on the user. A
 * faucet failure answers 400 with the faucet's error code (or the transport cause) as {@code code}.
 */
public final class MembershipRoutes {
  private static final Logger log = LoggerFactory.getLogger(MembershipRoutes.class);
  static final String MAX_MEMBERSHIPS_KEY = "joysync.http.max-memberships-per-user";
  static final int HANDLE_MAX = 100;
  static final int NAME_MAX = 256;
  static final int ABOUT_MAX = 4096;
  static final int AVATAR_MAX = 2048;

  /** What a membership request asks for. */
  record Request(
      String userId,
      String authorizationCode,
      String account,
      String handle,
      Optional<String> avatar,
      String about,
      String name) {}

  /** What Atlas gets back. */
  public record CreatedMembership(long memberId, String handle) {}

  private final ClusterSharding sharding;
  private final Optional<FaucetClient> faucet;
  private final Duration askTimeout;
  private final int maxMemberships;
  private final Clock clock;

  public MembershipRoutes(
      ActorSystem<?> system, Optional<FaucetClient> faucet, HttpSettings settings, Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.faucet = faucet;
    this.askTimeout = settings.askTimeout();
    var config = system.settings().config();
    this.maxMemberships =
        config.hasPath(MAX_MEMBERSHIPS_KEY) ? config.getInt(MAX_MEMBERSHIPS_KEY) : 2;
    this.clock = clock;
  }

  public Route route() {
    return pathPrefix(
        "membership",
        () ->
            pathEndOrSingleSlash(
                () ->
                    post(
                        () ->
                            entity(
                                Unmarshaller.entityToString(),
                                body -> {
                                  Request request = parse(body);
                                  FaucetClient client = configuredFaucet();
                                  return onSuccess(
                                      create(request, client),
                                      done ->
                                          complete(StatusCodes.CREATED, done, Json.marshaller()));
                                }))));
  }

  static Request parse(String body) {
    JsonNode root = Json.parse(body);
    if (!root.isObject()) {
      throw ApiException.badRequest("INVALID_BODY", "The body must be an object");
    }
    List<String> problems = new ArrayList<>();
    Optional<String> userId = BatchBody.text(root, "userId", 256, "body", problems);
    Optional<String> code = BatchBody.text(root, "authorizationCode", 2048, "body", problems);
    Optional<String> account = BatchBody.text(root, "account", 64, "body", problems);
    account
        .filter(a -> !isSs58(a))
        .ifPresent(a -> problems.add("body.account must be an SS58 address"));
    Optional<String> handle = BatchBody.text(root, "handle", HANDLE_MAX, "body", problems);
    Optional<String> avatar = Optional.empty();
    if (root.hasNonNull("avatar")) {
      avatar = BatchBody.text(root, "avatar", AVATAR_MAX, "body", problems);
      avatar
          .filter(a -> !isHttpUrl(a))
          .ifPresent(a -> problems.add("body.avatar must be an http(s) URL"));
    }
    Optional<String> about = plainText(root, "about", ABOUT_MAX, problems);
    Optional<String> name = plainText(root, "name", NAME_MAX, problems);
    if (!problems.isEmpty()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_BODY", problems);
    }
    return new Request(
        userId.get(), code.get(), account.get(), handle.get(), avatar, about.get(), name.get());
  }

  /** A required string that may be empty (youtube-synch only asks for a string). */
  private static Optional<String> plainText(
      JsonNode root, String field, int maxLength, List<String> problems) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      problems.add("body." + field + " is required");
    } else if (!n.isTextual()) {
      problems.add("body." + field + " must be a string");
    } else if (n.textValue().length() > maxLength) {
      problems.add("body." + field + " must be at most " + maxLength + " characters long");
    } else {
      return Optional.of(n.textValue());
    }
    return Optional.empty();
  }

  private static boolean isSs58(String address) {
    try {
      Ss58.decode(address);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI u = new URI(url);
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
          && u.getHost() != null
          && !u.getHost().isBlank();
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private FaucetClient configuredFaucet() {
    return faucet.orElseThrow(
        () ->
            new ApiException(
                StatusCodes.SERVICE_UNAVAILABLE,
                "FAUCET_NOT_CONFIGURED",
                "Membership creation needs the faucet endpoint"
                    + " (joysync.joystream.faucet.endpoint) to be configured"));
  }

  private CompletionStage<CreatedMembership> create(Request r, FaucetClient client) {
    EntityRef<UserEntity.Command> user = sharding.entityRefFor(UserEntity.ENTITY_KEY, r.userId());
    return user.<StatusReply<UserEntity.User>>ask(
            reply -> new UserEntity.CheckAuthor(r.authorizationCode(), reply), askTimeout)
        .thenApply(MembershipRoutes::authorOrRefuse)
        .thenApply(this::refuseOverLimit)
        .thenCompose(
            u ->
                client
                    .register(
                        new MembershipRequest(
                            r.account(), r.handle(), r.avatar(), r.about(), r.name()))
                    .exceptionally(e -> faucetFailed(e, r.account())))
        .thenCompose(
            created ->
                user.<UserEntity.User>askWithStatus(
                        reply ->
                            new UserEntity.RecordMembership(
                                created.memberId(), clock.instant(), reply),
                        askTimeout)
                    .thenApply(u -> new CreatedMembership(created.memberId(), r.handle())));
  }

  private static UserEntity.User authorOrRefuse(StatusReply<UserEntity.User> reply) {
    if (reply.isError()) {
      throw ApiException.badRequest("INVALID_AUTHOR", reply.getError().getMessage());
    }
    return reply.getValue();
  }

  private UserEntity.User refuseOverLimit(UserEntity.User u) {
    if (u.joystreamMemberIds().size() >= maxMemberships) {
      throw ApiException.badRequest(
          "MEMBERSHIP_LIMIT_REACHED",
          "Already created Joysteam memberships "
              + u.joystreamMemberIds().stream()
                  .map(String::valueOf)
                  .collect(Collectors.joining(","))
              + " for user "
              + u.id());
    }
    return u;
  }

  private static <T> T faucetFailed(Throwable e, String account) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String code = cause instanceof FaucetException f ? f.code() : "FAUCET_REQUEST_FAILED";
    log.warn("The faucet did not create a membership for {}: {}", account, cause.getMessage());
    throw ApiException.badRequest(
        code, "Failed to create membership through faucet for account address: " + account);
  }
}
