package io.joysync.engine.user;

import io.joysync.joystream.faucet.FaucetClient;
import io.joysync.joystream.faucet.FaucetException;
import io.joysync.joystream.faucet.MembershipRequest;
import io.joysync.joystream.keys.Ss58;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionMember;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buys one membership through the faucet for a signed-up creator (youtube-synch's {@code POST
 * /membership}), never more than the creator's limit and never twice for one request. The request
 * is reserved in {@link UserEntity} before the faucet is asked (the limit counts reservations, so
 * parallel requests cannot overrun it); the faucet's member is then recorded, and a certain refusal
 * frees the reservation. When the faucet's answer is lost the reservation stays and the caller is
 * told to send the same request again; that retry asks the faucet once more, and if the faucet says
 * the handle or account is taken, the member it bought earlier is looked up in Orion by handle and
 * recorded when its controller is the requested account.
 *
 * <p>What the request may be refused for is a {@link Refused} with a stable code; failures of the
 * entities (timeouts) fail the stage.
 */
public final class MembershipPurchase {
  private static final Logger log = LoggerFactory.getLogger(MembershipPurchase.class);

  /** The faucet's refusals of a retry whose earlier attempt may have bought the membership. */
  private static final Set<String> TAKEN =
      Set.of("HandleAlreadyRegistered", "OnlyNewAccountsCanBeUsedForScreenedMembers");

  /** Refusals of the request itself: every attempt with the same input was refused alike. */
  private static final Set<String> INVALID_INPUT =
      Set.of("InvalidAddress", "HandleTooShort", "HandleTooLong", "InvalidRequest");

  /** What a membership request asks for. */
  public record Request(
      String userId,
      String authorizationCode,
      String account,
      String handle,
      Optional<String> avatar,
      Optional<String> about,
      Optional<String> name) {}

  public sealed interface Result permits Bought, Refused {}

  /** The member bought for the request (now, or by an earlier attempt of the same request). */
  public record Bought(long memberId, String handle) implements Result {}

  /** Why no membership was bought; {@link #code()} is stable, the data phrases the sentence. */
  public sealed interface Refused extends Result {
    String code();
  }

  /** No faucet endpoint is configured. */
  public enum FaucetNotConfigured implements Refused {
    INSTANCE;

    @Override
    public String code() {
      return "FAUCET_NOT_CONFIGURED";
    }
  }

  /** The account refused the code as its sign-up's; {@code reason} is the account's sentence. */
  public record AuthorRefused(String reason) implements Refused {
    @Override
    public String code() {
      return "INVALID_AUTHOR";
    }
  }

  /** The creator's memberships and open requests reach the limit; the account's sentence. */
  public record LimitReached(String reason) implements Refused {
    @Override
    public String code() {
      return "MEMBERSHIP_LIMIT_REACHED";
    }
  }

  /** The faucet refused ({@code faucetCode}, its own code); nothing was bought for the account. */
  public record FaucetRefused(String faucetCode, String account) implements Refused {
    @Override
    public String code() {
      return "FAUCET_REFUSED";
    }
  }

  /** The faucet's answer was lost: the same request again completes it. */
  public record OutcomeUnknown(String faucetCode, String account) implements Refused {
    @Override
    public String code() {
      return "FAUCET_OUTCOME_UNKNOWN";
    }
  }

  private final ClusterSharding sharding;
  private final Optional<FaucetClient> faucet;
  private final OrionClient orion;
  private final Duration askTimeout;
  private final int maxMemberships;
  private final Clock clock;

  public MembershipPurchase(
      ActorSystem<?> system,
      Optional<FaucetClient> faucet,
      OrionClient orion,
      Duration askTimeout,
      int maxMemberships,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.faucet = faucet;
    this.orion = orion;
    this.askTimeout = askTimeout;
    this.maxMemberships = maxMemberships;
    this.clock = clock;
  }

  public CompletionStage<Result> buy(Request r) {
    if (faucet.isEmpty()) {
      return done(FaucetNotConfigured.INSTANCE);
    }
    EntityRef<UserEntity.Command> user = sharding.entityRefFor(UserEntity.ENTITY_KEY, r.userId());
    return user.<StatusReply<UserEntity.User>>ask(
            reply -> new UserEntity.CheckAuthor(r.authorizationCode(), reply), askTimeout)
        .thenCompose(
            author ->
                author.isError()
                    ? done(new AuthorRefused(author.getError().getMessage()))
                    : reserve(user, r));
  }

