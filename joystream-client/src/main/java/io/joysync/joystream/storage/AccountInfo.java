package io.joysync.joystream.storage;

import io.joysync.joystream.metadata.ScaleValue;
import java.math.BigInteger;

/**
 * {@code System.Account} of one account. Joystream keeps the old four-field balance data: {@code
 * miscFrozen} and {@code feeFrozen}; {@link #frozen()} is the larger of the two, which is what
 * limits spending.
 */
public record AccountInfo(
    long nonce,
    long consumers,
    long providers,
    long sufficients,
    BigInteger free,
    BigInteger reserved,
    BigInteger miscFrozen,
    BigInteger feeFrozen) {

  public BigInteger frozen() {
    return miscFrozen.max(feeFrozen);
  }

  /** Free balance not held by a freeze (never negative). */
  public BigInteger spendable() {
    return free.subtract(frozen()).max(BigInteger.ZERO);
  }

  static AccountInfo of(ScaleValue v) {
    ScaleValue data = v.field("data");
    BigInteger misc;
    BigInteger fee;
    if (data.fields().stream().anyMatch(f -> "frozen".equals(f.name()))) {
      misc = data.field("frozen").asBigInteger();
      fee = misc;
    } else {
      misc = data.field("misc_frozen").asBigInteger();
      fee = data.field("fee_frozen").asBigInteger();
    }
    return new AccountInfo(
        v.field("nonce").asLong(),
        v.field("consumers").asLong(),
        v.field("providers").asLong(),
        v.field("sufficients").asLong(),
        data.field("free").asBigInteger(),
        data.field("reserved").asBigInteger(),
        misc,
        fee);
  }
}
