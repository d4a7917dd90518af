package io.joysync.engine.signup;

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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * A creator arrives from Google's consent screen with an authorization code (youtube-synch's {@code
 * POST /users}): the code is exchanged (offline access required), the creator's own channel is
 * read, a channel already in the program or suspended is refused, the onboarding requirements are
 * checked unless the channel's handle is whitelisted, and the account is stored with its tokens
 * encrypted for the account ({@link #tokenScope}) and the code kept as a digest for the channel
 * sign-up that follows ({@link ChannelSignUp}).
 *
 * <p>What the request may be refused for is a {@link Refused} with a stable code; failures of the
 * services it talks to (YouTube's refusals of the code, timeouts) fail the stage.
 */
public final class UserSignUp {

  public sealed interface Result permits SignedUp, RequirementsUnmet, Refused {}

  /** The stored account and the YouTube channel it was signed up with. */
  public record SignedUp(UserEntity.User user, YoutubeChannel channel) implements Result {}

  /** The channel misses the onboarding requirements; each failure says what and by how much. */
  public record RequirementsUnmet(List<RequirementFailure> failures) implements Result {
    public RequirementsUnmet {
      failures = List.copyOf(failures);
    }
  }

  /** Why a sign-up was refused; {@link #code()} is stable, the data phrases the sentence. */
  public sealed interface Refused extends Result {
    String code();
  }

  /** No token key is configured, so the owner's tokens could not be stored. */
  public enum TokenKeyMissing implements Refused {
    INSTANCE;

    @Override
    public String code() {
      return "TOKEN_KEY_MISSING";
    }
  }

  /** The Google account has no YouTube channel. */
  public enum NoYoutubeChannel implements Refused {
    INSTANCE;

    @Override
    public String code() {
      return RequirementFailure.channelNotFound().code();
    }
  }

  /** This Google user's channel is suspended from the program: it cannot opt in again. */
  public record Suspended(long joystreamChannelId) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_STATUS_SUSPENDED";
    }
  }

  /** This Google user's channel is in the program already (and did not opt out). */
  public record AlreadyRegistered(long joystreamChannelId) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_ALREADY_REGISTERED";
    }
  }

  /**
   * The associated data an account's tokens are encrypted with: they open only as that account's (a
   * channel's tokens are encrypted with its YouTube channel id instead).
   */
  public static String tokenScope(String userId) {
    return "user:" + userId;
  }

  private final ClusterSharding sharding;
  private final YoutubeDataClient youtube;
  private final OnboardingCheck onboarding;
  private final Optional<TokenCipher> cipher;
  private final Duration timeout;
  private final Clock clock;

  public UserSignUp(
      ActorSystem<?> system,
      YoutubeDataClient youtube,
      OnboardingCheck onboarding,
      Optional<TokenCipher> cipher,
      Duration askTimeout,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.youtube = youtube;
    this.onboarding = onboarding;
    this.cipher = cipher;
    this.timeout = askTimeout;
    this.clock = clock;
  }

  public CompletionStage<Result> signUp(String authorizationCode, String redirectUri) {
    if (cipher.isEmpty()) {
      return done(TokenKeyMissing.INSTANCE);
    }
    return youtube
        .exchangeCode(authorizationCode, redirectUri)
        .thenCompose(
            auth ->
                youtube
                    .ownChannel(auth.tokens(), QuotaPurpose.SIGNUP)
                    .thenCompose(
                        channel ->
                            channel.isEmpty()
                                ? done(NoYoutubeChannel.INSTANCE)
                                : checkAndRegister(auth, channel.get(), authorizationCode)));
  }

  private CompletionStage<Result> checkAndRegister(
      SignUpAuthorization auth, YoutubeChannel channel, String code) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channel.id())
        .<Optional<ChannelState>>ask(ChannelEntity.Get::new, timeout)
        .thenCompose(
            existing -> {
              Optional<Refused> gate = existing.flatMap(state -> gate(state, auth.userId()));
              if (gate.isPresent()) {
                return done(gate.get());
              }
              return whitelisted(channel)
                  .thenCompose(
                      free ->
                          free
                              ? CompletableFuture.completedFuture(List.<RequirementFailure>of())
                              : onboarding.evaluate(channel))
                  .thenCompose(
                      unmet ->
                          unmet.isEmpty()
                              ? register(auth, channel, code)
                              : done(new RequirementsUnmet(unmet)));
            });
  }

  /**
   * youtube-synch's sign-up gate: a Google user whose channel is in the program, or suspended,
   * cannot sign up again; one whose channel opted out may. A channel an operator added without its
   * owner (or another Google user signed up) is no record of this user's: its owner may take it
   * over.
   */
  static Optional<Refused> gate(ChannelState state, String googleUserId) {
    Optional<Registration> mine = state.registration().filter(r -> r.userId().equals(googleUserId));
    if (mine.isEmpty()) {
      return Optional.empty();
    }
    long joystreamChannelId = mine.get().joystreamChannelId();
    if (state.status().isSuspended()) {
      return Optional.of(new Suspended(joystreamChannelId));
    }
    if (!state.status().isOptedOut()) {
      return Optional.of(new AlreadyRegistered(joystreamChannelId));
    }
    return Optional.empty();
  }

  private CompletionStage<Boolean> whitelisted(YoutubeChannel channel) {
    if (channel.customUrl() == null || ChannelHandle.problemWith(channel.customUrl()).isPresent()) {
      return CompletableFuture.completedFuture(false);
    }
    return sharding
        .entityRefFor(WhitelistEntity.ENTITY_KEY, new ChannelHandle(channel.customUrl()).value())
        .<Optional<WhitelistEntity.Entry>>ask(WhitelistEntity.Get::new, timeout)
        .thenApply(Optional::isPresent);
  }

  private CompletionStage<Result> register(
      SignUpAuthorization auth, YoutubeChannel channel, String code) {
    TokenCipher key = cipher.orElseThrow();
    String scope = tokenScope(auth.userId());
    Registration.OwnerTokens encrypted =
        new Registration.OwnerTokens(
            key.encrypt(scope, auth.tokens().accessToken()),
            key.encrypt(scope, auth.tokens().refreshToken()));
    return sharding
        .entityRefFor(UserEntity.ENTITY_KEY, auth.userId())
        .<UserEntity.User>askWithStatus(
            reply ->
                new UserEntity.Register(
                    auth.email(), code, encrypted, channel.id(), clock.instant(), reply),
            timeout)
        .thenApply(user -> new SignedUp(user, channel));
  }

  private static CompletionStage<Result> done(Result result) {
    return CompletableFuture.completedFuture(result);
  }
}
