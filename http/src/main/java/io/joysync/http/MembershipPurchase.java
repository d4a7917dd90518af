package io.joysync.http;

import io.joysync.engine.user.UserEntity;
import io.joysync.http.MembershipRoutes.CreatedMembership;
import io.joysync.http.MembershipRoutes.Request;
import io.joysync.joystream.faucet.FaucetClient;
import io.joysync.joystream.faucet.FaucetException;
import io.joysync.joystream.faucet.MembershipRequest;
import io.joysync.joystream.keys.Ss58;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionMember;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buys one membership through the faucet for a signed-up creator, never more than the creator's
 * limit and never twice for one request. The request is reserved in {@link UserEntity} before the
 * faucet is asked (the limit counts reservations, so parallel requests cannot overrun it); the
 * faucet's member is then recorded, and a certain refusal frees the reservation. When the faucet's
 * answer is lost the reservation stays and the caller is told to send the same request again; that
 * retry asks the faucet once more, and if the faucet says the handle or account is taken, the
 * member it bought earlier is looked up in Orion by handle and recorded when its controller is the
 * requested account.
 */
final class MembershipPurchase {
  private static final Logger log = LoggerFactory.getLogger(MembershipPurchase.class);

  /** The faucet's refusals of a retry whose earlier attempt may have bought the membership. */
  private static final Set<String> TAKEN =
      Set.of("HandleAlreadyRegistered", "OnlyNewAccountsCanBeUsedForScreenedMembers");

  /** Refusals of the request itself: every attempt with the same input was refused alike. */
  private static final Set<String> INVALID_INPUT =
      Set.of("InvalidAddress", "HandleTooShort", "HandleTooLong", "InvalidRequest");

  private final ClusterSharding sharding;
  private final FaucetClient faucet;
  private final OrionClient orion;
  private final Duration askTimeout;
  private final int maxMemberships;
  private final Clock clock;

  MembershipPurchase(
      ClusterSharding sharding,
      FaucetClient faucet,
      OrionClient orion,
      Duration askTimeout,
      int maxMemberships,
      Clock clock) {
    this.sharding = sharding;
    this.faucet = faucet;
    this.orion = orion;
    this.askTimeout = askTimeout;
    this.maxMemberships = maxMemberships;
    this.clock = clock;
  }

  CompletionStage<CreatedMembership> buy(Request r) {
    EntityRef<UserEntity.Command> user = sharding.entityRefFor(UserEntity.ENTITY_KEY, r.userId());
    return user.<StatusReply<UserEntity.User>>ask(
            reply -> new UserEntity.CheckAuthor(r.authorizationCode(), reply), askTimeout)
        .thenApply(MembershipPurchase::authorOrRefuse)
        .thenCompose(
            u ->
                user.<StatusReply<UserEntity.MembershipSlot>>ask(
                    reply ->
                        new UserEntity.RequestMembership(
                            r.handle(), r.account(), maxMemberships, clock.instant(), reply),
                    askTimeout))
        .thenApply(MembershipPurchase::slotOrRefuse)
        .thenCompose(
            slot -> {
              if (slot instanceof UserEntity.MembershipReserved reserved) {
                return register(user, r, reserved);
              }
              long memberId = ((UserEntity.MembershipAlreadyRecorded) slot).memberId();
              return CompletableFuture.completedFuture(new CreatedMembership(memberId, r.handle()));
            });
  }

  private static UserEntity.User authorOrRefuse(StatusReply<UserEntity.User> reply) {
    if (reply.isError()) {
      throw ApiException.badRequest("INVALID_AUTHOR", reply.getError().getMessage());
    }
    return reply.getValue();
  }

  private static UserEntity.MembershipSlot slotOrRefuse(
      StatusReply<UserEntity.MembershipSlot> reply) {
    if (reply.isError()) {
      throw ApiException.badRequest("MEMBERSHIP_LIMIT_REACHED", reply.getError().getMessage());
    }
    return reply.getValue();
  }

  private CompletionStage<CreatedMembership> register(
      EntityRef<UserEntity.Command> user, Request r, UserEntity.MembershipReserved reserved) {
    return faucet
        .register(new MembershipRequest(r.account(), r.handle(), r.avatar(), r.about(), r.name()))
        .handle(
            (created, error) ->
                created != null
                    ? record(user, r, created.memberId())
                    : afterFailure(user, r, reserved, faucetException(error)))
        .thenCompose(Function.identity());
  }

  private CompletionStage<CreatedMembership> afterFailure(
      EntityRef<UserEntity.Command> user,
      Request r,
      UserEntity.MembershipReserved reserved,
      FaucetException e) {
    if (reserved.attempt() > 1 && TAKEN.contains(e.code())) {
      return findEarlierPurchase(user, r, reserved, e);
    }
    if (!e.nothingBought()) {
      return CompletableFuture.failedFuture(outcomeUnknown(e, r.account()));
    }
    if (reserved.attempt() > 1 && !INVALID_INPUT.contains(e.code())) {
      // An earlier attempt of this request may have bought it (this refusal may be passing, such
      // as TooManyRequests): its slot stays until a retry settles it.
      return CompletableFuture.failedFuture(refused(e, r.account()));
    }
    return release(user, r, reserved, e);
  }

  /** A retry was refused because the handle or account is taken: by our earlier attempt? */
  private CompletionStage<CreatedMembership> findEarlierPurchase(
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
                return CompletableFuture.<CreatedMembership>failedFuture(
                    outcomeUnknown(e, r.account()));
              }
              if (member.isEmpty()) {
                // Taken on chain but not yet indexed: the next retry will find it.
                return CompletableFuture.<CreatedMembership>failedFuture(
                    outcomeUnknown(e, r.account()));
              }
              if (controlledBy(member.get(), r.account())) {
                return record(user, r, member.get().id());
              }
              return release(user, r, reserved, e);
            })
        .thenCompose(Function.identity());
  }

  private CompletionStage<CreatedMembership> record(
      EntityRef<UserEntity.Command> user, Request r, long memberId) {
    return user.<UserEntity.User>askWithStatus(
            reply ->
                new UserEntity.RecordMembership(
                    r.handle(), r.account(), memberId, clock.instant(), reply),
            askTimeout)
        .thenApply(u -> new CreatedMembership(memberId, r.handle()));
  }

  /** The faucet bought nothing for this attempt: free its slot and answer the faucet's refusal. */
  private CompletionStage<CreatedMembership> release(
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
              throw refused(e, r.account());
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

  /** youtube-synch's answer to a faucet failure. */
  private static FaucetError refused(FaucetException e, String account) {
    log.warn("The faucet did not create a membership for {}: {}", account, e.getMessage());
    return new FaucetError(
        StatusCodes.BAD_REQUEST,
        e.code(),
        "Failed to create membership through faucet for account address: " + account);
  }

  private static FaucetError outcomeUnknown(FaucetException e, String account) {
    log.warn(
        "The faucet did not say whether it created a membership for {}: {}",
        account,
        e.getMessage());
    return new FaucetError(
        StatusCodes.SERVICE_UNAVAILABLE,
        e.code(),
        "The faucet did not confirm whether it created the membership for account address: "
            + account
            + ". Send the same request again (same handle and account) to complete it");
  }
}
