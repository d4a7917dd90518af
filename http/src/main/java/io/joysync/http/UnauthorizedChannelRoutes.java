package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelProfile;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.VideoTracking;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.youtube.ChannelLookup;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.joystream.orion.OrionChannel;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.persistence.readside.ChannelRow;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/unauthorized} (youtube-synch's {@code
 * sync:addUnauthorizedChannelForSyncing} as an operator endpoint): an operator adds a public
 * YouTube channel, without its owner's OAuth grant, to be synced into a Joystream channel on which
 * joysync's collaborator may add videos. The channel is signed up as {@code UnauthorizedUser-<id>}
 * with no tokens and its latest uploads are tracked in state {@code New}. Every check (the YouTube
 * channel exists, it is not an authorized YPP channel, the Joystream channel exists, is not linked
 * elsewhere and lets the collaborator add videos) runs before the first change, so a refused
 * request changes nothing. Adding a channel again re-syncs it: videos already tracked are reported,
 * never tracked twice.
 */
public final class UnauthorizedChannelRoutes {

  private static final Logger log = LoggerFactory.getLogger(UnauthorizedChannelRoutes.class);

  static final String USER_PREFIX = "UnauthorizedUser-";
  static final String ADD_VIDEO = "AddVideo";

  public record AddedChannel(ChannelDto channel, int videosTracked, int videosAlreadyTracked) {}

  private final ClusterSharding sharding;
  private final VideoTracking tracking;
  private final JoystreamLinks links;
  private final OrionClient orion;
  private final ChainConnection chain;
  private final long collaboratorMemberId;
  private final YoutubeDataClient youtube;
  private final OperatorAuth auth;
  private final HttpSettings settings;
  private final String defaultCategory;
  private final Clock clock;

  public UnauthorizedChannelRoutes(
      ActorSystem<?> system,
      HttpApi.Services services,
      JoystreamLinks links,
      OperatorAuth auth,
      HttpSettings settings,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.tracking = new VideoTracking(system, settings.askTimeout());
    this.links = links;
    this.orion = services.orion();
    this.chain = services.chain();
    this.collaboratorMemberId = services.collaboratorMemberId();
    this.youtube = services.youtube();
    this.auth = auth;
    this.settings = settings;
    this.defaultCategory =
        system.settings().config().getString("joysync.http.unauthorized-category");
    this.clock = clock;
  }

  public Route route() {
    return path(
        PathMatchers.segment("channels").slash("unauthorized"),
        () ->
            post(
                () ->
                    auth.operator(
                        () ->
                            entity(
                                Unmarshaller.entityToString(),
                                body ->
                                    onSuccess(
                                        add(
                                            UnauthorizedChannelRequest.parse(
                                                body, defaultCategory)),
                                        added ->
                                            complete(
                                                StatusCodes.CREATED, added, Json.marshaller()))))));
  }

  private CompletionStage<AddedChannel> add(UnauthorizedChannelRequest r) {
    return youtube
        .publicChannel(r.channel())
        .thenCompose(
            found -> {
              YoutubeChannel channel =
                  found.orElseThrow(
                      () ->
                          ApiException.notFound(
                              "YOUTUBE_CHANNEL_NOT_FOUND",
                              "YouTube channel " + name(r.channel()) + " does not exist."));
              return refuseIfAuthorized(channel)
                  .thenCompose(v -> checkJoystreamChannel(r, channel))
                  .thenCompose(
                      joystream ->
                          youtube
                              .syncableUploads(
                                  channel, r.videosLimit(), QuotaPurpose.SYNC_ON_REQUEST)
                              .thenApply(v -> v.stream().map(VideoFacts::of).toList())
                              .thenCompose(
                                  videos ->
                                      signUpAndTrack(r, channel, joystream.language(), videos)));
            });
  }

  private static String name(ChannelLookup lookup) {
    return lookup instanceof ChannelLookup.ById id
        ? id.channelId()
        : ((ChannelLookup.ByHandle) lookup).handle();
  }

  private EntityRef<ChannelEntity.Command> channelRef(String channelId) {
    return sharding.entityRefFor(ChannelEntity.ENTITY_KEY, channelId);
  }

