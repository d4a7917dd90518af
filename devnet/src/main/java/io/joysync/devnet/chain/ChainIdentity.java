package io.joysync.devnet.chain;

/**
 * What makes a signature valid on this chain beyond the key: runtime spec and transaction versions
 * (2004 / 2 like mainnet's runtime) and the genesis hash.
 */
public record ChainIdentity(long specVersion, long transactionVersion, byte[] genesisHash) {
  public static final long SPEC_VERSION = 2004;
  public static final long TRANSACTION_VERSION = 2;
  public static final long BLOCK_HASH_COUNT = 2400;
}
