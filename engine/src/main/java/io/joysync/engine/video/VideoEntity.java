package io.joysync.engine.video;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;
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
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * One tracked YouTube video (the entity id is the YouTube video id) and the only writer of its way
 * to Joystream: tracked once in {@code New}, then youtube-synch's steps ({@code CreatingVideo},
 * {@code VideoCreated}, {@code UploadStarted}, {@code UploadSucceeded}, the failures and {@code
 * VideoUnavailable::<reason>}). A step that does not follow from the state is refused; a step
 * already taken is answered as done, so a step repeated after a crash is applied once. Each video
 * is its own small aggregate: a step never rewrites its channel, however many videos that has.
 *
 * <p>Caps that span a channel's videos (the historical size cap) are reserved through the channel's
 * entity before a video is created; the video keeps only what is its own.
 */
public final class VideoEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        VideoEntity.Command, VideoEntity.Event, VideoEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Video");

  /** Projections read the events of one tag each; all videos of a channel share a tag. */
  public static final int TAG_COUNT = 5;

  public sealed interface Command extends CborSerializable {}

  /**
   * What the channel decided for a video it starts tracking: category, language, historical, and a
   * historical video's place in its channel's back catalogue as found ({@code catalogueRank}, 0 the
   * first to sync), which orders the pipeline's reading of the work index.
   */
  public record TrackingTerms(
      String category, Optional<String> languageIso, boolean historical, int catalogueRank)
      implements CborSerializable {

    public TrackingTerms {
      if (catalogueRank < 0) {
        throw new IllegalArgumentException("catalogueRank must not be negative");
      }
    }

    /** Terms of a video with the first place of its back catalogue (or none: a new upload). */
    public TrackingTerms(String category, Optional<String> languageIso, boolean historical) {
      this(category, languageIso, historical, 0);
    }
  }

  /** Start tracking a found video in state {@code New}; a video already tracked is left alone. */
  public record Track(
      String channelId,
      VideoFacts facts,
      TrackingTerms terms,
      Instant at,
      ActorRef<StatusReply<Tracking>> replyTo)
      implements Command {}

  public enum Tracking implements CborSerializable {
    ADDED,
    ALREADY_TRACKED
  }

  /**
   * Take over a video that its channel kept before videos had entities of their own, with its
   * progress as it was; a video already tracked is left alone.
   */
  public record Import(
      String channelId,
      VideoFacts facts,
      VideoRecord record,
      ActorRef<StatusReply<Tracking>> replyTo)
      implements Command {}

  /** Take one step of the video's way to Joystream; answered with its record after the step. */
  public record Advance(
      VideoTransition step,
      Instant at,
      Set<VideoState.Stage> onlyFrom,
      ActorRef<StatusReply<VideoRecord>> replyTo)
      implements Command {

    public Advance {
      // Null from a node of an earlier version, which sends no such field: any stage.
      onlyFrom = onlyFrom == null ? Set.of() : Set.copyOf(onlyFrom);
    }

    public Advance(VideoTransition step, Instant at, ActorRef<StatusReply<VideoRecord>> replyTo) {
      this(step, at, Set.of(), replyTo);
    }

    /**
     * The step, taken only while the video is in one of {@code stages} (narrower than the states
     * the step may start from): refused, with nothing changed, once it has moved on.
     */
    public static Advance onlyFrom(
        Set<VideoState.Stage> stages,
        VideoTransition step,
        Instant at,
        ActorRef<StatusReply<VideoRecord>> replyTo) {
      if (stages.isEmpty()) {
        throw new IllegalArgumentException("onlyFrom needs at least one stage");
      }
      return new Advance(step, at, stages, replyTo);
    }
  }

  /**
   * A transient failure (download, creation, upload): counted, and retried after {@code retryAt}.
   */
  public record RecordFailure(
      String detail, Instant retryAt, ActorRef<StatusReply<TrackedVideo>> replyTo)
      implements Command {}

  public record Get(ActorRef<Optional<TrackedVideo>> replyTo) implements Command {}

  /**
   * The creator edited the title or description on YouTube (discovery noticed it); answered {@code
   * UNCHANGED} when the video says this already, so a repeated notice records nothing.
   */
  public record EditMetadata(
      String title, String description, Instant at, ActorRef<StatusReply<Edit>> replyTo)
      implements Command {}

  public enum Edit implements CborSerializable {
    RECORDED,
    UNCHANGED
  }

  /**
   * Edit {@code revision} is on the Joystream video ({@code content.update_video} final in block
   * {@code blockNumber}); a revision already recorded is answered as done.
   */
  public record RecordMetadataUpdate(
      int revision, long blockNumber, Instant at, ActorRef<StatusReply<TrackedVideo>> replyTo)
      implements Command {}

  /**
   * The update to edit {@code revision} will never be asked for again: the chain refused it for
   * good ({@code permanent}), or it failed {@code attempts} times. A later edit is still put on
   * chain; a revision already on chain or given up is answered as done.
   */
  public record GiveUpMetadataUpdate(
      int revision,
      String reason,
      boolean permanent,
      int attempts,
      Instant at,
      ActorRef<StatusReply<TrackedVideo>> replyTo)
      implements Command {}

  public sealed interface Event extends CborSerializable {
    String channelId();
  }

  /**
   * A video is tracked. {@code catalogueRank}: its place in its channel's back catalogue as found
   * (0 in events written before it existed, and for imported videos).
   */
  public record VideoTracked(
      String channelId, VideoFacts facts, VideoRecord record, int catalogueRank) implements Event {}

  /**
   * A video took a step; {@code record} is its record after it. {@code metadataUpdateDue}: its
   * Joystream video still waits for a title or description edit (so a final video keeps work).
   */
  public record VideoAdvanced(
      String channelId, VideoRecord record, VideoTransition step, boolean metadataUpdateDue)
      implements Event {}

  /**
   * The title or description was edited on YouTube: {@code facts} after the edit, its number, and
   * whether the Joystream video must now be updated (false while the video is not on Joystream: it
   * will be created with the edited facts).
   */
  public record MetadataEdited(
      String channelId,
      VideoFacts facts,
      VideoRecord record,
      int revision,
      boolean metadataUpdateDue,
      Instant at)
      implements Event {}

  /**
   * Edit {@code revision} (its title and description) is on the Joystream video; {@code
   * metadataUpdateDue}: a later edit still waits.
   */
  public record MetadataUpdated(
      String channelId,
      String title,
      String description,
      int revision,
      long blockNumber,
      boolean metadataUpdateDue,
      Instant at)
      implements Event {}

  /**
   * The update to edit {@code revision} was given up, with the chain's reason (or the last failure)
   * and whether the refusal was permanent; {@code metadataUpdateDue}: a later edit still waits.
   */
  public record MetadataUpdateGivenUp(
      String channelId,
      int revision,
      String reason,
      boolean permanent,
      int attempts,
      boolean metadataUpdateDue,
      Instant at)
      implements Event {}

  /** The {@code attempt}-th failure since the video last made progress. */
  public record AttemptFailed(String channelId, String detail, int attempt, Instant retryAt)
      implements Event {}

  /** The video, once tracked. */
  public record State(Optional<TrackedVideo> video) implements CborSerializable {
    static final State EMPTY = new State(Optional.empty());
  }

  private final String videoId;

  private VideoEntity(String videoId) {
    super(PersistenceId.of(ENTITY_KEY.name(), videoId));
    this.videoId = videoId;
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String videoId) {
    return Behaviors.setup(ctx -> new VideoEntity(videoId));
  }

  /** The projection tag of a channel's videos: a stable hash of the channel id. */
  public static String tagFor(String channelId) {
    return tag(Math.floorMod(channelId.hashCode(), TAG_COUNT));
  }

  public static String tag(int i) {
    return "video-" + i;
  }

  public static List<String> tags() {
    return IntStream.range(0, TAG_COUNT).mapToObj(VideoEntity::tag).toList();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(tagFor(event.channelId()));
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  /**
   * One handler for every command: a handler builder would make a case and two lambdas per command
   * for each entity instance (see ChannelEntity#commandHandler).
   */
  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return this::handle;
  }

  private ReplyEffect<Event, State> handle(State s, Command command) {
    if (s.video().isEmpty()) {
      return untracked(s, command);
    }
    TrackedVideo video = s.video().get();
    if (command instanceof Track c) {
      return Effect().reply(c.replyTo(), success(Tracking.ALREADY_TRACKED));
    } else if (command instanceof Import c) {
      return Effect().reply(c.replyTo(), success(Tracking.ALREADY_TRACKED));
    } else if (command instanceof Advance c) {
      return advance(video, c);
    } else if (command instanceof RecordFailure c) {
      return recordFailure(video, c);
    } else if (command instanceof EditMetadata c) {
      return editMetadata(video, c);
    } else if (command instanceof RecordMetadataUpdate c) {
      return recordUpdate(video, c);
    } else if (command instanceof GiveUpMetadataUpdate c) {
      return giveUpUpdate(video, c);
    } else if (command instanceof Get c) {
      return Effect().reply(c.replyTo(), s.video());
    }
    throw new IllegalStateException("unknown video command " + command.getClass().getName());
  }

  /** A command to a video not tracked yet: only tracking (or importing) it is possible. */
  private ReplyEffect<Event, State> untracked(State s, Command command) {
    if (command instanceof Track c) {
      return track(s, c);
    } else if (command instanceof Import c) {
      return c.record().id().equals(videoId)
          ? Effect()
              .persist(new VideoTracked(c.channelId(), c.facts(), c.record(), 0))
              .thenReply(c.replyTo(), st -> success(Tracking.ADDED))
          : Effect().reply(c.replyTo(), StatusReply.error("Not video " + videoId));
    } else if (command instanceof Advance c) {
      return Effect().reply(c.replyTo(), notTracked());
    } else if (command instanceof RecordFailure c) {
      return Effect().reply(c.replyTo(), notTracked());
    } else if (command instanceof EditMetadata c) {
      return Effect().reply(c.replyTo(), notTracked());
    } else if (command instanceof RecordMetadataUpdate c) {
      return Effect().reply(c.replyTo(), notTracked());
    } else if (command instanceof GiveUpMetadataUpdate c) {
      return Effect().reply(c.replyTo(), notTracked());
    } else if (command instanceof Get c) {
      return Effect().reply(c.replyTo(), Optional.empty());
    }
    throw new IllegalStateException("unknown video command " + command.getClass().getName());
  }

  private static <T> StatusReply<T> success(T value) {
    return StatusReply.success(value);
  }

  private <T> StatusReply<T> notTracked() {
    return refusal(" is not tracked");
  }

  /** A refusal naming this video: "Video <id>" and what follows. */
  private <T> StatusReply<T> refusal(String why) {
    return StatusReply.error("Video " + videoId + why);
  }

  private ReplyEffect<Event, State> track(State state, Track c) {
    if (!c.facts().id().equals(videoId)) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error("Facts of video " + c.facts().id() + " sent to video " + videoId));
    }
    TrackingTerms t = c.terms();
    VideoRecord record =
        new VideoRecord(
            videoId,
            VideoState.NEW,
            t.category(),
            t.languageIso(),
            c.facts().publishedAt(),
            c.facts().durationSeconds(),
            t.historical(),
            Optional.empty(),
            0,
            c.at(),
            c.at());
    return Effect()
        .persist(new VideoTracked(c.channelId(), c.facts(), record, t.catalogueRank()))
        .thenReply(c.replyTo(), s -> success(Tracking.ADDED));
  }

  /**
   * A step that follows from the video's state is taken; one already taken is answered as done (but
   * a second, different Joystream video for a created one is refused).
   */
  private ReplyEffect<Event, State> advance(TrackedVideo video, Advance c) {
    VideoRecord record = video.record();
    VideoTransition step = c.step();
    // A step asked only from some stages is refused elsewhere, even where it was taken already.
    if (!c.onlyFrom().isEmpty() && !c.onlyFrom().contains(record.state().stage())) {
      return Effect()
          .reply(
              c.replyTo(),
              refusal(
                  " is "
                      + record.state().wireName()
                      + " now: it was not asked to "
                      + step.action()
                      + " from there"));
    }
    if (record.state().equals(step.target())) {
      if (step instanceof VideoTransition.Created created
          && !record.joystreamVideo().map(created.video()::equals).orElse(false)) {
        return Effect()
            .reply(
                c.replyTo(),
                StatusReply.error(
                    "Video "
                        + videoId
                        + " was already created on Joystream as "
                        + record.joystreamVideo().map(v -> "video " + v.id()).orElse("another")));
      }
      return Effect().reply(c.replyTo(), success(record));
    }
    Optional<String> refusal = step.refusal(videoId, record.state());
    if (refusal.isPresent()) {
      return Effect().reply(c.replyTo(), StatusReply.error(refusal.get()));
    }
    Optional<JoystreamVideo> onChain = Optional.empty();
    long size = 0;
    if (step instanceof VideoTransition.Created created) {
      onChain = Optional.of(created.video());
      size = created.sizeBytes();
    }
    VideoRecord next = record.advance(step.target(), onChain, size, c.at());
    boolean due = video.advance(next, step).metadataUpdateDue();
    return Effect()
        .persist(new VideoAdvanced(video.channelId(), next, step, due))
        .thenReply(c.replyTo(), s -> success(next));
  }

  private ReplyEffect<Event, State> editMetadata(TrackedVideo video, EditMetadata c) {
    if (video.says(c.title(), c.description())) {
      return Effect().reply(c.replyTo(), success(Edit.UNCHANGED));
    }
    int revision = video.metadataRevision() + 1;
    TrackedVideo next = video.edited(c.title(), c.description(), revision);
    return Effect()
        .persist(
            new MetadataEdited(
                video.channelId(),
                next.facts(),
                next.record(),
                revision,
                next.metadataUpdateDue(),
                c.at()))
        .thenReply(c.replyTo(), s -> success(Edit.RECORDED));
  }

  private ReplyEffect<Event, State> recordUpdate(TrackedVideo video, RecordMetadataUpdate c) {
    if (c.revision() <= video.metadataOnChain()) {
      return Effect().reply(c.replyTo(), success(video));
    }
    if (c.revision() > video.metadataRevision() || video.record().joystreamVideo().isEmpty()) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error(
                  "Video "
                      + videoId
                      + " has no edit "
                      + c.revision()
                      + " to put on a Joystream video (latest edit "
                      + video.metadataRevision()
                      + ")"));
    }
    TrackedVideo next = video.updatedOnChain(c.revision());
    return Effect()
        .persist(
            new MetadataUpdated(
                video.channelId(),
                video.facts().title(),
                video.facts().description(),
                c.revision(),
                c.blockNumber(),
                next.metadataUpdateDue(),
                c.at()))
        .thenReply(c.replyTo(), s -> success(s.video().orElseThrow()));
  }

  private ReplyEffect<Event, State> giveUpUpdate(TrackedVideo video, GiveUpMetadataUpdate c) {
    if (video.metadataSettled(c.revision())) {
      return Effect().reply(c.replyTo(), success(video));
    }
    if (c.revision() > video.metadataRevision() || video.record().joystreamVideo().isEmpty()) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error(
                  "Video "
                      + videoId
                      + " has no edit "
                      + c.revision()
                      + " waiting for a Joystream video (latest edit "
                      + video.metadataRevision()
                      + ")"));
    }
    TrackedVideo next = video.updateGivenUp(c.revision());
    return Effect()
        .persist(
            new MetadataUpdateGivenUp(
                video.channelId(),
                c.revision(),
                c.reason(),
                c.permanent(),
                c.attempts(),
                next.metadataUpdateDue(),
                c.at()))
        .thenReply(c.replyTo(), s -> success(s.video().orElseThrow()));
  }

  private ReplyEffect<Event, State> recordFailure(TrackedVideo video, RecordFailure c) {
    if (video.state().isFinal() && !video.metadataUpdateDue()) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error(
                  "Video " + videoId + " is " + video.state().wireName() + "; nothing to retry."));
    }
    return Effect()
        .persist(
            new AttemptFailed(
                video.channelId(), c.detail(), video.failedAttempts() + 1, c.retryAt()))
        .thenReply(c.replyTo(), s -> success(s.video().orElseThrow()));
  }

  /** One handler for every event, shared by every instance. */
  @Override
  public EventHandler<State, Event> eventHandler() {
    return VideoEntity::apply;
  }

  private static State apply(State s, Event event) {
    if (event instanceof VideoTracked e) {
      return new State(
          Optional.of(new TrackedVideo(e.channelId(), e.facts(), e.record(), 0, Optional.empty())));
    } else if (event instanceof VideoAdvanced e) {
      return new State(s.video().map(v -> v.advance(e.record(), e.step())));
    } else if (event instanceof MetadataEdited e) {
      return new State(
          s.video().map(v -> v.edited(e.facts().title(), e.facts().description(), e.revision())));
    } else if (event instanceof MetadataUpdated e) {
      return new State(s.video().map(v -> v.updatedOnChain(e.revision())));
    } else if (event instanceof MetadataUpdateGivenUp e) {
      return new State(s.video().map(v -> v.updateGivenUp(e.revision())));
    } else if (event instanceof AttemptFailed e) {
      return new State(s.video().map(v -> v.failedAttempt(e.attempt(), e.retryAt())));
    }
    return s;
  }
}
