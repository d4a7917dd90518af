package io.joysync.engine.signup;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelProfile;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.InitialIngestion;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.user.UserEntity;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.api.OwnerTokens;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.joystream.orion.OrionChannel;
import io.joysync.joystream.orion.OrionClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * A signed-up creator links their YouTube channel to a Joystream channel (youtube-synch's {@code
 * POST /channels}), in youtube-synch's order, so that a refusal spends no YouTube quota it need
 * not: the request carries the code of the creator's sign-up ({@link UserEntity}); the Joystream
 * channel exists (Orion) and serves no other YouTube channel; the YouTube channel is read again
 * with the creator's tokens; the link is claimed from its single writer, so two sign-ups racing for
 * one Joystream channel cannot both win; {@link ChannelEntity} records the sign-up with the tokens
 * encrypted for that channel; the code is used up. When syncing is on, the channel's newest uploads
 * are then tracked ({@link InitialIngestion}) after the answer.
 *
 * <p>What the request may be refused for is a {@link Refused} with a stable code; failures of the
 * services it talks to (YouTube's refusals, timeouts) fail the stage.
 */
public final class ChannelSignUp {

  /** What a channel sign-up asks for. */
  public record Request(
      String authorizationCode,
      String userId,
      String email,
      long joystreamChannelId,
      boolean shouldBeIngested,
      Optional<String> videoCategoryId,
      Optional<Long> referrerChannelId) {}

  public sealed interface Result permits SignedUp, Refused {}

  /** The creator's account after the code was used up, and the channel as signed up. */
  public record SignedUp(UserEntity.User user, String youtubeChannelId, ChannelState channel)
      implements Result {}

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

  /** The account refused the code as its sign-up's; {@code reason} is the account's sentence. */
  public record AuthorRefused(String reason) implements Refused {
    @Override
    public String code() {
      return "INVALID_AUTHOR";
    }
  }

  /** The account holds no tokens to read its YouTube channel with. */
  public enum AuthorHasNoTokens implements Refused {
    INSTANCE;

    @Override
    public String code() {
      return "INVALID_AUTHOR";
    }
  }

  public record JoystreamChannelMissing(long joystreamChannelId) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_NOT_FOUND";
    }
  }

  /** The Joystream channel serves another YouTube channel in the program. */
  public record LinkedElsewhere(long joystreamChannelId, String otherYoutubeChannelId)
      implements Refused {
    @Override
    public String code() {
      return "CHANNEL_ALREADY_REGISTERED";
    }
  }

  /** The link's writer gave the Joystream channel to another YouTube channel; its sentence. */
  public record LinkTaken(String reason) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_ALREADY_REGISTERED";
    }
  }

  /** The Google account has no YouTube channel. */
  public enum NoYoutubeChannel implements Refused {
    INSTANCE;

    @Override
    public String code() {
      return "CHANNEL_NOT_FOUND";
    }
  }

  /** The channel's entity refused the sign-up (suspended, say); its sentence. */
  public record ChannelRefused(String reason) implements Refused {
    @Override
    public String code() {
      return "REFUSED";
    }
  }

  /** The account refused to use the code up; its sentence. */
  public record CodeRefused(String reason) implements Refused {
    @Override
    public String code() {
      return "REFUSED";
    }
  }

  private final ClusterSharding sharding;
  private final JoystreamLinks links;
  private final OrionClient orion;
  private final YoutubeDataClient youtube;
  private final Optional<TokenCipher> cipher;
  private final InitialIngestion ingestion;
  private final boolean syncEnabled;
  private final Duration timeout;
  private final Clock clock;

  public ChannelSignUp(
      ActorSystem<?> system,
      JoystreamLinks links,
      OrionClient orion,
      YoutubeDataClient youtube,
      Optional<TokenCipher> cipher,
      InitialIngestion ingestion,
      boolean syncEnabled,
      Duration askTimeout,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.links = links;
    this.orion = orion;
    this.youtube = youtube;
    this.cipher = cipher;
    this.ingestion = ingestion;
    this.syncEnabled = syncEnabled;
    this.timeout = askTimeout;
    this.clock = clock;
  }

  public CompletionStage<Result> signUp(Request r) {
    if (cipher.isEmpty()) {
      return done(TokenKeyMissing.INSTANCE);
    }
    EntityRef<UserEntity.Command> user = sharding.entityRefFor(UserEntity.ENTITY_KEY, r.userId());
    return user.<StatusReply<UserEntity.User>>ask(
            reply ->
                new UserEntity.CheckSignUpAuthor(
                    r.authorizationCode(), r.joystreamChannelId(), clock.instant(), reply),
            timeout)
        .thenCompose(
            author ->
                author.isError()
                    ? done(new AuthorRefused(author.getError().getMessage()))
                    : withJoystreamChannel(r, user, author.getValue()));
  }

  private CompletionStage<Result> withJoystreamChannel(
      Request r, EntityRef<UserEntity.Command> user, UserEntity.User author) {
    long id = r.joystreamChannelId();
    return orion
        .channelById(id)
        .thenCompose(
            joystream ->
                joystream.isEmpty()
                    ? done(new JoystreamChannelMissing(id))
                    : linkedElsewhere(id, author.youtubeChannelId())
                        .thenCompose(
                            other ->
                                other.isPresent()
                                    ? done(new LinkedElsewhere(id, other.get()))
                                    : withYoutubeChannel(r, user, joystream.get())));
  }

  /**
   * youtube-synch's check, before any YouTube quota is spent: the Joystream channel must not serve
   * another YouTube channel than the one the user signed up with (the claim decides; this only
   * refuses early).
   */
  private CompletionStage<Optional<String>> linkedElsewhere(
      long joystreamChannelId, Optional<String> youtubeChannelId) {
    return youtubeChannelId.isEmpty()
        ? CompletableFuture.completedFuture(Optional.empty())
        : links.keptByAnother(joystreamChannelId, youtubeChannelId.get());
  }

  private CompletionStage<Result> withYoutubeChannel(
      Request r, EntityRef<UserEntity.Command> user, OrionChannel joystream) {
    return user.<Optional<Registration.OwnerTokens>>ask(UserEntity.GetTokens::new, timeout)
        .thenCompose(
            stored -> {
              if (stored.isEmpty()) {
                return done(AuthorHasNoTokens.INSTANCE);
              }
              OwnerTokens owner = decrypt(r.userId(), stored.get());
              return youtube
                  .ownChannel(owner, QuotaPurpose.SYNC_ON_REQUEST)
                  .thenCompose(
                      channel ->
                          channel.isEmpty()
                              ? done(NoYoutubeChannel.INSTANCE)
                              : claim(r, user, channel.get(), joystream.language(), owner));
            });
  }

  /** The account's tokens are encrypted for the account; the channel's will be for the channel. */
  private OwnerTokens decrypt(String userId, Registration.OwnerTokens stored) {
    String aad = UserSignUp.tokenScope(userId);
    TokenCipher key = cipher.orElseThrow();
    return new OwnerTokens(key.decrypt(aad, stored.access()), key.decrypt(aad, stored.refresh()));
  }

  private CompletionStage<Result> claim(
      Request r,
      EntityRef<UserEntity.Command> user,
      YoutubeChannel channel,
      Optional<String> joystreamLanguage,
      OwnerTokens owner) {
    return Links.claim(links, r.joystreamChannelId(), channel.id())
        .thenCompose(
            refusal ->
                refusal.isPresent()
                    ? done(new LinkTaken(refusal.get()))
                    : register(r, user, channel, joystreamLanguage, owner));
  }

  private CompletionStage<Result> register(
      Request r,
      EntityRef<UserEntity.Command> user,
      YoutubeChannel channel,
      Optional<String> joystreamLanguage,
      OwnerTokens owner) {
    TokenCipher key = cipher.orElseThrow();
    Registration registration =
        new Registration(
            r.userId(),
            r.email(),
            r.joystreamChannelId(),
            joystreamLanguage,
            r.shouldBeIngested(),
            r.videoCategoryId(),
            r.referrerChannelId(),
            profile(channel),
            Optional.of(
                new Registration.OwnerTokens(
                    key.encrypt(channel.id(), owner.accessToken()),
                    key.encrypt(channel.id(), owner.refreshToken()))),
            clock.instant());
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channel.id())
        .<StatusReply<ChannelState>>ask(
            reply -> new ChannelEntity.SignUp(registration, reply), timeout)
        .thenCompose(
            state ->
                state.isError()
                    ? done(new ChannelRefused(state.getError().getMessage()))
                    : useCode(r, user, channel, state.getValue()));
  }

  private CompletionStage<Result> useCode(
      Request r, EntityRef<UserEntity.Command> user, YoutubeChannel channel, ChannelState state) {
    return user.<StatusReply<UserEntity.User>>ask(
            reply ->
                new UserEntity.ConsumeCode(
                    r.authorizationCode(),
                    r.email(),
                    r.joystreamChannelId(),
                    clock.instant(),
                    reply),
            timeout)
        .thenApply(
            used -> {
              if (used.isError()) {
                return new CodeRefused(used.getError().getMessage());
              }
              if (syncEnabled) {
                ingestion.start(channel, state);
              }
              return new SignedUp(used.getValue(), channel.id(), state);
            });
  }

  static ChannelProfile profile(YoutubeChannel c) {
    return new ChannelProfile(
        c.title() == null ? "" : c.title(),
        c.description() == null ? "" : c.description(),
        Optional.ofNullable(c.customUrl()),
        Optional.ofNullable(c.language()),
        c.thumbnails(),
        Optional.ofNullable(c.bannerImageUrl()),
        c.statistics().subscriberCount(),
        c.statistics().videoCount(),
        c.statistics().viewCount(),
        Optional.of(c.publishedAt()),
        Optional.ofNullable(c.uploadsPlaylistId()));
  }

  private static CompletionStage<Result> done(Result result) {
    return CompletableFuture.completedFuture(result);
  }
}
