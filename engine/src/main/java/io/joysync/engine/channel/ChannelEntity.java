package io.joysync.engine.channel;

import io.joysync.engine.serialization.CborSerializable;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import io.joysync.engine.youtube.ChannelStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One YouTube channel in the YPP (the entity id is the YouTube channel id), and the only writer of
 * its state: sign-up, verification, suspension, the owner's and the operators' switches, and the
 * automatic opt-outs. Owner actions carry the signed message's timestamp and are refused unless it
 * is newer than the last one acted on, so a captured signature cannot be replayed. A refused
 * command persists nothing. An expired or revoked OAuth grant is not a reason to opt a channel out:
 * no command here does that.
 *
 * <p>Each video's progress is its own aggregate ({@link io.joysync.engine.video.VideoEntity}); the
 * channel keeps what spans its videos: the historical size cap, reserved here before a historical
 * video is created, so two videos cannot both pass it. Journals written before videos moved out
 * still hold video events: they are replayed into {@link State#legacyVideos} and handed to the
 * video entities once ({@link LegacyVideoImport}).
 */
public final class ChannelEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        ChannelEntity.Command, ChannelEntity.Event, ChannelEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Channel");

  /** Projections read the events of one tag each; a channel's events all carry one tag. */
  public static final int TAG_COUNT = 5;

  /** How many recent reservations the channel remembers, so a repeated one counts once. */
  static final int REMEMBERED_RESERVATIONS = 256;

  public sealed interface Command extends CborSerializable {}

  /** A command that changes the channel; answered with the new state or a refusal. */
  public sealed interface Change extends Command {
    ActorRef<StatusReply<ChannelState>> replyTo();
  }

  public record SignUp(Registration registration, ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  public record Verify(Tier tier, Instant at, ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  public record Suspend(
      SuspensionReason reason, Instant at, ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  public record SetOperatorIngestion(boolean allow, ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  public record SetCategoryByOperator(
      String videoCategoryId, ActorRef<StatusReply<ChannelState>> replyTo) implements Change {}

  /** Owner-signed: leave the program ({@code optOut}) or only stop ingestion. */
  public record OptOut(
      boolean optOut, Instant signedAt, ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  /** Owner-signed: switch ingestion, optionally choosing the category at the same time. */
  public record SetIngestion(
      boolean shouldBeIngested,
      Optional<String> videoCategoryId,
      Instant signedAt,
      ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  /** Owner-signed: the category for videos ingested from now on. */
  public record SetCategory(
      String videoCategoryId, Instant signedAt, ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  /** Why joysync itself took a channel out of the program. */
  public enum AutoOptOutReason {
    COLLABORATOR_REVOKED,
    JOYSTREAM_CHANNEL_DELETED,
    YOUTUBE_ACCOUNT_TERMINATED
  }

  public record AutoOptOut(
      AutoOptOutReason reason, Instant at, ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  /**
   * YouTube's latest counters of the channel, from discovery's statistics refresh; the same
   * counters again record nothing.
   */
  public record RefreshStatistics(
      ChannelStatistics statistics, Instant at, ActorRef<StatusReply<ChannelState>> replyTo)
      implements Change {}

  public record Get(ActorRef<Optional<ChannelState>> replyTo) implements Command {}

  /**
   * Count a historical video's bytes against the tier's size cap before it is created; refused once
   * the cap is reached. A repeat for the same video counts nothing again.
   */
  public record ReserveHistoricalBytes(
      String videoId, long bytes, ActorRef<StatusReply<ChannelState>> replyTo) implements Command {}

  /** Give back a reservation whose video will not be created after all. */
  public record ReleaseHistoricalBytes(
      String videoId, long bytes, ActorRef<StatusReply<ChannelState>> replyTo) implements Command {}

  /** The legacy videos of this channel now live in their own entities. */
  record LegacyVideosImported(List<String> videoIds) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record SignedUp(String channelId, Registration registration) implements Event {}

  public record SignedUpAgain(String channelId, Registration registration, YppStatus restored)
      implements Event {}

  public record ChannelVerified(String channelId, Tier tier, Instant at) implements Event {}

  public record ChannelSuspended(String channelId, SuspensionReason reason, Instant at)
      implements Event {}

  public record OperatorIngestionSet(String channelId, boolean allow) implements Event {}

  public record CategorySet(String channelId, String videoCategoryId, Optional<Instant> signedAt)
      implements Event {}

  public record OwnerOptedOut(String channelId, boolean optOut, Instant signedAt)
      implements Event {}

  public record IngestionSet(
      String channelId,
      boolean shouldBeIngested,
      Optional<String> videoCategoryId,
      Instant signedAt)
      implements Event {}

  public record AutoOptedOut(String channelId, AutoOptOutReason reason, Instant at)
      implements Event {}

  public record StatisticsRefreshed(String channelId, ChannelStatistics statistics, Instant at)
      implements Event {}

  public record HistoricalBytesReserved(String channelId, String videoId, long bytes)
      implements Event {}

  public record HistoricalBytesReleased(String channelId, String videoId, long bytes)
      implements Event {}

  /**
   * Legacy: videos a channel started tracking when it still kept its videos. Replayed from old
   * journals only, into {@link State#legacyVideos}.
   */
  public record VideosTracked(String channelId, List<TrackedVideo> videos, Instant at)
      implements Event {
    public VideosTracked {
      videos = List.copyOf(videos);
    }
  }

  /** Legacy: a video as the channel kept it, with what YouTube said of it. */
  public record TrackedVideo(VideoFacts facts, VideoRecord record) implements CborSerializable {}

  /** Legacy: a video took a step when the channel still kept its videos. */
  public record VideoAdvanced(
      String channelId, VideoRecord video, VideoTransition step, long historicalBytesAdded)
      implements Event {}

  /** The legacy videos named here were handed to their own entities. */
  public record LegacyVideosMoved(String channelId, List<String> videoIds) implements Event {
    public LegacyVideosMoved {
      videoIds = List.copyOf(videoIds);
    }
  }

  /**
   * The entity's state: the channel, the ids of its latest historical-bytes reservations (so a
   * repeated one counts once), and videos of an old journal not yet handed to their entities.
   */
  public record State(
      ChannelState channel, List<String> recentReservations, Map<String, TrackedVideo> legacyVideos)
      implements CborSerializable {
    static final State EMPTY = new State(ChannelState.EMPTY, List.of(), Map.of());

    /**
     * A snapshot written when the channel still kept its videos has neither field (its videos lack
     * what YouTube said of them): it is refused here, and the channel recovers from its events
     * instead (snapshots are optional in {@code persistence.conf}).
     */
    public State {
      Objects.requireNonNull(recentReservations, "recentReservations");
      Objects.requireNonNull(legacyVideos, "legacyVideos");
      recentReservations = List.copyOf(recentReservations);
      legacyVideos = Map.copyOf(legacyVideos);
    }

    State withChannel(ChannelState next) {
      return new State(next, recentReservations, legacyVideos);
    }

    State reserved(String videoId) {
      List<String> next = new ArrayList<>(recentReservations);
      next.remove(videoId);
      next.add(videoId);
      if (next.size() > REMEMBERED_RESERVATIONS) {
        next.remove(0);
      }
      return new State(channel, next, legacyVideos);
    }

    State released(String videoId) {
      List<String> next = new ArrayList<>(recentReservations);
      next.remove(videoId);
      return new State(channel, next, legacyVideos);
    }

    State withLegacyVideos(List<TrackedVideo> changed) {
      Map<String, TrackedVideo> next = new HashMap<>(legacyVideos);
      changed.forEach(v -> next.put(v.record().id(), v));
      return new State(channel, recentReservations, next);
    }

    State withLegacyVideo(VideoRecord record) {
      TrackedVideo known = legacyVideos.get(record.id());
      return known == null
          ? this
          : withLegacyVideos(List.of(new TrackedVideo(known.facts(), record)));
    }

    State withoutLegacyVideos(List<String> moved) {
      Map<String, TrackedVideo> next = new HashMap<>(legacyVideos);
      moved.forEach(next::remove);
      return new State(channel, recentReservations, next);
    }
  }

  private final String channelId;
  private final ActorContext<Command> context;

  private ChannelEntity(String channelId, ActorContext<Command> context) {
    super(PersistenceId.of(ENTITY_KEY.name(), channelId));
    this.channelId = channelId;
    this.context = context;
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String channelId) {
    return Behaviors.setup(ctx -> new ChannelEntity(channelId, ctx));
  }

  /** The projection tag of a channel: a stable hash of its id over {@link #TAG_COUNT} tags. */
  public static String tagFor(String channelId) {
    return tag(Math.floorMod(channelId.hashCode(), TAG_COUNT));
  }

  /** The i-th projection tag, for i from 0 to {@link #TAG_COUNT} - 1. */
  public static String tag(int i) {
    return "channel-" + i;
  }

  /** Every projection tag. */
  public static List<String> tags() {
    return IntStream.range(0, TAG_COUNT).mapToObj(ChannelEntity::tag).toList();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(tagFor(channelId));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  /** A channel recovered from an old journal hands its videos to their own entities, once. */
  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              if (!state.legacyVideos().isEmpty()) {
                context.pipeToSelf(
                    LegacyVideoImport.importAll(
                        context.getSystem(), channelId, state.legacyVideos().values()),
                    (moved, error) -> {
                      if (error != null) {
                        context
                            .getLog()
                            .warn(
                                "Videos of channel {} not yet moved to their entities: {}",
                                channelId,
                                error.toString());
                        return new LegacyVideosImported(List.of());
                      }
                      return new LegacyVideosImported(moved);
                    });
              }
            })
        .build();
  }

  /**
   * One handler for every command. A handler builder would make a case and two lambdas per command
   * for each entity instance, about 2 KB of every resident channel (bench/RESULTS.md, "One node at
   * rest"); this dispatch costs one method reference.
   */
  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return this::handle;
  }

  private ReplyEffect<Event, State> handle(State s, Command command) {
    if (!s.channel().isRegistered()) {
      if (command instanceof SignUp c) {
        return persist(c.replyTo(), new SignedUp(channelId, c.registration()));
      } else if (command instanceof Get c) {
        return Effect().reply(c.replyTo(), Optional.empty());
      } else if (command instanceof Change c) {
        return rejectUnknown(s, c);
      } else if (command instanceof ReserveHistoricalBytes c) {
        return Effect().reply(c.replyTo(), StatusReply.error(unknownChannel()));
      } else if (command instanceof ReleaseHistoricalBytes c) {
        return Effect().reply(c.replyTo(), StatusReply.error(unknownChannel()));
      }
    }
    if (command instanceof Get c) {
      return Effect().reply(c.replyTo(), Optional.of(s.channel()));
    } else if (command instanceof Change c) {
      return change(s.channel(), c);
    } else if (command instanceof ReserveHistoricalBytes c) {
      return reserve(s, c);
    } else if (command instanceof ReleaseHistoricalBytes c) {
      return release(s, c);
    } else if (command instanceof LegacyVideosImported c) {
      return c.videoIds().isEmpty()
          ? Effect().noReply()
          : Effect().persist(new LegacyVideosMoved(channelId, c.videoIds())).thenNoReply();
    }
    throw new IllegalStateException("unknown channel command " + command.getClass().getName());
  }

  /** A change to a registered channel. */
  private ReplyEffect<Event, State> change(ChannelState s, Change command) {
    if (command instanceof SignUp c) {
      return signUpAgain(s, c);
    } else if (command instanceof Verify c) {
      return persist(c.replyTo(), new ChannelVerified(channelId, c.tier(), c.at()));
    } else if (command instanceof Suspend c) {
      return persist(c.replyTo(), new ChannelSuspended(channelId, c.reason(), c.at()));
    } else if (command instanceof SetOperatorIngestion c) {
      return persist(c.replyTo(), new OperatorIngestionSet(channelId, c.allow()));
    } else if (command instanceof SetCategoryByOperator c) {
      return persist(
          c.replyTo(), new CategorySet(channelId, c.videoCategoryId(), Optional.empty()));
    } else if (command instanceof OptOut c) {
      return ownerAction(
          s,
          "OptoutChannel",
          c.signedAt(),
          c.replyTo(),
          new OwnerOptedOut(channelId, c.optOut(), c.signedAt()));
    } else if (command instanceof SetIngestion c) {
      return ownerAction(
          s,
          "IngestChannel",
          c.signedAt(),
          c.replyTo(),
          new IngestionSet(channelId, c.shouldBeIngested(), c.videoCategoryId(), c.signedAt()));
    } else if (command instanceof SetCategory c) {
      return ownerAction(
          s,
          "UpdateChannelCategory",
          c.signedAt(),
          c.replyTo(),
          new CategorySet(channelId, c.videoCategoryId(), Optional.of(c.signedAt())));
    } else if (command instanceof AutoOptOut c) {
      return autoOptOut(s, c);
    } else if (command instanceof RefreshStatistics c) {
      return refreshStatistics(s, c);
    }
    throw new IllegalStateException("unknown channel change " + command.getClass().getName());
  }

  private ReplyEffect<Event, State> persist(
      ActorRef<StatusReply<ChannelState>> replyTo, Event event) {
    return Effect().persist(event).thenReply(replyTo, s -> StatusReply.success(s.channel()));
  }

  private ReplyEffect<Event, State> rejectUnknown(State state, Change change) {
    return Effect().reply(change.replyTo(), StatusReply.error(unknownChannel()));
  }

  private String unknownChannel() {
    return "Could not find channel with id " + channelId;
  }

  private ReplyEffect<Event, State> reserve(State s, ReserveHistoricalBytes c) {
    if (c.bytes() < 0) {
      return Effect().reply(c.replyTo(), StatusReply.error("A reservation cannot be negative"));
    }
    if (s.recentReservations().contains(c.videoId())) {
      return Effect().reply(c.replyTo(), StatusReply.success(s.channel()));
    }
    ChannelState channel = s.channel();
    if (channel.hasSizeLimitReached()) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error(
                  "Channel "
                      + channelId
                      + " has reached the historical size cap of its tier ("
                      + channel.status().limits().historicalSizeCap()
                      + " bytes); video "
                      + c.videoId()
                      + " is historical and cannot be created."));
    }
    return persist(c.replyTo(), new HistoricalBytesReserved(channelId, c.videoId(), c.bytes()));
  }

  private ReplyEffect<Event, State> release(State s, ReleaseHistoricalBytes c) {
    if (!s.recentReservations().contains(c.videoId())) {
      return Effect().reply(c.replyTo(), StatusReply.success(s.channel()));
    }
    return persist(c.replyTo(), new HistoricalBytesReleased(channelId, c.videoId(), c.bytes()));
  }

  private ReplyEffect<Event, State> signUpAgain(ChannelState state, SignUp c) {
    if (state.status().isSuspended()) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error(
                  "Channel "
                      + channelId
                      + " is suspended ("
                      + state.status().wireName()
                      + ") and cannot sign up again"));
    }
    boolean ownerSignedUp = state.registration().flatMap(Registration::tokens).isPresent();
    if (ownerSignedUp && c.registration().tokens().isEmpty()) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error(
                  "Channel "
                      + channelId
                      + " was signed up by its owner; it cannot be added without the owner's"
                      + " authorization"));
    }
    YppStatus restored =
        state.status().isOptedOut()
            ? state.preOptOutStatus().orElse(YppStatus.UNVERIFIED)
            : state.status();
    return persist(c.replyTo(), new SignedUpAgain(channelId, c.registration(), restored));
  }

  private ReplyEffect<Event, State> ownerAction(
      ChannelState state,
      String action,
      Instant signedAt,
      ActorRef<StatusReply<ChannelState>> replyTo,
      Event event) {
    if (state.status().isSuspended() || state.status().isOptedOut()) {
      return Effect()
          .reply(
              replyTo,
              StatusReply.error(
                  "Can't perform \""
                      + action
                      + "\" action on a \""
                      + state.status().wireName()
                      + "\" channel. Permission denied."));
    }
    if (state.lastActedAt().isPresent() && !signedAt.isAfter(state.lastActedAt().get())) {
      return Effect()
          .reply(
              replyTo,
              StatusReply.error(
                  "Invalid request signature or playback message. Permission denied."));
    }
    return persist(replyTo, event);
  }

  private ReplyEffect<Event, State> autoOptOut(ChannelState state, AutoOptOut c) {
    if (state.status().isOptedOut()) {
      return Effect().reply(c.replyTo(), StatusReply.success(state));
    }
    return persist(c.replyTo(), new AutoOptedOut(channelId, c.reason(), c.at()));
  }

  private ReplyEffect<Event, State> refreshStatistics(ChannelState state, RefreshStatistics c) {
    boolean changed =
        state.registration().map(r -> r.profile().countersDiffer(c.statistics())).orElse(false);
    if (!changed) {
      return Effect().reply(c.replyTo(), StatusReply.success(state));
    }
    return persist(c.replyTo(), new StatisticsRefreshed(channelId, c.statistics(), c.at()));
  }

  /** One handler for every event, shared by every instance (see {@link #commandHandler}). */
  @Override
  public EventHandler<State, Event> eventHandler() {
    return ChannelEntity::apply;
  }

  private static State apply(State s, Event e) {
    if (e instanceof VideosTracked t) {
      return s.withLegacyVideos(t.videos());
    } else if (e instanceof VideoAdvanced a) {
      return s.withLegacyVideo(a.video()).withChannel(applyToChannel(s.channel(), e));
    } else if (e instanceof LegacyVideosMoved m) {
      return s.withoutLegacyVideos(m.videoIds());
    } else if (e instanceof HistoricalBytesReserved r) {
      return s.reserved(r.videoId()).withChannel(applyToChannel(s.channel(), e));
    } else if (e instanceof HistoricalBytesReleased r) {
      return s.released(r.videoId()).withChannel(applyToChannel(s.channel(), e));
    }
    return s.withChannel(applyToChannel(s.channel(), e));
  }

  /**
   * What an event does to the channel (its videos aside): the entity's own event handler, public so
   * that the read side builds a channel from its events exactly as the entity does.
   */
  public static ChannelState applyToChannel(ChannelState s, Event event) {
    if (event instanceof SignedUp e) {
      return s.signUp(e.registration());
    } else if (event instanceof SignedUpAgain e) {
      return s.signUpAgain(e.registration(), e.restored());
    } else if (event instanceof ChannelVerified e) {
      return s.verify(e.tier(), e.at());
    } else if (event instanceof ChannelSuspended e) {
      return s.suspend(e.reason(), e.at());
    } else if (event instanceof OperatorIngestionSet e) {
      return s.setOperatorIngestion(e.allow());
    } else if (event instanceof CategorySet e) {
      return s.setCategory(e.videoCategoryId(), e.signedAt());
    } else if (event instanceof OwnerOptedOut e) {
      return s.ownerOptOut(e.optOut(), e.signedAt());
    } else if (event instanceof IngestionSet e) {
      return s.setIngestion(e.shouldBeIngested(), e.videoCategoryId(), e.signedAt());
    } else if (event instanceof AutoOptedOut e) {
      return s.autoOptOut(e.at());
    } else if (event instanceof StatisticsRefreshed e) {
      return s.refreshStatistics(e.statistics());
    } else if (event instanceof VideoAdvanced e) {
      return s.addHistoricalBytes(e.historicalBytesAdded());
    } else if (event instanceof HistoricalBytesReserved e) {
      return s.addHistoricalBytes(e.bytes());
    } else if (event instanceof HistoricalBytesReleased e) {
      return s.addHistoricalBytes(-e.bytes());
    }
    return s;
  }
}
