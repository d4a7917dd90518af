package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.joysync.persistence.readside.ChannelRow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;

/**
 * {@code POST /channels} (youtube-synch endpoint 2): a signed-up creator links their YouTube
 * channel to a Joystream channel. The request must carry the authorization code of the creator's
 * sign-up; the Joystream channel must exist (Orion) and not be linked to another YouTube channel in
 * the program. The YouTube channel is read again with the creator's tokens, the {@link
 * ChannelEntity} records the sign-up (new or again), and the code is used up so it cannot be
 * replayed. When syncing is on, the channel's newest uploads are then tracked ({@link
 * InitialIngestion}), after the answer.
 */
public final class ChannelSignUpRoutes {

  /** What a channel sign-up asks for. */
  record Request(
      String authorizationCode,
      String userId,
      String email,
      long joystreamChannelId,
      boolean shouldBeIngested,
      Optional<String> videoCategoryId,
      Optional<Long> referrerChannelId) {}

  public record SignedUpChannel(UserView user, ChannelDto channel) {}

  public record UserView(String id, String email) {}

  private final ClusterSharding sharding;
  private final JoystreamLinks links;
  private final InitialIngestion ingestion;
  private final OrionClient orion;
  private final YoutubeDataClient youtube;
  private final Optional<TokenCipher> cipher;
  private final HttpSettings settings;
  private final Clock clock;