  private CompletionStage<Result> reserve(EntityRef<UserEntity.Command> user, Request r) {
    return user.<StatusReply<UserEntity.MembershipSlot>>ask(
            reply ->
                new UserEntity.RequestMembership(
                    r.handle(), r.account(), maxMemberships, clock.instant(), reply),
            askTimeout)
        .thenCompose(
            slot -> {
              if (slot.isError()) {
                return done(new LimitReached(slot.getError().getMessage()));
              }
              if (slot.getValue() instanceof UserEntity.MembershipReserved reserved) {
                return register(user, r, reserved);
              }
              long memberId = ((UserEntity.MembershipAlreadyRecorded) slot.getValue()).memberId();
              return done(new Bought(memberId, r.handle()));
            });
  }

  private CompletionStage<Result> register(
      EntityRef<UserEntity.Command> user, Request r, UserEntity.MembershipReserved reserved) {
    return faucet
        .orElseThrow()
        .register(new MembershipRequest(r.account(), r.handle(), r.avatar(), r.about(), r.name()))
        .handle(
            (created, error) ->
                created != null
                    ? record(user, r, created.memberId())
                    : afterFailure(user, r, reserved, faucetException(error)))
        .thenCompose(Function.identity());
  }

  private CompletionStage<Result> afterFailure(
      EntityRef<UserEntity.Command> user,
      Request r,
      UserEntity.MembershipReserved reserved,
      FaucetException e) {
    if (reserved.attempt() > 1 && TAKEN.contains(e.code())) {
      return findEarlierPurchase(user, r, reserved, e);
    }
    if (!e.nothingBought()) {
      return done(outcomeUnknown(e, r.account()));
    }
    if (reserved.attempt() > 1 && !INVALID_INPUT.contains(e.code())) {
      // An earlier attempt of this request may have bought it (this refusal may be passing, such
      // as TooManyRequests): its slot stays until a retry settles it.
      return done(refused(e, r.account()));
    }
    return release(user, r, reserved, e);
  }

  /** A retry was refused because the handle or account is taken: by our earlier attempt? */
  private CompletionStage<Result> findEarlierPurchase(
      EntityRef<UserEntity.Command> user,
      Request r,
      UserEntity.MembershipReserved reserved,
      FaucetException e) {
    return orion
        .membershipByHandle(r.handle())
        .handle(
            (member, error) -> {
              if (error != null) {
                log.warn("Orion could not look up handle {}: {}", r.handle(), error.toString());
                return done(outcomeUnknown(e, r.account()));
              }
              if (member.isEmpty()) {
                // Taken on chain but not yet indexed: the next retry will find it.
                return done(outcomeUnknown(e, r.account()));
              }
              if (controlledBy(member.get(), r.account())) {
                return record(user, r, member.get().id());
              }
              return release(user, r, reserved, e);
            })
        .thenCompose(Function.identity());
  }

  private CompletionStage<Result> record(
      EntityRef<UserEntity.Command> user, Request r, long memberId) {
    return user.<UserEntity.User>askWithStatus(
            reply ->
                new UserEntity.RecordMembership(
                    r.handle(), r.account(), memberId, clock.instant(), reply),
            askTimeout)
        .thenApply(u -> new Bought(memberId, r.handle()));
  }

  /** The faucet bought nothing for this attempt: free its slot and answer the faucet's refusal. */
  private CompletionStage<Result> release(
      EntityRef<UserEntity.Command> user,
      Request r,
      UserEntity.MembershipReserved reserved,
      FaucetException e) {
    return user.<UserEntity.User>askWithStatus(
            reply ->
                new UserEntity.ReleaseMembershipRequest(
                    r.handle(), r.account(), reserved.attempt(), clock.instant(), reply),
            askTimeout)
        .handle(
            (u, error) -> {
              if (error != null) {
                log.warn(
                    "The membership request for handle {} keeps its slot: {}",
                    r.handle(),
                    error.toString());
              }
              return refused(e, r.account());
            });
  }

  private static boolean controlledBy(OrionMember member, String account) {
    try {
      return Arrays.equals(
          Ss58.decode(member.controllerAccount()).publicKey(), Ss58.decode(account).publicKey());
    } catch (IllegalArgumentException notAnAddress) {
      return false;
    }
  }

  private static FaucetException faucetException(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof FaucetException f) {
      return f;
    }
    return new FaucetException("FAUCET_REQUEST_FAILED", 0, false, String.valueOf(cause), cause);
  }

  private static Result refused(FaucetException e, String account) {
    log.warn("The faucet did not create a membership for {}: {}", account, e.getMessage());
    return new FaucetRefused(e.code(), account);
  }

  private static Result outcomeUnknown(FaucetException e, String account) {
    log.warn(
        "The faucet did not say whether it created a membership for {}: {}",
        account,
        e.getMessage());
    return new OutcomeUnknown(e.code(), account);
  }

  private static CompletionStage<Result> done(Result result) {
    return CompletableFuture.completedFuture(result);
  }
}
