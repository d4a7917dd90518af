package io.joysync.devnet.faults;

/**
 * A runtime upgrade scheduled on the devnet chain, as Joystream enacts one (a runtime-upgrade
 * proposal executed in a block's initialization): block {@code atBlock} emits {@code
 * System.CodeUpdated} and puts the new code in its state, so {@code state_getRuntimeVersion} at
 * that block and after answers {@code specVersion} and {@code transactionVersion}; the blocks after
 * it run the new runtime (an extrinsic signed for the old versions has a bad signature there) and
 * the first of them records {@code System.LastRuntimeUpgrade}.
 */
public record RuntimeUpgrade(long atBlock, long specVersion, long transactionVersion) {
  public RuntimeUpgrade {
    if (atBlock < 1) {
      throw new IllegalArgumentException("atBlock must be a block number >= 1, got " + atBlock);
    }
    if (specVersion < 1 || specVersion > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("specVersion must be a u32 >= 1, got " + specVersion);
    }
    if (transactionVersion < 0 || transactionVersion > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "transactionVersion must be a u32, got " + transactionVersion);
    }
  }
}
