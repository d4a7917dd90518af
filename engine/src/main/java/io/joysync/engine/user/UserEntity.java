package io.joysync.engine.user;

import io.joysync.engine.channel.Registration.OwnerTokens;
import io.joysync.engine.serialization.CborSerializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * A creator's Google account (the entity id is the account's {@code sub}): contact email, encrypted
 * OAuth tokens, the memberships created for it through the faucet, and the OAuth authorization code
 * of its last sign-up, which proves authorship of the next channel sign-up or membership request.
 * The code is kept only as a SHA-256 digest and is used up by the channel sign-up it authorises.
 *
 * <p>Membership requests are reserved here before the faucet is asked, so the per-user limit holds
 * however many requests run at once: a reservation takes a slot until the faucet's member is
 * recorded or the faucet certainly bought nothing. A reservation whose outcome is unknown keeps its
 * slot; asking again for the same handle and account starts another attempt on it, never a second
 * slot.
 */
public final class UserEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        UserEntity.Command, UserEntity.Event, UserEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "User");

  static final String WRONG_AUTHOR = "Invalid request author. Permission denied.";

  /** How long a used-up code still authorises a repeat of the channel sign-up that used it. */
  public static final Duration REPEAT_GRACE = Duration.ofMinutes(10);

  public sealed interface Command extends CborSerializable {}

  /**
   * {@code POST /users}: the account, whose YouTube channel is {@code youtubeChannelId}, passed the
   * OAuth exchange (and the requirements).
   */
  public record Register(
      String email,
      String authorizationCode,
      OwnerTokens tokens,
      String youtubeChannelId,
      Instant at,
      ActorRef<StatusReply<User>> replyTo)
      implements Command {}

  /** Refused unless {@code authorizationCode} is the code of the last sign-up. */
  public record CheckAuthor(String authorizationCode, ActorRef<StatusReply<User>> replyTo)
      implements Command {}

  /**
   * The author check of {@code POST /channels}: the code of the last sign-up, or the code a channel
   * sign-up of the same Joystream channel used up less than {@link #REPEAT_GRACE} ago, so that a
   * repeat of a sign-up whose answer was lost (or a double submission) completes instead of being
   * refused; the used code serves nothing else.
   */
  public record CheckSignUpAuthor(
      String authorizationCode,
      long joystreamChannelId,
      Instant at,
      ActorRef<StatusReply<User>> replyTo)
      implements Command {}

  /**
   * {@code POST /channels} succeeded: the code is used up and the contact email updated. Using up
   * the code that was just used up is answered as done.
   */
  public record ConsumeCode(
      String authorizationCode,
      String email,
      long joystreamChannelId,
      Instant at,
      ActorRef<StatusReply<User>> replyTo)
      implements Command {}

  /**
   * Before the faucet is asked for a membership with {@code handle} for {@code account}: reserves a
   * slot, refused when the recorded memberships and the open requests already reach {@code limit}.
   * For a handle and account already open it starts another attempt in the same slot; for a handle
   * already recorded for that account it answers the recorded member.
   */
  public record RequestMembership(
      String handle,
      String account,
      int limit,
      Instant at,
      ActorRef<StatusReply<MembershipSlot>> replyTo)
      implements Command {}

  /**
   * The membership requested with {@code handle} for {@code account} exists on chain as {@code
   * memberId}; recording it again is a no-op.
   */
  public record RecordMembership(
      String handle, String account, long memberId, Instant at, ActorRef<StatusReply<User>> replyTo)
      implements Command {}

  /**
   * The faucet certainly bought nothing in attempt {@code attempt} of a request: its slot is freed,
   * unless another attempt began since (whose outcome then decides).
   */
  public record ReleaseMembershipRequest(
      String handle, String account, int attempt, Instant at, ActorRef<StatusReply<User>> replyTo)
      implements Command {}

  public record Get(ActorRef<Optional<User>> replyTo) implements Command {}

  /** The account's OAuth tokens, still encrypted; only for calls made on the owner's behalf. */
  public record GetTokens(ActorRef<Optional<OwnerTokens>> replyTo) implements Command {}

  /** What callers see of an account: never its code or tokens. */
  /** The account as the routes see it; its YouTube channel as its last sign-up found it. */
  public record User(
      String id,
      String email,
      Optional<String> youtubeChannelId,
      List<Long> joystreamMemberIds,
      Instant createdAt,
      Instant updatedAt)
      implements CborSerializable {
    public User {
      joystreamMemberIds = List.copyOf(joystreamMemberIds);
    }
  }

  /** What a membership request may do next. */
  public sealed interface MembershipSlot extends CborSerializable {}

  /**
   * The faucet may be asked; {@code attempt} is 1 for a new request and higher when an open request
   * whose earlier outcome is unknown is tried again.
   */
  public record MembershipReserved(String handle, String account, int attempt)
      implements MembershipSlot {}

  /** The membership of this handle and account was bought and recorded before. */
  public record MembershipAlreadyRecorded(String handle, long memberId) implements MembershipSlot {}

  public sealed interface Event extends CborSerializable {}

  /** The account signed up ({@code youtubeChannelId} is absent in older events). */
  public record Registered(
      String email,
      String codeDigest,
      OwnerTokens tokens,
      Instant at,
      Optional<String> youtubeChannelId)
      implements Event {}

  /** The code was used up by the sign-up of a Joystream channel (absent in older events). */
  public record CodeConsumed(String email, Instant at, Optional<Long> joystreamChannelId)
      implements Event {}

  /** A membership recorded before requests were reserved (read from old journals). */
  public record MembershipRecorded(long memberId, Instant at) implements Event {}

  /** The faucet is about to be asked for this handle and account (again, when already open). */
  public record MembershipRequested(String handle, String account, Instant at) implements Event {}

  /** The membership of a request exists on chain. */
  public record MembershipRequestFulfilled(String handle, String account, long memberId, Instant at)
      implements Event {}

  /** The faucet bought nothing for a request: its slot is free again. */
  public record MembershipRequestReleased(String handle, String account, Instant at)
      implements Event {}

  /** A code a channel sign-up used up, when, and for which Joystream channel. */
  public record UsedCode(String digest, Instant at, Optional<Long> joystreamChannelId)
      implements CborSerializable {}

  /**
   * The account's state; {@code codeDigest} is empty once the code was used, and {@code usedCode}
   * then remembers it.
   */
  public record State(
      Optional<String> email,
      Optional<String> youtubeChannelId,
      Optional<String> codeDigest,
      Optional<UsedCode> usedCode,
      Optional<OwnerTokens> tokens,
      Memberships memberships,
      Optional<Instant> createdAt,
      Optional<Instant> updatedAt)
      implements CborSerializable {
    static final State EMPTY =
        new State(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Memberships.NONE,
            Optional.empty(),
            Optional.empty());

    boolean exists() {
      return email.isPresent();
    }

    State register(Registered e) {
      return new State(
          Optional.of(e.email()),
          e.youtubeChannelId().or(() -> youtubeChannelId),
          Optional.of(e.codeDigest()),
          usedCode,
          Optional.of(e.tokens()),
          memberships,
          Optional.of(e.at()),
          Optional.of(e.at()));
    }

    State consumeCode(CodeConsumed e) {
      return new State(
          Optional.of(e.email()),
          youtubeChannelId,
          Optional.empty(),
          codeDigest.map(d -> new UsedCode(d, e.at(), e.joystreamChannelId())),
          tokens,
          memberships,
          createdAt,
          Optional.of(e.at()));
    }

    State addMembership(MembershipRecorded e) {
      return withMemberships(memberships.record(e.memberId()), e.at());
    }

    State openRequest(MembershipRequested e) {
      return withMemberships(memberships.request(e.handle(), e.account(), e.at()), e.at());
    }

    State fulfilRequest(MembershipRequestFulfilled e) {
      return withMemberships(memberships.fulfil(e.handle(), e.account(), e.memberId()), e.at());
    }

    State releaseRequest(MembershipRequestReleased e) {
      return withMemberships(memberships.release(e.handle(), e.account()), e.at());
    }

    private State withMemberships(Memberships m, Instant at) {
      return new State(
          email, youtubeChannelId, codeDigest, usedCode, tokens, m, createdAt, Optional.of(at));
    }
  }

  private final String userId;

  private UserEntity(String userId) {
    super(PersistenceId.of(ENTITY_KEY.name(), userId));
    this.userId = userId;
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String userId) {
    return Behaviors.setup(ctx -> new UserEntity(userId));
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Register.class,
            (s, c) ->
                Effect()
                    .persist(
                        new Registered(
                            c.email(),
                            digest(c.authorizationCode()),
                            c.tokens(),
                            c.at(),
                            Optional.of(c.youtubeChannelId())))
                    .thenReply(c.replyTo(), st -> StatusReply.success(view(st))))
        .onCommand(GetTokens.class, (s, c) -> Effect().reply(c.replyTo(), s.tokens()))
        .onCommand(CheckAuthor.class, (s, c) -> checkAuthor(s, c.authorizationCode(), c.replyTo()))
        .onCommand(CheckSignUpAuthor.class, this::checkSignUpAuthor)
        .onCommand(ConsumeCode.class, this::consumeCode)
        .onCommand(RequestMembership.class, this::requestMembership)
        .onCommand(RecordMembership.class, this::recordMembership)
        .onCommand(ReleaseMembershipRequest.class, this::releaseMembershipRequest)
        .onCommand(
            Get.class,
            (s, c) ->
                Effect().reply(c.replyTo(), s.exists() ? Optional.of(view(s)) : Optional.empty()))
        .build();
  }

  private boolean isAuthor(State s, String code) {
    return s.codeDigest().filter(d -> sameCode(d, code)).isPresent();
  }

  /**
   * The code the last channel sign-up of {@code joystreamChannelId} used up, at most {@link
   * #REPEAT_GRACE} before {@code at}.
   */
  private boolean justUsed(State s, String code, long joystreamChannelId, Instant at) {
    return s.usedCode()
        .filter(u -> u.joystreamChannelId().filter(id -> id == joystreamChannelId).isPresent())
        .filter(u -> !at.isAfter(u.at().plus(REPEAT_GRACE)) && sameCode(u.digest(), code))
        .isPresent();
  }

  private static boolean sameCode(String storedDigest, String code) {
    return code != null
        && MessageDigest.isEqual(
            storedDigest.getBytes(StandardCharsets.US_ASCII),
            digest(code).getBytes(StandardCharsets.US_ASCII));
  }

  private ReplyEffect<Event, State> checkSignUpAuthor(State s, CheckSignUpAuthor c) {
    if (s.exists() && justUsed(s, c.authorizationCode(), c.joystreamChannelId(), c.at())) {
      return Effect().reply(c.replyTo(), StatusReply.success(view(s)));
    }
    return checkAuthor(s, c.authorizationCode(), c.replyTo());
  }

  private ReplyEffect<Event, State> checkAuthor(
      State s, String code, ActorRef<StatusReply<User>> replyTo) {
    if (!s.exists()) {
      return unknownUser(replyTo);
    }
    return isAuthor(s, code)
        ? Effect().reply(replyTo, StatusReply.success(view(s)))
        : Effect().reply(replyTo, StatusReply.error(WRONG_AUTHOR));
  }

  private ReplyEffect<Event, State> consumeCode(State s, ConsumeCode c) {
    if (s.exists() && justUsed(s, c.authorizationCode(), c.joystreamChannelId(), c.at())) {
      return Effect().reply(c.replyTo(), StatusReply.success(view(s)));
    }
    if (!s.exists() || !isAuthor(s, c.authorizationCode())) {
      return checkAuthor(s, c.authorizationCode(), c.replyTo());
    }
    return Effect()
        .persist(new CodeConsumed(c.email(), c.at(), Optional.of(c.joystreamChannelId())))
        .thenReply(c.replyTo(), st -> StatusReply.success(view(st)));
  }

  private <T> ReplyEffect<Event, State> unknownUser(ActorRef<StatusReply<T>> replyTo) {
    return Effect().reply(replyTo, StatusReply.error("Could not find user with id " + userId));
  }

  private ReplyEffect<Event, State> requestMembership(State s, RequestMembership c) {
    if (!s.exists()) {
      return unknownUser(c.replyTo());
    }
    Optional<Memberships.Requested> done = s.memberships().requested(c.handle(), c.account());
    if (done.isPresent()) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.success(
                  new MembershipAlreadyRecorded(c.handle(), done.get().memberId())));
    }
    Memberships m = s.memberships();
    if (m.openRequest(c.handle(), c.account()).isEmpty() && m.slotsTaken() >= c.limit()) {
      return Effect().reply(c.replyTo(), StatusReply.error(m.limitReached(userId)));
    }
    return Effect()
        .persist(new MembershipRequested(c.handle(), c.account(), c.at()))
        .thenReply(
            c.replyTo(),
            st ->
                StatusReply.success(
                    new MembershipReserved(
                        c.handle(),
                        c.account(),
                        st.memberships()
                            .openRequest(c.handle(), c.account())
                            .orElseThrow()
                            .attempts())));
  }

  private ReplyEffect<Event, State> recordMembership(State s, RecordMembership c) {
    if (!s.exists()) {
      return unknownUser(c.replyTo());
    }
    Optional<Memberships.Requested> done = s.memberships().requested(c.handle(), c.account());
    if (done.isPresent() && done.get().memberId() == c.memberId()) {
      return Effect().reply(c.replyTo(), StatusReply.success(view(s)));
    }
    if (done.isPresent()) {
      return Effect()
          .reply(
              c.replyTo(),
              StatusReply.error(
                  "The membership with handle "
                      + c.handle()
                      + " is already recorded as member "
                      + done.get().memberId()));
    }
    return Effect()
        .persist(new MembershipRequestFulfilled(c.handle(), c.account(), c.memberId(), c.at()))
        .thenReply(c.replyTo(), st -> StatusReply.success(view(st)));
  }

  private ReplyEffect<Event, State> releaseMembershipRequest(State s, ReleaseMembershipRequest c) {
    if (!s.exists()) {
      return unknownUser(c.replyTo());
    }
    boolean lastAttempt =
        s.memberships()
            .openRequest(c.handle(), c.account())
            .map(r -> r.attempts() == c.attempt())
            .orElse(false);
    if (!lastAttempt) {
      return Effect().reply(c.replyTo(), StatusReply.success(view(s)));
    }
    return Effect()
        .persist(new MembershipRequestReleased(c.handle(), c.account(), c.at()))
        .thenReply(c.replyTo(), st -> StatusReply.success(view(st)));
  }

  private User view(State s) {
    return new User(
        userId,
        s.email().orElseThrow(),
        s.youtubeChannelId(),
        s.memberships().memberIds(),
        s.createdAt().orElseThrow(),
        s.updatedAt().orElseThrow());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Registered.class, State::register)
        .onEvent(CodeConsumed.class, State::consumeCode)
        .onEvent(MembershipRecorded.class, State::addMembership)
        .onEvent(MembershipRequested.class, State::openRequest)
        .onEvent(MembershipRequestFulfilled.class, State::fulfilRequest)
        .onEvent(MembershipRequestReleased.class, State::releaseRequest)
        .build();
  }

  static String digest(String code) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Never prints the code, so a Done reply cannot leak it. */
  @Override
  public String toString() {
    return "UserEntity[" + userId + "]";
  }
}
