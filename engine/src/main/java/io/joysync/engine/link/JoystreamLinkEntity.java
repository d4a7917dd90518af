package io.joysync.engine.link;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * Which YouTube channel a Joystream channel is linked to (the entity id is the Joystream channel
 * id). Two sign-ups for one Joystream channel cannot both win: the claim is decided here, by one
 * writer, not by a read side that trails the events.
 *
 * <p>A claim may take the link over only from the holder the caller found no longer using it, only
 * if that is still the holder, and only once the holder's own latest claim is older than {@code
 * takeoverGrace}. A holder claims again right before it signs up again, and its channel shows the
 * new sign-up only a moment later: within the grace a caller may have read the holder's channel
 * from before it, so its takeover is refused. The grace outlasts a sign-up's request.
 */
public final class JoystreamLinkEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        JoystreamLinkEntity.Command, JoystreamLinkEntity.Event, JoystreamLinkEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "JoystreamLink");

  public sealed interface Command extends CborSerializable permits Claim, Get {}

  /**
   * Link the Joystream channel to {@code youtubeChannelId}. Granted when it is free, already this
   * channel's, or held by {@code releasedBy} past the grace; otherwise refused with the holder in
   * the message.
   */
  public record Claim(
      String youtubeChannelId,
      Optional<String> releasedBy,
      Instant at,
      ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Get(ActorRef<Optional<String>> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable permits Linked {}

  /** The channel claimed the link (first, again, or over a holder that let it go). */
  public record Linked(String youtubeChannelId, Instant at) implements Event {}

  public record State(Optional<String> holder, Instant claimedAt) implements CborSerializable {
    static final State EMPTY = new State(Optional.empty(), Instant.EPOCH);
  }

  private final String joystreamChannelId;
  private final Duration takeoverGrace;

  private JoystreamLinkEntity(String joystreamChannelId, Duration takeoverGrace) {
    super(PersistenceId.of(ENTITY_KEY.name(), joystreamChannelId));
    this.joystreamChannelId = joystreamChannelId;
    this.takeoverGrace = takeoverGrace;
  }

  public static void init(ActorSystem<?> system) {
    Duration grace = system.settings().config().getDuration("joysync.links.takeover-grace");
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), grace)));
  }

  public static Behavior<Command> create(String joystreamChannelId, Duration takeoverGrace) {
    return new JoystreamLinkEntity(joystreamChannelId, takeoverGrace);
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

  private ReplyEffect<Event, State> claim(State s, Claim c) {
    boolean free = s.holder().isEmpty();
    boolean again = s.holder().filter(c.youtubeChannelId()::equals).isPresent();
    boolean released =
        s.holder().equals(c.releasedBy()) && !c.at().isBefore(s.claimedAt().plus(takeoverGrace));
    if (free || again || released) {
      return Effect()
          .persist(new Linked(c.youtubeChannelId(), c.at()))
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
        .onEvent(
            Linked.class,
            (s, e) ->
                new State(
                    Optional.of(e.youtubeChannelId()), e.at() == null ? Instant.EPOCH : e.at()))
        .build();
  }
}
