package io.joysync.engine.publish;

import io.joysync.engine.cluster.NodeRole;
import io.joysync.engine.metrics.NodeMetrics;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.engine.publish.CreationResult.Updated;
import io.joysync.engine.serialization.CborSerializable;
import io.joysync.joystream.keys.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One signer account (the entity id is the collaborator member id): the only holder of the member's
 * controller key and of the account's nonces. It gathers create-video requests, and metadata
 * updates of videos already created, into extrinsics sized by the chain ({@link Signing}), records
 * each extrinsic before it is broadcast, follows it to finality and answers every request at
 * finality ({@link Tracking}), and after a restart or handover first resolves what it had in flight
 * against the chain before it signs anything new. A rejected request persists nothing.
 */
public final class SignerAccount
    extends EventSourcedBehaviorWithEnforcedReplies<
        SignerAccount.Command, SignerAccount.Event, SignerAccount.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "SignerAccount");

  public sealed interface Command extends CborSerializable
      permits Create,
          Update,
          GetStatus,
          Wake,
          Proceed,
          Tick,
          Prepared,
          PreparationFailed,
          Heard,
          InBlockChecked,
          FinalizedHead,
          Resolved,
          ResolveFailed,
          BalanceRead {}

  /** Create a video; answered at finality, or refused. A repeat joins the first request. */
  public record Create(VideoToCreate video, ActorRef<CreationResult> replyTo) implements Command {}

  /**
   * Put a title and description edit on a video already created; answered at finality with {@link
   * Updated}, or refused. A repeat of the same edit joins the first request or is answered from
   * what the account remembers; it is never signed twice.
   */
  public record Update(VideoUpdate update, ActorRef<CreationResult> replyTo) implements Command {}

  public record GetStatus(ActorRef<AccountStatus> replyTo) implements Command {}

  /** Start (and reconcile) if not running; look again at a pause. */
  public enum Wake implements Command {
    INSTANCE
  }

  enum Proceed implements Command {
    INSTANCE
  }

  enum Tick implements Command {
    INSTANCE
  }

  record Prepared(AccountChain.Prepared outcome) implements Command {}

  record PreparationFailed(String error) implements Command {}

  record Heard(AccountChain.BroadcastReport report) implements Command {}

  record InBlockChecked(long nonce, String txHash, String blockHash, AccountChain.InBlock result)
      implements Command {}

  record FinalizedHead(long number) implements Command {}

  record Resolved(AccountChain.Resolution resolution) implements Command {}

  record ResolveFailed(String error) implements Command {}

  record BalanceRead(java.math.BigInteger free) implements Command {}

  public sealed interface Event extends CborSerializable
      permits ExtrinsicSigned,
          ExtrinsicSettled,
          ExtrinsicExpired,
          NonceTakenElsewhere,
          VideosAnswered {}

  /** Persisted before the extrinsic is broadcast (write-ahead). */
  public record ExtrinsicSigned(long memberId, SignedBatch batch) implements Event {}

  /**
   * The extrinsic is in a finalized block: the videos it created, the updates it applied, those
   * refused with the chain's error, and the requests put back to be signed again (by {@link
   * BatchItem#key()}; {@code countAttempt}: a failed attempt).
   */
  public record ExtrinsicSettled(
      long memberId,
      long nonce,
      long blockNumber,
      String blockHash,
      List<Created> created,
      List<Refused> refused,
      List<String> requeued,
      SignedBatch.Mode requeueMode,
      boolean countAttempt,
      Instant at,
      List<Updated> updated)
      implements Event {
    public ExtrinsicSettled {
      created = List.copyOf(created);
      refused = List.copyOf(refused);
      requeued = List.copyOf(requeued);
      updated = updated == null ? List.of() : List.copyOf(updated);
    }
  }

  /** The extrinsic can never land; its videos go back and its nonce is signed again. */
  public record ExtrinsicExpired(long memberId, long nonce, String reason, boolean countAttempt)
      implements Event {}

  /** Another extrinsic used the nonce; the videos were answered as refused (retryable). */
  public record NonceTakenElsewhere(long memberId, long nonce, List<Refused> refused)
      implements Event {
    public NonceTakenElsewhere {
      refused = List.copyOf(refused);
    }
  }

  /** Requests of the backlog, or requests answered without an extrinsic. */
  public record VideosAnswered(
      long memberId,
      List<Created> created,
      List<Refused> refused,
      Instant at,
      List<Updated> updated)
      implements Event {
    public VideosAnswered {
      created = List.copyOf(created);
      refused = List.copyOf(refused);
      updated = updated == null ? List.of() : List.copyOf(updated);
    }
  }

  /** Videos released from a failed or expired extrinsic, to be signed again together. */
  public record Backlog(SignedBatch.Mode mode, List<BatchItem> items) implements CborSerializable {
    public Backlog {
      items = List.copyOf(items);
    }
  }

  /**
   * The durable state: the extrinsics in flight (signed, not settled), the next nonce, nonces whose
   * extrinsic expired and must be signed again, videos put back to be signed again, and the videos
   * created lately.
   */
  public record State(
      List<SignedBatch> inFlight,
      long nextNonce,
      List<Long> vacantNonces,
      List<Backlog> backlog,
      RecentCreations recent)
      implements CborSerializable {
    public State {
      inFlight = List.copyOf(inFlight);
      vacantNonces = List.copyOf(vacantNonces);
      backlog = List.copyOf(backlog);
    }

    static final State EMPTY = new State(List.of(), -1, List.of(), List.of(), RecentCreations.NONE);

    public Optional<SignedBatch> inFlight(long nonce) {
      return inFlight.stream().filter(b -> b.nonce() == nonce).findFirst();
    }

    /** Whether a request with this key ({@link BatchItem#key()}) is in an extrinsic in flight. */
    boolean holdsInFlight(String key) {
      return inFlight.stream().anyMatch(b -> b.holds(key));
    }

    boolean holdsInBacklog(String key) {
      return backlog.stream().flatMap(b -> b.items().stream()).anyMatch(i -> i.key().equals(key));
    }

    State sign(SignedBatch batch) {
      Set<String> signed = ids(batch.items());
      List<Long> vacant = new ArrayList<>(vacantNonces);
      vacant.remove(batch.nonce());
      if (inFlight.isEmpty()) {
        vacant.removeIf(n -> n < batch.nonce());
      }
      List<SignedBatch> flying = new ArrayList<>(inFlight);
      flying.add(batch);
      flying.sort(Comparator.comparingLong(SignedBatch::nonce));
      return new State(
          flying, Math.max(nextNonce, batch.nonce() + 1), vacant, without(signed), recent);
    }

    State settle(ExtrinsicSettled e, int keep) {
      SignedBatch batch = inFlight(e.nonce()).orElseThrow();
      Set<String> requeued = Set.copyOf(e.requeued());
      List<BatchItem> back =
          batch.items().stream()
              .filter(i -> requeued.contains(i.key()))
              .map(i -> i.putBack(e.countAttempt()))
              .toList();
      return new State(
          others(e.nonce()),
          nextNonce,
          vacantNonces,
          withBacklog(e.requeueMode(), back),
          recent.remember(e.created(), e.at(), keep).rememberUpdates(e.updated(), keep));
    }

    State expire(ExtrinsicExpired e) {
      SignedBatch batch = inFlight(e.nonce()).orElseThrow();
      List<Long> vacant = new ArrayList<>(vacantNonces);
      vacant.add(e.nonce());
      vacant.sort(Comparator.naturalOrder());
      List<BatchItem> back = batch.items().stream().map(i -> i.putBack(e.countAttempt())).toList();
      return new State(
          others(e.nonce()), nextNonce, vacant, withBacklog(batch.mode(), back), recent);
    }

    State loseNonce(NonceTakenElsewhere e) {
      return new State(others(e.nonce()), nextNonce, vacantNonces, backlog, recent);
    }

    State answer(VideosAnswered e, int keep) {
      Set<String> answered = new HashSet<>();
      e.created().forEach(c -> answered.add(c.ytVideoId()));
      e.refused().forEach(r -> answered.add(r.ytVideoId()));
      e.updated().forEach(u -> answered.add(u.key()));
      return new State(
          inFlight,
          nextNonce,
          vacantNonces,
          without(answered),
          recent.remember(e.created(), e.at(), keep).rememberUpdates(e.updated(), keep));
    }

    /** The nonce the next extrinsic takes when the account has extrinsics in flight. */
    long nonceAfterInFlight() {
      return vacantNonces.isEmpty() ? nextNonce : vacantNonces.get(0);
    }

    private List<SignedBatch> others(long nonce) {
      return inFlight.stream().filter(b -> b.nonce() != nonce).toList();
    }

    /**
     * The backlog without the requests answered: by key, or by YouTube id for a refusal (which
     * names only the video).
     */
    private List<Backlog> without(Set<String> keysOrIds) {
      List<Backlog> out = new ArrayList<>();
      for (Backlog b : backlog) {
        List<BatchItem> rest =
            b.items().stream()
                .filter(i -> !keysOrIds.contains(i.key()) && !keysOrIds.contains(i.ytVideoId()))
                .toList();
        if (!rest.isEmpty()) {
          out.add(new Backlog(b.mode(), rest));
        }
      }
      return out;
    }

    private List<Backlog> withBacklog(SignedBatch.Mode mode, List<BatchItem> items) {
      if (items.isEmpty()) {
        return backlog;
      }
      List<Backlog> out = new ArrayList<>(backlog);
      out.add(new Backlog(items.size() == 1 ? SignedBatch.Mode.ALL : mode, items));
      return out;
    }

    private static Set<String> ids(List<BatchItem> items) {
      Set<String> out = new HashSet<>();
      items.forEach(i -> out.add(i.key()));
      return out;
    }
  }

  /**
   * Videos an account remembers having created, to answer repeats at once; older ones are found
   * through Orion, which is asked only once it has processed the account's last creation.
   */
  static final int RECENT_KEPT = 2000;

  private final AccountContext account;
  private final Signing signing;
  private final Tracking tracking;
  private final HeldExtrinsics held;

  private SignerAccount(AccountContext account) {
    super(PersistenceId.of(ENTITY_KEY.name(), Long.toString(account.memberId())));
    this.account = account;
    this.signing = new Signing(account);
    this.held = signing.held();
    this.tracking = new Tracking(account, signing);
  }

  /**
   * Registers the entity with cluster sharding; call once per node. An id that names no configured
   * account refuses every request with {@code NO_ACCOUNT}.
   */
  public static void init(ActorSystem<?> system, PublishingSettings settings, AccountChain chain) {
    Entity<Command, ShardingEnvelope<Command>> entity =
        Entity.of(
            ENTITY_KEY,
            ctx ->
                memberId(ctx.getEntityId())
                    .flatMap(settings::account)
                    .map(
                        a ->
                            create(
                                a.memberId(), a.signingKey(), settings, chain, Clock.systemUTC()))
                    .orElseGet(SignerAccount::unknownAccount));
    // An account keeps its own timers (signing cycle, reconciliation, status): never stopped for
    // being idle. Only the signer nodes hold accounts; the others ask them through sharding.
    Entity<Command, ShardingEnvelope<Command>> held =
        entity.withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy());
    ClusterSharding.get(system)
        .init(NodeRole.SIGNER.placement(system).map(held::withRole).orElse(held));
  }

  /**
   * Registers the entity on a node without the signer role: a proxy, through which this node's
   * requests reach the accounts on the signer nodes. It holds no key and never starts an account.
   */
  public static void initProxy(ActorSystem<?> system) {
    String role =
        NodeRole.SIGNER
            .placement(system)
            .orElseThrow(() -> new IllegalStateException("a node without roles holds accounts"));
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> unknownAccount()).withRole(role));
  }

  /** The behavior of an entity id that names no configured account. */
  private static Behavior<Command> unknownAccount() {
    return Behaviors.receive(Command.class)
        .onMessage(
            Create.class,
            c -> {
              c.replyTo()
                  .tell(
                      new Refused(
                          c.video().ytVideoId(),
                          Refused.NO_ACCOUNT,
                          "no signer account is configured for this member",
                          true));
              return Behaviors.same();
            })
        .onMessage(
            Update.class,
            c -> {
              c.replyTo()
                  .tell(
                      new Refused(
                          c.update().ytVideoId(),
                          Refused.NO_ACCOUNT,
                          "no signer account is configured for this member",
                          true));
              return Behaviors.same();
            })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  private static Optional<Long> memberId(String entityId) {
    try {
      return Optional.of(Long.parseLong(entityId));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The behavior for one account; unit tests call this without sharding. */
  public static Behavior<Command> create(
      long memberId, KeyPair key, PublishingSettings settings, AccountChain chain, Clock clock) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new SignerAccount(
                        new AccountContext(
                            memberId,
                            key,
                            settings,
                            chain,
                            clock,
                            ctx,
                            timers,
                            new AccountWork(
                                new AccountMeters(
                                    NodeMetrics.get(ctx.getSystem()).registry(), memberId))))));
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Create.class, (s, c) -> signing.onCreate(Effect(), s, c))
        .onCommand(Update.class, (s, c) -> signing.onUpdate(Effect(), s, c))
        .onCommand(GetStatus.class, (s, c) -> Effect().reply(c.replyTo(), account.status(s)))
        .onCommand(Wake.class, (s, c) -> tracking.onWake(Effect(), s))
        .onCommand(Proceed.class, (s, c) -> signing.next(Effect(), s))
        .onCommand(Tick.class, (s, c) -> tracking.onTick(Effect(), s))
        .onCommand(Prepared.class, (s, c) -> signing.onPrepared(Effect(), s, c.outcome()))
        .onCommand(PreparationFailed.class, (s, c) -> signing.onFailure(Effect(), c.error()))
        .onCommand(Heard.class, (s, c) -> tracking.onReport(Effect(), s, c.report()))
        .onCommand(InBlockChecked.class, (s, c) -> held.onChecked(Effect(), s, c))
        .onCommand(FinalizedHead.class, (s, c) -> tracking.onFinalizedHead(Effect(), s, c))
        .onCommand(Resolved.class, (s, c) -> tracking.onResolved(Effect(), s, c.resolution()))
        .onCommand(ResolveFailed.class, (s, c) -> tracking.onResolveFailed(Effect(), c.error()))
        .onCommand(BalanceRead.class, (s, c) -> tracking.onBalance(Effect(), c.free()))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    int keep = RECENT_KEPT;
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ExtrinsicSigned.class, (s, e) -> s.sign(e.batch()))
        .onEvent(ExtrinsicSettled.class, (s, e) -> s.settle(e, keep))
        .onEvent(ExtrinsicExpired.class, State::expire)
        .onEvent(NonceTakenElsewhere.class, State::loseNonce)
        .onEvent(VideosAnswered.class, (s, e) -> s.answer(e, keep))
        .build();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), tracking::start)
        .onSignal(PostStop.instance(), s -> tracking.stop())
        .build();
  }
}