  public ChannelSignUpRoutes(
      ActorSystem<?> system,
      JoystreamLinks links,
      OrionClient orion,
      YoutubeDataClient youtube,
      Optional<TokenCipher> cipher,
      HttpSettings settings,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.links = links;
    this.ingestion = new InitialIngestion(system, youtube, settings.askTimeout(), clock);
    this.orion = orion;
    this.youtube = youtube;
    this.cipher = cipher;
    this.settings = settings;
    this.clock = clock;
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
                                  Request request = parse(body);
                                  return onSuccess(
                                      signUp(request),
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
    return new Request(
        code.get(), userId.get(), email.get(), channelId.get(), ingest.get(), category, referrer);
  }

  private CompletionStage<SignedUpChannel> signUp(Request r) {
    TokenCipher tokens = SignUpGate.cipher(cipher);
    Duration timeout = settings.askTimeout();
    var user = sharding.entityRefFor(UserEntity.ENTITY_KEY, r.userId());
    return user.<org.apache.pekko.pattern.StatusReply<UserEntity.User>>ask(
            reply ->
                new UserEntity.CheckSignUpAuthor(
                    r.authorizationCode(), r.joystreamChannelId(), clock.instant(), reply),
            timeout)
        .thenApply(ChannelSignUpRoutes::authorOrRefuse)
        .thenCompose(
            author ->
                orion
                    .channelById(r.joystreamChannelId())
                    .thenCompose(
                        joystream -> {
                          if (joystream.isEmpty()) {
                            throw ApiException.badRequest(
                                "CHANNEL_NOT_FOUND",
                                "Joystream Channel " + r.joystreamChannelId() + " does not exist.");
                          }
                          return refuseIfLinkedElsewhere(
                                  r.joystreamChannelId(), author.youtubeChannelId())
                              .thenCompose(
                                  free ->
                                      user.<Optional<Registration.OwnerTokens>>ask(
                                          UserEntity.GetTokens::new, timeout))
                              .thenApply(stored -> new Found(joystream.get(), stored));
                        }))
        .thenCompose(
            found -> {
              OwnerTokens owner = decrypt(tokens, r.userId(), found.tokens());
              return youtube
                  .ownChannel(owner, QuotaPurpose.SYNC_ON_REQUEST)
                  .thenCompose(
                      yt -> {
                        YoutubeChannel channel =
                            yt.orElseThrow(
                                () ->
                                    ApiException.badRequest(
                                        "CHANNEL_NOT_FOUND",
                                        "This Google account has no YouTube channel."));
                        return claimLink(
                                links,
                                r.joystreamChannelId(),
                                channel.id(),
                                StatusCodes.BAD_REQUEST)
                            .thenCompose(
                                d ->
                                    register(
                                        r,
                                        channel,
                                        found.joystream().language(),
                                        owner,
                                        tokens,
                                        user,
                                        timeout));
                      });
            });
  }

  /**
   * youtube-synch's check, in its order, before any YouTube quota is spent: the Joystream channel
   * must not serve another YouTube channel than the one the user signed up with (the claim after
   * the YouTube read decides; this only refuses early).
   */
  private CompletionStage<Void> refuseIfLinkedElsewhere(
      long joystreamChannelId, Optional<String> youtubeChannelId) {
    if (youtubeChannelId.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return links
        .keptByAnother(joystreamChannelId, youtubeChannelId.get())
        .thenAccept(
            other ->
                other.ifPresent(
                    o -> {
                      throw alreadyLinked(joystreamChannelId, o, StatusCodes.BAD_REQUEST);
                    }));
  }

  /** youtube-synch's refusal of a Joystream channel that serves another YouTube channel. */
  static ApiException alreadyLinked(
      long joystreamChannelId, String otherYoutubeChannelId, StatusCode status) {
    return new ApiException(
        status,
        "CHANNEL_ALREADY_REGISTERED",
        "Joystream Channel "
            + joystreamChannelId
            + " already connected with Youtube Channel "
            + otherYoutubeChannelId
            + ".");
  }

  /** The Joystream channel found in Orion and the tokens the user's sign-up stored. */
  private record Found(OrionChannel joystream, Optional<Registration.OwnerTokens> tokens) {}

  private static UserEntity.User authorOrRefuse(
      org.apache.pekko.pattern.StatusReply<UserEntity.User> reply) {
    if (reply.isError()) {
      throw ApiException.badRequest("INVALID_AUTHOR", reply.getError().getMessage());
    }
    return reply.getValue();
  }

  private static OwnerTokens decrypt(
      TokenCipher cipher, String userId, Optional<Registration.OwnerTokens> stored) {
    Registration.OwnerTokens t =
        stored.orElseThrow(
            () ->
                ApiException.badRequest(
                    "INVALID_AUTHOR", "Invalid request author. Permission denied."));
    String aad = "user:" + userId;
    return new OwnerTokens(cipher.decrypt(aad, t.access()), cipher.decrypt(aad, t.refresh()));
  }

  /**
   * The link decided by its single writer, so two sign-ups racing for one Joystream channel cannot
   * both win; refused as youtube-synch refused a linked channel (400).
   */
  static CompletionStage<Done> claimLink(
      JoystreamLinks links, long joystreamChannelId, String youtubeChannelId, StatusCode status) {
    return links
        .claim(joystreamChannelId, youtubeChannelId)
        .exceptionally(
            e -> {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof StatusReply.ErrorMessage refusal) {
                throw new ApiException(status, "CHANNEL_ALREADY_REGISTERED", refusal.getMessage());
              }
              throw e instanceof CompletionException ce ? ce : new CompletionException(e);
            });
  }

  private CompletionStage<SignedUpChannel> register(
      Request r,
      YoutubeChannel channel,
      Optional<String> joystreamLanguage,
      OwnerTokens owner,
      TokenCipher cipher,
      org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<UserEntity.Command> user,
      Duration timeout) {
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
                    cipher.encrypt(channel.id(), owner.accessToken()),
                    cipher.encrypt(channel.id(), owner.refreshToken()))),
            clock.instant());
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channel.id())
        .<ChannelState>askWithStatus(
            reply -> new ChannelEntity.SignUp(registration, reply), timeout)
        .thenCompose(
            state ->
                user.<UserEntity.User>askWithStatus(
                        reply ->
                            new UserEntity.ConsumeCode(
                                r.authorizationCode(),
                                r.email(),
                                r.joystreamChannelId(),
                                clock.instant(),
                                reply),
                        timeout)
                    .thenApply(
                        u -> {
                          if (settings.syncEnabled()) {
                            ingestion.start(channel, state);
                          }
                          return new SignedUpChannel(
                              new UserView(u.id(), u.email()),
                              ChannelDto.of(ChannelRow.of(channel.id(), state)));
                        }));
  }

  private static ChannelProfile profile(YoutubeChannel c) {
    return new ChannelProfile(
        c.title(),
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
}
