package io.joysync.joystream.extrinsic;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The per-transaction choices a signer makes: era, nonce (the account's next index), tip, and the
 * hash of the era's birth block (ignored for an immortal era, which signs over the genesis hash).
 */
public record TransactionParams(Era era, long nonce, BigInteger tip, byte[] eraBlockHash) {
  public TransactionParams {
    if (nonce < 0 || nonce > 0xffffffffL) {
      throw new IllegalArgumentException("nonce must fit a u32, got " + nonce);
    }
    if (tip.signum() < 0 || tip.bitLength() > 128) {
      throw new IllegalArgumentException("tip must fit a u128, got " + tip);
    }
    if (era instanceof Era.Mortal && (eraBlockHash == null || eraBlockHash.length != 32)) {
      throw new IllegalArgumentException("a mortal era needs the 32-byte hash of its birth block");
    }
    eraBlockHash = eraBlockHash == null ? null : eraBlockHash.clone();
  }

  /** An immortal transaction. */
  public static TransactionParams immortal(long nonce, BigInteger tip) {
    return new TransactionParams(Era.immortal(), nonce, tip, null);
  }

  /**
   * A mortal transaction whose era starts at block {@code birthBlock}; {@code birthBlockHash} must
   * be that block's hash. For periods above 4096 the era's phase is quantized, so the real birth
   * block is {@code Era.mortal(period, birthBlock).birthBlock(birthBlock)}; use its hash (or keep
   * the period at 4096 or below, where the two are the same block).
   */
  public static TransactionParams mortal(
      long period, long birthBlock, byte[] birthBlockHash, long nonce, BigInteger tip) {
    return new TransactionParams(Era.mortal(period, birthBlock), nonce, tip, birthBlockHash);
  }

  @Override
  public byte[] eraBlockHash() {
    return eraBlockHash == null ? null : eraBlockHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionParams p
        && era.equals(p.era)
        && nonce == p.nonce
        && tip.equals(p.tip)
        && Arrays.equals(eraBlockHash, p.eraBlockHash);
  }

  @Override
  public int hashCode() {
    return era.hashCode() * 31 + Long.hashCode(nonce) + tip.hashCode() * 7;
  }
}
