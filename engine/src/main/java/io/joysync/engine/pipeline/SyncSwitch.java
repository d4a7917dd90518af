package io.joysync.engine.pipeline;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;

/**
 * The operators' pause of the whole pipeline, for the cluster (one entity): while paused, no worker
 * takes up a new video; videos already on their way finish their current step. Persisted, so a
 * restart keeps it; pausing twice keeps the first reason and time.
 */
public final class SyncSwitch
    extends EventSourcedBehaviorWithEnforcedReplies<
        SyncSwitch.Command, SyncSwitch.Event, SyncSwitch.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "SyncSwitch");

  private static final String ID = "pipeline";

  public sealed interface Command extends CborSerializable {}

  public record Pause(String reason, Instant at, ActorRef<State> replyTo) implements Command {}

  public record Resume(Instant at, ActorRef<State> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Paused(String reason, Instant at) implements Event {}

  public record Resumed(Instant at) implements Event {}

  /** Whether the pipeline is paused, why and since when. */
  public record State(boolean paused, Optional<String> reason, Optional<Instant> since)
      implements CborSerializable {
    static final State RUNNING = new State(false, Optional.empty(), Optional.empty());
  }

  private SyncSwitch() {
    super(PersistenceId.of(ENTITY_KEY.name(), ID));
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create()));
  }

  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> new SyncSwitch());
  }

  /** The cluster's one switch. */
  public static EntityRef<Command> of(ActorSystem<?> system) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_KEY, ID);
  }

  @Override
  public State emptyState() {
    return State.RUNNING;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Pause.class,
            (s, c) ->
                s.paused()
                    ? Effect().reply(c.replyTo(), s)
                    : Effect()
                        .persist(new Paused(c.reason(), c.at()))
                        .thenReply(c.replyTo(), next -> next))
        .onCommand(
            Resume.class,
            (s, c) ->
                s.paused()
                    ? Effect().persist(new Resumed(c.at())).thenReply(c.replyTo(), next -> next)
                    : Effect().reply(c.replyTo(), s))
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            Paused.class, (s, e) -> new State(true, Optional.of(e.reason()), Optional.of(e.at())))
        .onEvent(Resumed.class, (s, e) -> State.RUNNING)
        .build();
  }
}
