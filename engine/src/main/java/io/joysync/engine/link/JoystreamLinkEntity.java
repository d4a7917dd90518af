package io.joysync.engine.link;

import io.joysync.engine.serialization.CborSerializable;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;

/**
 * Which YouTube channel a Joystream channel is linked to (the entity id is the Joystream channel
 * id). Two sign-ups for one Joystream channel cannot both win: the claim is decided here, by one
 * writer, not by a read side that trails the events. A claim may take over the link only from the
 * holder the caller found no longer using it, and only if that is still the holder.
 */
public final class JoystreamLinkEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        JoystreamLinkEntity.Command, JoystreamLinkEntity.Event, JoystreamLinkEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "JoystreamLink");

  public sealed interface Command extends CborSerializable permits Claim, Get {}

  /**
   * Link the Joystream channel to {@code youtubeChannelId}. Granted when it is free, already this
   * channel's, or held by {@code releasedBy}; otherwise refused with the holder in the message.
   */
  public record Claim(
      String youtubeChannelId, Optional<String> releasedBy, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Get(ActorRef<Optional<String>> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable permits Linked {}

  public record Linked(String youtubeChannelId) implements Event {}

  public record State(Optional<String> holder) implements CborSerializable {
    static final State EMPTY = new State(Optional.empty());
  }

  private final String joystreamChannelId;

  private JoystreamLinkEntity(String joystreamChannelId) {
    super(PersistenceId.of(ENTITY_KEY.name(), joystreamChannelId));
    this.joystreamChannelId = joystreamChannelId;
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String joystreamChannelId) {
    return new JoystreamLinkEntity(joystreamChannelId);
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), s.holder()))
        .onCommand(Claim.class, this::claim)
        .build();
  }

  private org.apache.pekko.persistence.typed.javadsl.ReplyEffect<Event, State> claim(
      State s, Claim c) {
    if (s.holder().filter(c.youtubeChannelId()::equals).isPresent()) {
      return Effect().reply(c.replyTo(), StatusReply.ack());
    }
    if (s.holder().isEmpty() || s.holder().equals(c.releasedBy())) {
      return Effect()
          .persist(new Linked(c.youtubeChannelId()))
          .thenReply(c.replyTo(), st -> StatusReply.ack());
    }
    return Effect()
        .reply(
            c.replyTo(),
            StatusReply.error(
                "Joystream Channel "
                    + joystreamChannelId
                    + " already connected with Youtube Channel "
                    + s.holder().get()
                    + "."));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Linked.class, (s, e) -> new State(Optional.of(e.youtubeChannelId())))
        .build();
  }
}
