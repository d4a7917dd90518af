package io.joysync.joystream.extrinsic;

import io.joysync.joystream.scale.Hex;
import java.util.Arrays;

/**
 * What a signature binds a transaction to (CheckSpecVersion, CheckTxVersion, CheckGenesis): the
 * runtime's spec and transaction versions and the chain's genesis hash. Read them from the node
 * ({@code state_getRuntimeVersion}, {@code chain_getBlockHash(0)}) rather than hard-coding.
 */
public record ChainIdentity(long specVersion, long transactionVersion, byte[] genesisHash) {
  /** Joystream mainnet's genesis hash. */
  public static final String MAINNET_GENESIS =
      "0x6b5e488e0fa8f9821110d5c13f4c468abcd43ce5e297e62b34c53c3346465956";

  public ChainIdentity {
    if (genesisHash.length != 32) {
      throw new IllegalArgumentException(
          "genesis hash must be 32 bytes, got " + genesisHash.length);
    }
    genesisHash = genesisHash.clone();
  }

  @Override
  public byte[] genesisHash() {
    return genesisHash.clone();
  }

  /** Joystream mainnet with runtime spec 2004 / transaction version 2. */
  public static ChainIdentity joystreamMainnet() {
    return new ChainIdentity(2004, 2, Hex.decode(MAINNET_GENESIS));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainIdentity c
        && specVersion == c.specVersion
        && transactionVersion == c.transactionVersion
        && Arrays.equals(genesisHash, c.genesisHash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(genesisHash) * 31
        + Long.hashCode(specVersion * 131 + transactionVersion);
  }

  @Override
  public String toString() {
    return "ChainIdentity[spec="
        + specVersion
        + ", tx="
        + transactionVersion
        + ", genesis="
        + Hex.encode(genesisHash)
        + "]";
  }
}
