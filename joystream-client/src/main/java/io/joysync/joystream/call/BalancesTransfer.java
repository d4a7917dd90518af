package io.joysync.joystream.call;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;

/**
 * {@code balances.transfer(dest, value)} (5/0): the runtime's plain transfer (it predates
 * transfer_allow_death); dest is a raw AccountId (no MultiAddress), value a compact u128 in base
 * units (1 JOY = 10^10).
 */
public record BalancesTransfer(AccountId dest, BigInteger value) implements RuntimeCall {
  @Override
  public int palletIndex() {
    return Pallets.BALANCES;
  }

  @Override
  public int callIndex() {
    return Pallets.BALANCES_TRANSFER;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    w.writeBytes(dest.bytes()).writeCompact(value);
  }

  static BalancesTransfer decodeArgs(ScaleReader r) {
    return new BalancesTransfer(new AccountId(r.readBytes(32)), r.readCompact());
  }
}
