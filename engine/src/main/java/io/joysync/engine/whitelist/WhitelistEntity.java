package io.joysync.engine.whitelist;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.Done;
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

/**
 * One whitelisted channel handle (the entity id is the lower-cased handle). A whitelisted handle
 * skips the onboarding requirement checks at sign-up. Adding twice keeps the first time it was
 * added; removing an absent handle is rejected and persists nothing.
 */
public final class WhitelistEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        WhitelistEntity.Command, WhitelistEntity.Event, WhitelistEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Whitelist");

  public sealed interface Command extends CborSerializable permits Add, Remove, Get {}

  /** Whitelists the handle; succeeds also when it already is. */
  public record Add(ActorRef<StatusReply<Entry>> replyTo) implements Command {}

  /** Removes the handle; rejected when it is not whitelisted. */
  public record Remove(ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Answers the entry, or an empty optional when the handle is not whitelisted. */
  public record Get(ActorRef<Optional<Entry>> replyTo) implements Command {}

  /** What an operator sees of a whitelisted handle. */
  public record Entry(String channelHandle, Instant createdAt) implements CborSerializable {}

  public sealed interface Event extends CborSerializable permits Added, Removed {}

  public record Added(String channelHandle, Instant createdAt) implements Event {}

  public record Removed(String channelHandle) implements Event {}

  /** The handle's whitelist state: {@code createdAt} is empty while not whitelisted. */
  public record State(Optional<Instant> createdAt) implements CborSerializable {
    static final State EMPTY = new State(Optional.empty());

    boolean isWhitelisted() {
      return createdAt.isPresent();
    }

    State whitelist(Instant at) {
      return new State(Optional.of(at));
    }

    State remove() {
      return EMPTY;
    }
  }

  private final ChannelHandle handle;
  private final Clock clock;

  private WhitelistEntity(ChannelHandle handle, Clock clock) {
    super(PersistenceId.of(ENTITY_KEY.name(), handle.value()));
    this.handle = handle;
    this.clock = clock;
  }

  /** Registers the entity with cluster sharding; call once per node. */
  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system)
        .init(
            Entity.of(
                ENTITY_KEY,
                ctx -> create(new ChannelHandle(ctx.getEntityId()), Clock.systemUTC())));
  }

  /** The behavior for one handle; unit tests call this without sharding. */
  public static Behavior<Command> create(ChannelHandle handle, Clock clock) {
    return Behaviors.setup(ctx -> new WhitelistEntity(handle, clock));
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, Event, State> builder =
        newCommandHandlerWithReplyBuilder();
    builder.forState(State::isWhitelisted).onCommand(Add.class, this::confirmPresent);
    builder.forState(State::isWhitelisted).onCommand(Remove.class, this::remove);
    builder.forState(s -> !s.isWhitelisted()).onCommand(Add.class, this::add);
    builder.forState(s -> !s.isWhitelisted()).onCommand(Remove.class, this::rejectRemove);
    builder.forAnyState().onCommand(Get.class, this::get);
    return builder.build();
  }

  private ReplyEffect<Event, State> add(State state, Add cmd) {
    Instant now = clock.instant();
    return Effect()
        .persist(new Added(handle.value(), now))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(new Entry(handle.value(), now)));
  }

  private ReplyEffect<Event, State> confirmPresent(State state, Add cmd) {
    return Effect()
        .reply(
            cmd.replyTo(), StatusReply.success(new Entry(handle.value(), state.createdAt().get())));
  }

  private ReplyEffect<Event, State> remove(State state, Remove cmd) {
    return Effect()
        .persist(new Removed(handle.value()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> rejectRemove(State state, Remove cmd) {
    return Effect()
        .reply(
            cmd.replyTo(),
            StatusReply.error("Channel with handle " + handle.value() + " is not whitelisted"));
  }

  private ReplyEffect<Event, State> get(State state, Get cmd) {
    return Effect()
        .reply(cmd.replyTo(), state.createdAt().map(at -> new Entry(handle.value(), at)));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Added.class, (state, e) -> state.whitelist(e.createdAt()))
        .onEvent(Removed.class, (state, e) -> state.remove())
        .build();
  }
}
