package io.joysync.devnet.chain;

import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Moves balance for the pallets: bloat bonds go to and come back from the content and storage
 * module accounts ("modl" + pallet id, as PalletId::into_account does), fees and storage fees are
 * burned. Emits the balances events of each transfer.
 */
final class Treasury {
  static final AccountId CONTENT = moduleAccount("mContent", -1);
  static final AccountId STORAGE = moduleAccount("mstorage", -1);

  private final ChainState state;
  private final EventLog events;

  Treasury(ChainState state, EventLog events) {
    this.state = state;
    this.events = events;
  }

  /** The account of a module, or of its sub-account {@code sub} (a channel's account). */
  static AccountId moduleAccount(String palletId, long sub) {
    byte[] out = new byte[32];
    byte[] prefix = ("modl" + palletId).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    if (sub >= 0) {
      for (int i = 0; i < 8; i++) {
        out[prefix.length + i] = (byte) (sub >>> (8 * i));
      }
    }
    return new AccountId(out);
  }

  static AccountId channelAccount(long channelId) {
    return moduleAccount("mContent", channelId);
  }

  void payBond(AccountId from, AccountId module, BigInteger amount) {
    transfer(from, module, amount);
  }

  void repayBond(AccountId module, AccountId to, BigInteger amount) {
    transfer(module, to, amount);
  }

  void transfer(AccountId from, AccountId to, BigInteger amount) {
    if (amount.signum() == 0) {
      return;
    }
    BigInteger free = state.account(from).free();
    if (free.compareTo(amount) < 0) {
      throw Errors.INSUFFICIENT_BALANCE.failure();
    }
    boolean newAccount = !state.accounts.contains(to) || state.account(to).free().signum() == 0;
    state.setFree(from, free.subtract(amount));
    state.credit(to, amount);
    if (newAccount) {
      events.newAccount(to);
      events.endowed(to, amount);
    }
    events.transfer(from, to, amount);
  }

  void burn(AccountId from, BigInteger amount) {
    if (amount.signum() == 0) {
      return;
    }
    BigInteger free = state.account(from).free();
    if (free.compareTo(amount) < 0) {
      throw Errors.INSUFFICIENT_BALANCE.failure();
    }
    state.setFree(from, free.subtract(amount));
  }

  /** The transaction fee: withdrawn before dispatch with a Withdraw event, then burned. */
  void withdrawFee(AccountId who, BigInteger fee) {
    state.setFree(who, state.account(who).free().subtract(fee));
    events.withdraw(who, fee);
  }
}
