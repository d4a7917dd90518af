package io.joysync.engine.channel;

import io.joysync.engine.serialization.CborSerializable;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * One YouTube channel in the YPP (the entity id is the YouTube channel id), and the only writer of
 * its state: sign-up, verification, suspension, the owner's and the operators' switches, and the
 * automatic opt-outs. Owner actions carry the signed message's timestamp and are refused unless it
 * is newer than the last one acted on, so a captured signature cannot be replayed. A refused
 * command persists nothing. An expired or revoked OAuth grant is not a reason to opt a channel out:
 * no command here does that.
 *
 * <p>The channel also keeps the progress of each of its videos (youtube-synch's video states): the
 * pipeline asks it to track newly found videos and to take each video's steps, and it refuses a
 * step that does not follow from the video's state, so no video is created or uploaded twice.
 */
public final class ChannelEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        ChannelEntity.Command, ChannelEntity.Event, ChannelEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Channel");

  /** Projections read the events of one tag each; a channel's events all carry one tag. */
  public static final int TAG_COUNT = 5;

  /**
   * The most videos one command may start tracking: commands and replies travel between nodes,
   * whose messages are limited in size. {@link VideoTracking} splits longer lists.
   */
  public static final int MAX_VIDEOS_PER_TRACK = 50;

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

  public record Get(ActorRef<Optional<ChannelState>> replyTo) implements Command {}

  /**
   * Start tracking videos found on YouTube, in state {@code New}, with the channel's category and
   * language of this moment; videos already tracked are left as they are.
   */
  public record TrackVideos(
      List<VideoFacts> videos, Instant at, ActorRef<StatusReply<TrackedVideos>> replyTo)
      implements Command {}

  public record TrackedVideos(List<String> added, List<String> alreadyTracked)
      implements CborSerializable {
    public TrackedVideos {
      added = List.copyOf(added);
      alreadyTracked = List.copyOf(alreadyTracked);
    }
  }

  /** Take one step of a video's way to Joystream; a step already taken is answered as done. */
  public record AdvanceVideo(
      String videoId, VideoTransition step, Instant at, ActorRef<StatusReply<VideoRecord>> replyTo)
      implements Command {}

  public record GetVideo(String videoId, ActorRef<Optional<VideoRecord>> replyTo)
      implements Command {}

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

  /** Videos the channel started tracking: what YouTube said of each and its first record. */
  public record VideosTracked(String channelId, List<TrackedVideo> videos, Instant at)
      implements Event {
    public VideosTracked {
      videos = List.copyOf(videos);
    }
  }

  public record TrackedVideo(VideoFacts facts, VideoRecord record) implements CborSerializable {}

  /** A video took a step; {@code video} is its record after it. */
  public record VideoAdvanced(
      String channelId, VideoRecord video, VideoTransition step, long historicalBytesAdded)
      implements Event {}

  /**
   * The entity's state: the channel, and beside it its videos by YouTube id. Replies carry only the
   * channel, so their size does not grow with the number of videos.
   */
  public record State(ChannelState channel, Map<String, VideoRecord> videos)
      implements CborSerializable {
    static final State EMPTY = new State(ChannelState.EMPTY, Map.of());

    public State {
      videos = Map.copyOf(videos);
    }

    public Optional<VideoRecord> video(String videoId) {
      return Optional.ofNullable(videos.get(videoId));
    }

    State withChannel(ChannelState next) {
      return new State(next, videos);
    }

    State withVideos(List<VideoRecord> changed, long historicalBytesAdded) {
      Map<String, VideoRecord> next = new HashMap<>(videos);
      changed.forEach(v -> next.put(v.id(), v));
      return new State(channel.addHistoricalBytes(historicalBytesAdded), next);
    }
  }

  private final String channelId;

  private ChannelEntity(String channelId) {
    super(PersistenceId.of(ENTITY_KEY.name(), channelId));
    this.channelId = channelId;
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String channelId) {
    return Behaviors.setup(ctx -> new ChannelEntity(channelId));
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

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, Event, State> b = newCommandHandlerWithReplyBuilder();
    b.forState(s -> !s.channel().isRegistered())
        .onCommand(
            SignUp.class, (s, c) -> persist(c.replyTo(), new SignedUp(channelId, c.registration())))
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), Optional.empty()))
        .onCommand(Change.class, this::rejectUnknown)
        .onCommand(
            TrackVideos.class,
            (s, c) -> Effect().reply(c.replyTo(), StatusReply.error(unknownChannel())))
        .onCommand(
            AdvanceVideo.class,
            (s, c) -> Effect().reply(c.replyTo(), StatusReply.error(unknownChannel())))
        .onCommand(GetVideo.class, (s, c) -> Effect().reply(c.replyTo(), Optional.empty()));
    b.forAnyState()
        .onCommand(SignUp.class, (s, c) -> signUpAgain(s.channel(), c))
        .onCommand(
            Verify.class,
            (s, c) -> persist(c.replyTo(), new ChannelVerified(channelId, c.tier(), c.at())))
        .onCommand(
            Suspend.class,
            (s, c) -> persist(c.replyTo(), new ChannelSuspended(channelId, c.reason(), c.at())))
        .onCommand(
            SetOperatorIngestion.class,
            (s, c) -> persist(c.replyTo(), new OperatorIngestionSet(channelId, c.allow())))
        .onCommand(
            SetCategoryByOperator.class,
            (s, c) ->
                persist(
                    c.replyTo(), new CategorySet(channelId, c.videoCategoryId(), Optional.empty())))
        .onCommand(
            OptOut.class,
            (s, c) ->
                ownerAction(
                    s.channel(),
                    "OptoutChannel",
                    c.signedAt(),
                    c.replyTo(),
                    new OwnerOptedOut(channelId, c.optOut(), c.signedAt())))
        .onCommand(
            SetIngestion.class,
            (s, c) ->
                ownerAction(
                    s.channel(),
                    "IngestChannel",
                    c.signedAt(),
                    c.replyTo(),
                    new IngestionSet(
                        channelId, c.shouldBeIngested(), c.videoCategoryId(), c.signedAt())))
        .onCommand(
            SetCategory.class,
            (s, c) ->
                ownerAction(
                    s.channel(),
                    "UpdateChannelCategory",
                    c.signedAt(),
                    c.replyTo(),
                    new CategorySet(channelId, c.videoCategoryId(), Optional.of(c.signedAt()))))
        .onCommand(AutoOptOut.class, (s, c) -> autoOptOut(s.channel(), c))
        .onCommand(
            TrackVideos.class, (s, c) -> decided(c.replyTo(), VideoSteps.track(channelId, s, c)))
        .onCommand(
            AdvanceVideo.class, (s, c) -> decided(c.replyTo(), VideoSteps.advance(channelId, s, c)))
        .onCommand(GetVideo.class, (s, c) -> Effect().reply(c.replyTo(), s.video(c.videoId())))
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), Optional.of(s.channel())));
    return b.build();
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

  /** The effect of a decision about videos: persist and reply, only reply, or refuse. */
  private <R> ReplyEffect<Event, State> decided(
      ActorRef<StatusReply<R>> replyTo, VideoSteps.Decision<R> decision) {
    if (decision instanceof VideoSteps.Decision.Persist<R> persist) {
      return Effect()
          .persist(persist.event())
          .thenReply(replyTo, s -> StatusReply.success(persist.reply()));
    }
    if (decision instanceof VideoSteps.Decision.Answer<R> answer) {
      return Effect().reply(replyTo, StatusReply.success(answer.reply()));
    }
    return Effect()
        .reply(replyTo, StatusReply.error(((VideoSteps.Decision.Refuse<R>) decision).why()));
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

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            VideosTracked.class,
            (s, e) -> s.withVideos(e.videos().stream().map(TrackedVideo::record).toList(), 0))
        .onEvent(
            VideoAdvanced.class,
            (s, e) -> s.withVideos(List.of(e.video()), e.historicalBytesAdded()))
        .onAnyEvent((s, e) -> s.withChannel(applyToChannel(s.channel(), e)));
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
    } else if (event instanceof VideoAdvanced e) {
      return s.addHistoricalBytes(e.historicalBytesAdded());
    }
    return s;
  }
}
