package io.joysync.devnet.chain;

import io.joysync.devnet.chain.ChainRecords.Member;
import io.joysync.devnet.chain.RuntimeCall.BuyMembership;
import io.joysync.devnet.chain.RuntimeCall.Transfer;
import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * balances.transfer / transfer_keep_alive and members.buy_membership with the runtime's errors:
 * existential deposit for new accounts, keep-alive, unique handles by their blake2-256 hash, the
 * membership price burned from the buyer.
 */
final class AccountCalls {
  private final ChainState state;
  private final EventLog events;
  private final Treasury treasury;

  AccountCalls(ChainState state, EventLog events, Treasury treasury) {
    this.state = state;
    this.events = events;
    this.treasury = treasury;
  }

  void transfer(AccountId sender, Transfer call) {
    BigInteger free = state.account(sender).free();
    if (free.compareTo(call.value()) < 0) {
      throw Errors.INSUFFICIENT_BALANCE.failure();
    }
    BigInteger remaining = free.subtract(call.value());
    if (call.keepAlive() && remaining.compareTo(ChainState.EXISTENTIAL_DEPOSIT) < 0) {
      throw Errors.KEEP_ALIVE.failure();
    }
    boolean destNew = state.account(call.dest()).free().signum() == 0;
    if (destNew && call.value().compareTo(ChainState.EXISTENTIAL_DEPOSIT) < 0) {
      throw Errors.EXISTENTIAL_DEPOSIT.failure();
    }
    treasury.transfer(sender, call.dest(), call.value());
    if (remaining.signum() > 0 && remaining.compareTo(ChainState.EXISTENTIAL_DEPOSIT) < 0) {
      state.setFree(sender, BigInteger.ZERO);
    }
  }

  void buyMembership(AccountId sender, BuyMembership call) {
    byte[] handle = call.handle().orElseThrow(Errors.HANDLE_REQUIRED::failure);
    if (state.account(sender).free().compareTo(state.membershipPrice) < 0) {
      throw Errors.NOT_ENOUGH_BALANCE_FOR_MEMBERSHIP.failure();
    }
    if (call.referrer().isPresent() && state.member(call.referrer().get()).isEmpty()) {
      throw Errors.REFERRER_IS_NOT_MEMBER.failure();
    }
    String handleText = new String(handle, StandardCharsets.UTF_8);
    if (state.memberByHandle.contains(handleText)) {
      throw Errors.HANDLE_ALREADY_REGISTERED.failure();
    }
    treasury.burn(sender, state.membershipPrice);
    long id = register(handleText, call.root(), call.controller(), call.metadata());
    events.membershipBought(
        id,
        call.paramsBytes(),
        new ChainEvent.MembershipBought(id, handleText, call.controller(), call.metadata()));
  }

  /** Creates a membership record; used by buy_membership and by genesis. */
  long register(String handle, AccountId root, AccountId controller, byte[] metadata) {
    long id = state.nextMemberId.get();
    state.nextMemberId.set(id + 1);
    byte[] hash = Hashing.blake2b256(handle.getBytes(StandardCharsets.UTF_8));
    state.members.put(id, new Member(id, hash, root, controller, handle, metadata));
    state.memberByHandle.put(handle, id);
    return id;
  }

  Member member(long id) {
    return state.member(id).orElseThrow();
  }
}
