package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.engine.user.UserEntity;
import io.joysync.engine.whitelist.ChannelHandle;
import io.joysync.engine.whitelist.WhitelistEntity;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.api.SignUpAuthorization;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.onboarding.OnboardingCheck;
import io.joysync.engine.youtube.onboarding.RequirementFailure;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /users} (youtube-synch endpoint 1): a creator arrives from Google's consent screen
 * with an authorization code. joysync exchanges it (offline access required), reads the creator's
 * own channel, refuses channels already in the program or suspended, checks the onboarding
 * requirements unless the channel's handle is whitelisted, and stores the account with its tokens
 * encrypted and the code kept as a digest for the channel sign-up that follows.
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

  private final ClusterSharding sharding;
  private final YoutubeDataClient youtube;
  private final OnboardingCheck onboarding;
  private final Optional<TokenCipher> cipher;
  private final HttpSettings settings;
  private final Clock clock;

  public UserRoutes(
      ActorSystem<?> system,
      YoutubeDataClient youtube,
      OnboardingCheck onboarding,
      Optional<TokenCipher> cipher,
      HttpSettings settings,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.youtube = youtube;
    this.onboarding = onboarding;
    this.cipher = cipher;
    this.settings = settings;
    this.clock = clock;
  }

  private record Outcome(Optional<SignedUpUser> user, List<RequirementFailure> unmet) {}

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
                              signUp(request[0], request[1]),
                              outcome ->
                                  outcome.user().isPresent()
                                      ? complete(
                                          StatusCodes.CREATED,
                                          outcome.user().get(),
                                          Json.marshaller())
                                      : complete(
                                          StatusCodes.BAD_REQUEST,
                                          new RequirementsUnmet(
                                              400, outcome.unmet(), "Bad Request"),
                                          Json.marshaller()));
                        })));
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

  private CompletionStage<Outcome> signUp(String code, String redirectUri) {
    TokenCipher tokens = SignUpGate.cipher(cipher);
    return youtube
        .exchangeCode(code, redirectUri)
        .thenCompose(
            auth ->
                youtube
                    .ownChannel(auth.tokens(), QuotaPurpose.SIGNUP)
                    .thenCompose(
                        channel ->
                            checkAndRegister(
                                auth,
                                channel.orElseThrow(
                                    () ->
                                        ApiException.badRequest(
                                            RequirementFailure.channelNotFound().code(),
                                            RequirementFailure.channelNotFound().message())),
                                code,
                                tokens)));
  }

  private CompletionStage<Outcome> checkAndRegister(
      SignUpAuthorization auth, YoutubeChannel channel, String code, TokenCipher tokens) {
    Duration timeout = settings.askTimeout();
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channel.id())
        .<Optional<ChannelState>>ask(ChannelEntity.Get::new, timeout)
        .thenCompose(
            existing -> {
              existing.ifPresent(state -> gate(state, auth.userId()));
              return whitelisted(channel, timeout)
                  .thenCompose(
                      free ->
                          free
                              ? CompletableFuture.completedFuture(List.<RequirementFailure>of())
                              : onboarding.evaluate(channel));
            })
        .thenCompose(
            unmet -> {
              if (!unmet.isEmpty()) {
                return CompletableFuture.completedFuture(new Outcome(Optional.empty(), unmet));
              }
              String aad = "user:" + auth.userId();
              Registration.OwnerTokens encrypted =
                  new Registration.OwnerTokens(
                      tokens.encrypt(aad, auth.tokens().accessToken()),
                      tokens.encrypt(aad, auth.tokens().refreshToken()));
              return sharding
                  .entityRefFor(UserEntity.ENTITY_KEY, auth.userId())
                  .<UserEntity.User>askWithStatus(
                      r ->
                          new UserEntity.Register(
                              auth.email(), code, encrypted, channel.id(), clock.instant(), r),
                      timeout)
                  .thenApply(user -> new Outcome(Optional.of(view(user, channel)), List.of()));
            });
  }

  /**
   * youtube-synch's sign-up gate: a Google user whose channel is in the program, or suspended,
   * cannot sign up again; one whose channel opted out may. A channel an operator added without its
   * owner (or another Google user signed up) is no record of this user's: its owner may take it
   * over.
   */
  private static void gate(ChannelState state, String googleUserId) {
    Optional<Registration> mine = state.registration().filter(r -> r.userId().equals(googleUserId));
    if (mine.isEmpty()) {
      return;
    }
    long joystreamChannelId = mine.get().joystreamChannelId();
    if (state.status().isSuspended()) {
      throw ApiException.badRequest(
              "CHANNEL_STATUS_SUSPENDED", "A suspended channel cannot re opt-in for YPP program")
          .withResult(joystreamChannelId);
    }
    if (!state.status().isOptedOut()) {
      throw ApiException.badRequest(
              "CHANNEL_ALREADY_REGISTERED",
              "Selected Youtube channel is already registered for YPP program")
          .withResult(joystreamChannelId);
    }
  }

  private CompletionStage<Boolean> whitelisted(YoutubeChannel channel, Duration timeout) {
    if (channel.customUrl() == null || ChannelHandle.problemWith(channel.customUrl()).isPresent()) {
      return CompletableFuture.completedFuture(false);
    }
    return sharding
        .entityRefFor(WhitelistEntity.ENTITY_KEY, new ChannelHandle(channel.customUrl()).value())
        .<Optional<WhitelistEntity.Entry>>ask(WhitelistEntity.Get::new, timeout)
        .thenApply(Optional::isPresent);
  }

  private static SignedUpUser view(UserEntity.User user, YoutubeChannel c) {
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
