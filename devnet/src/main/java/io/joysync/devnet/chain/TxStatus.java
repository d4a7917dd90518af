package io.joysync.devnet.chain;

/**
 * A transaction status as author_extrinsicUpdate reports it: a bare string for future, ready,
 * dropped and invalid; an object {kind: value} for inBlock, retracted, finalityTimeout, finalized
 * and usurped (value is a block hash, or the usurping transaction's hash).
 */
public record TxStatus(String kind, String value) {
  public static final TxStatus FUTURE = new TxStatus("future", null);
  public static final TxStatus READY = new TxStatus("ready", null);
  public static final TxStatus DROPPED = new TxStatus("dropped", null);
  public static final TxStatus INVALID = new TxStatus("invalid", null);

  public static TxStatus inBlock(String blockHash) {
    return new TxStatus("inBlock", blockHash);
  }

  public static TxStatus finalized(String blockHash) {
    return new TxStatus("finalized", blockHash);
  }

  public static TxStatus usurped(String txHash) {
    return new TxStatus("usurped", txHash);
  }

  public boolean terminal() {
    return switch (kind) {
      case "finalized", "finalityTimeout", "usurped", "dropped", "invalid" -> true;
      default -> false;
    };
  }
}