  /** A channel its owner signed up (with tokens) stays theirs; a suspended one stays suspended. */
  private CompletionStage<Void> refuseIfAuthorized(YoutubeChannel channel) {
    return channelRef(channel.id())
        .<Optional<ChannelState>>ask(ChannelEntity.Get::new, settings.askTimeout())
        .thenAccept(
            state ->
                state
                    .flatMap(ChannelState::registration)
                    .ifPresent(
                        registration -> {
                          if (registration.tokens().isPresent()
                              || !registration.userId().startsWith(USER_PREFIX)) {
                            throw new ApiException(
                                StatusCodes.CONFLICT,
                                "CHANNEL_AUTHORIZED",
                                "YouTube channel "
                                    + channel.id()
                                    + " is already in the YPP as an authorized channel.");
                          }
                          if (state.get().status().isSuspended()) {
                            throw new ApiException(
                                StatusCodes.CONFLICT,
                                "CHANNEL_SUSPENDED",
                                "YouTube channel "
                                    + channel.id()
                                    + " is suspended ("
                                    + state.get().status().wireName()
                                    + ") and cannot be synced.");
                          }
                        }));
  }

  /** The Joystream channel, once it exists, is free to link and lets joysync add videos. */
  private CompletionStage<OrionChannel> checkJoystreamChannel(
      UnauthorizedChannelRequest r, YoutubeChannel channel) {
    long id = r.joystreamChannelId();
    ApiException missing =
        ApiException.badRequest(
            "CHANNEL_NOT_FOUND", "Joystream Channel " + id + " does not exist.");
    return fromJoystream("Orion", orion.channelById(id))
        .thenCompose(
            indexed -> {
              if (indexed.isEmpty()) {
                throw missing;
              }
              return links
                  .keptByAnother(id, channel.id())
                  .thenCompose(keeper -> onChainCheck(id, keeper, missing))
                  .thenApply(ok -> indexed.get());
            });
  }

  /** Refuses a link another channel keeps, or a Joystream channel joysync may not add to. */
  private CompletionStage<Void> onChainCheck(
      long id, Optional<String> keeper, ApiException missing) {
    keeper.ifPresent(
        other -> {
          throw alreadyLinked(id, other, StatusCodes.CONFLICT);
        });
    return fromJoystream(
            "The Joystream node", chain.chainState().thenCompose(state -> state.channel(id, null)))
        .thenAccept(
            onChain -> {
              var info = onChain.orElseThrow(() -> missing);
              if (!info.allows(collaboratorMemberId, ADD_VIDEO)) {
                throw ApiException.badRequest(
                    "COLLABORATOR_MISSING",
                    "joysync's member "
                        + collaboratorMemberId
                        + " is not a collaborator with the AddVideo permission on Joystream"
                        + " Channel "
                        + id
                        + ".");
              }
            });
  }

  /** Orion or the chain not answering is the service's trouble, not the operator's: 503. */
  private static <T> CompletionStage<T> fromJoystream(String what, CompletionStage<T> stage) {
    return stage.exceptionally(
        e -> {
          Throwable cause =
              e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          log.warn("{} failed while an unauthorized channel was added: {}", what, cause.toString());
          throw new ApiException(
              StatusCodes.SERVICE_UNAVAILABLE,
              "JOYSTREAM_UNAVAILABLE",
              what + " did not answer; try again shortly");
        });
  }

  private CompletionStage<AddedChannel> signUpAndTrack(
      UnauthorizedChannelRequest r,
      YoutubeChannel channel,
      Optional<String> joystreamLanguage,
      List<VideoFacts> videos) {
    Registration registration =
        new Registration(
            USER_PREFIX + channel.id(),
            "",
            r.joystreamChannelId(),
            joystreamLanguage,
            true,
            Optional.of(r.videoCategoryId()),
            Optional.empty(),
            profile(channel),
            Optional.empty(),
            clock.instant());
    EntityRef<ChannelEntity.Command> ref = channelRef(channel.id());
    // Checked again right before signing up: the owner may have joined while YouTube answered
    // (the entity refuses to replace an owner's sign-up in any case).
    return refuseIfAuthorized(channel)
        .thenCompose(
            v -> claimLink(links, r.joystreamChannelId(), channel.id(), StatusCodes.CONFLICT))
        .thenCompose(
            v ->
                ref.<ChannelState>askWithStatus(
                    reply -> new ChannelEntity.SignUp(registration, reply), settings.askTimeout()))
        .thenCompose(
            state ->
                tracking
                    .track(channel.id(), videos, clock.instant())
                    .thenApply(
                        tracked ->
                            new AddedChannel(
                                ChannelDto.of(ChannelRow.of(channel.id(), state)),
                                tracked.added().size(),
                                tracked.alreadyTracked().size())));
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

  private static ChannelProfile profile(YoutubeChannel c) {
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
}
