package io.joysync.engine.signup;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.VideoTracking;
import io.joysync.engine.channel.YppStatus;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.youtube.ChannelLookup;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.joystream.orion.OrionChannel;
import io.joysync.joystream.orion.OrionClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator adds a public YouTube channel, without its owner's OAuth grant, to be synced into a
 * Joystream channel on which joysync's collaborator may add videos (youtube-synch's {@code
 * sync:addUnauthorizedChannelForSyncing}). The channel is signed up as {@link
 * Registration#operatorAddedUserId} with no tokens and its latest uploads are tracked in state
 * {@code New}. Every check (the YouTube channel exists, its owner did not sign it up, it is not
 * suspended, the Joystream channel exists, is not linked elsewhere and lets the collaborator add
 * videos) runs before the first change, so a refused request changes nothing. Adding a channel
 * again re-syncs it: videos already tracked are reported, never tracked twice.
 */
public final class UnauthorizedChannels {

  private static final Logger log = LoggerFactory.getLogger(UnauthorizedChannels.class);

  static final String ADD_VIDEO = "AddVideo";

  /** What an operator asks for: the channel, where it goes, how many uploads, which category. */
  public record Request(
      ChannelLookup channel, long joystreamChannelId, int videosLimit, String videoCategoryId) {}

  public sealed interface Result permits Added, Refused {}

  /** The channel as signed up, and how many of its uploads were tracked now or before. */
  public record Added(
      String youtubeChannelId, ChannelState channel, int videosTracked, int videosAlreadyTracked)
      implements Result {}

  /** Why an add was refused; {@link #code()} is stable, the data phrases the sentence. */
  public sealed interface Refused extends Result {
    String code();
  }

  /** YouTube knows no such channel; {@code lookup} is the id or handle asked for. */
  public record YoutubeChannelMissing(String lookup) implements Refused {
    @Override
    public String code() {
      return "YOUTUBE_CHANNEL_NOT_FOUND";
    }
  }

  /** Its owner signed the channel up: an operator's add may not replace that. */
  public record SignedUpByOwner(String youtubeChannelId) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_AUTHORIZED";
    }
  }

  public record Suspended(String youtubeChannelId, YppStatus status) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_SUSPENDED";
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

  /** joysync's member may not add videos to the Joystream channel. */
  public record CollaboratorMissing(long collaboratorMemberId, long joystreamChannelId)
      implements Refused {
    @Override
    public String code() {
      return "COLLABORATOR_MISSING";
    }
  }

  /** Orion or the Joystream node ({@code service}) did not answer: the service's trouble. */
  public record JoystreamUnavailable(String service) implements Refused {
    @Override
    public String code() {
      return "JOYSTREAM_UNAVAILABLE";
    }
  }

  /** The channel's entity refused the sign-up; its sentence. */
  public record ChannelRefused(String reason) implements Refused {
    @Override
    public String code() {
      return "REFUSED";
    }
  }

  static final String ORION = "Orion";
  static final String NODE = "The Joystream node";

  private final ClusterSharding sharding;
  private final VideoTracking tracking;
  private final JoystreamLinks links;
  private final OrionClient orion;
  private final ChainConnection chain;
  private final long collaboratorMemberId;
  private final YoutubeDataClient youtube;
  private final Duration timeout;
  private final Clock clock;

  public UnauthorizedChannels(
      ActorSystem<?> system,
      JoystreamLinks links,
      OrionClient orion,
      ChainConnection chain,
      long collaboratorMemberId,
      YoutubeDataClient youtube,
      Duration askTimeout,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.tracking = new VideoTracking(system, askTimeout);
    this.links = links;
    this.orion = orion;
    this.chain = chain;
    this.collaboratorMemberId = collaboratorMemberId;
    this.youtube = youtube;
    this.timeout = askTimeout;
    this.clock = clock;
  }

  public CompletionStage<Result> add(Request r) {
    return youtube
        .publicChannel(r.channel())
        .thenCompose(
            found ->
                found.isEmpty()
                    ? done(new YoutubeChannelMissing(name(r.channel())))
                    : checked(r, found.get()));
  }

  private CompletionStage<Result> checked(Request r, YoutubeChannel channel) {
    long id = r.joystreamChannelId();
    return ownedOrSuspended(channel.id())
        .thenCompose(
            refused ->
                refused.isPresent()
                    ? done(refused.get())
                    : answered(ORION, orion.channelById(id))
                        .thenCompose(
                            indexed -> {
                              if (indexed.isEmpty()) {
                                return done(new JoystreamUnavailable(ORION));
                              }
                              if (indexed.get().isEmpty()) {
                                return done(new JoystreamChannelMissing(id));
                              }
                              OrionChannel joystream = indexed.get().get();
                              return links
                                  .keptByAnother(id, channel.id())
                                  .thenCompose(
                                      keeper ->
                                          keeper.isPresent()
                                              ? done(new LinkedElsewhere(id, keeper.get()))
                                              : onChain(r, channel, joystream));
                            }));
  }

  /** The Joystream channel exists on chain and lets joysync's member add videos. */
  private CompletionStage<Result> onChain(
      Request r, YoutubeChannel channel, OrionChannel joystream) {
    long id = r.joystreamChannelId();
    return answered(NODE, chain.chainState().thenCompose(state -> state.channel(id, null)))
        .thenCompose(
            onChain -> {
              if (onChain.isEmpty()) {
                return done(new JoystreamUnavailable(NODE));
              }
              if (onChain.get().isEmpty()) {
                return done(new JoystreamChannelMissing(id));
              }
              if (!onChain.get().get().allows(collaboratorMemberId, ADD_VIDEO)) {
                return done(new CollaboratorMissing(collaboratorMemberId, id));
              }
              return withUploads(r, channel, joystream);
            });
  }

  /** Empty when {@code service} did not answer (the service's trouble, not the operator's). */
  private static <T> CompletionStage<Optional<T>> answered(
      String service, CompletionStage<T> stage) {
    return stage
        .thenApply(Optional::of)
        .exceptionally(
            e -> {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              log.warn(
                  "{} failed while an unauthorized channel was added: {}",
                  service,
                  cause.toString());
              return Optional.empty();
            });
  }

  private CompletionStage<Result> withUploads(
      Request r, YoutubeChannel channel, OrionChannel joystream) {
    return youtube
        .syncableUploads(channel, r.videosLimit(), QuotaPurpose.SYNC_ON_REQUEST)
        .thenApply(v -> v.stream().map(VideoFacts::of).toList())
        .thenCompose(videos -> signUpAndTrack(r, channel, joystream.language(), videos));
  }

  private static String name(ChannelLookup lookup) {
    return lookup instanceof ChannelLookup.ById id
        ? id.channelId()
        : ((ChannelLookup.ByHandle) lookup).handle();
  }

  private EntityRef<ChannelEntity.Command> channelRef(String channelId) {
    return sharding.entityRefFor(ChannelEntity.ENTITY_KEY, channelId);
  }

  /** A channel its owner signed up stays theirs; a suspended one stays suspended. */
  private CompletionStage<Optional<Refused>> ownedOrSuspended(String channelId) {
    return channelRef(channelId)
        .<Optional<ChannelState>>ask(ChannelEntity.Get::new, timeout)
        .thenApply(
            state ->
                state.flatMap(
                    s ->
                        s.registration()
                            .map(
                                registration -> {
                                  if (registration.signedUpByOwner()) {
                                    return new SignedUpByOwner(channelId);
                                  }
                                  return s.status().isSuspended()
                                      ? new Suspended(channelId, s.status())
                                      : null;
                                })));
  }

  private CompletionStage<Result> signUpAndTrack(
      Request r,
      YoutubeChannel channel,
      Optional<String> joystreamLanguage,
      List<VideoFacts> videos) {
    Registration registration =
        new Registration(
            Registration.operatorAddedUserId(channel.id()),
            "",
            r.joystreamChannelId(),
            joystreamLanguage,
            true,
            Optional.of(r.videoCategoryId()),
            Optional.empty(),
            ChannelSignUp.profile(channel),
            Optional.empty(),
            clock.instant());
    // Checked again right before signing up: the owner may have joined while YouTube answered
    // (the entity refuses to replace an owner's sign-up in any case).
    return ownedOrSuspended(channel.id())
        .thenCompose(
            refused ->
                refused.isPresent()
                    ? done(refused.get())
                    : Links.claim(links, r.joystreamChannelId(), channel.id())
                        .thenCompose(
                            taken ->
                                taken.isPresent()
                                    ? done(new LinkTaken(taken.get()))
                                    : register(channel.id(), registration, videos)));
  }

  private CompletionStage<Result> register(
      String channelId, Registration registration, List<VideoFacts> videos) {
    return channelRef(channelId)
        .<StatusReply<ChannelState>>ask(
            reply -> new ChannelEntity.SignUp(registration, reply), timeout)
        .thenCompose(
            state ->
                state.isError()
                    ? done(new ChannelRefused(state.getError().getMessage()))
                    : tracking
                        .track(channelId, videos, clock.instant())
                        .thenApply(
                            tracked ->
                                new Added(
                                    channelId,
                                    state.getValue(),
                                    tracked.added().size(),
                                    tracked.alreadyTracked().size())));
  }

  private static <T> CompletionStage<T> done(T result) {
    return CompletableFuture.completedFuture(result);
  }
}
