package io.joysync.joystream.rpc;

import java.util.Locale;

/**
 * The transaction pool refused an extrinsic (JSON-RPC codes 1010 to 1014). {@link #reason()} tells
 * the caller what to do next: a stale nonce or an already imported transaction needs reconciliation
 * by nonce, a low balance or a bad signature will not get better by retrying.
 */
public final class TransactionPoolException extends RpcErrorException {

  /** The pool's verdicts, by JSON-RPC error code. */
  public enum PoolError {
    INVALID(1010),
    UNKNOWN_VALIDITY(1011),
    TEMPORARILY_BANNED(1012),
    ALREADY_IMPORTED(1013),
    PRIORITY_TOO_LOW(1014);

    private final int code;

    PoolError(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static PoolError ofCode(int code) {
      for (PoolError e : values()) {
        if (e.code == code) {
          return e;
        }
      }
      return null;
    }
  }

  /** The detailed reason of a 1010 "Invalid Transaction", read from the error's data. */
  public enum InvalidReason {
    STALE_NONCE,
    CANNOT_PAY_FEES,
    BAD_SIGNATURE,
    ANCIENT_BIRTH_BLOCK,
    EXHAUSTS_RESOURCES,
    OTHER;

    static InvalidReason of(String data) {
      String d = data == null ? "" : data.toLowerCase(Locale.ROOT);
      if (d.contains("outdated")) {
        return STALE_NONCE;
      }
      if (d.contains("pay some fees")) {
        return CANNOT_PAY_FEES;
      }
      if (d.contains("bad signature")) {
        return BAD_SIGNATURE;
      }
      if (d.contains("ancient birth block")) {
        return ANCIENT_BIRTH_BLOCK;
      }
      if (d.contains("exhaust")) {
        return EXHAUSTS_RESOURCES;
      }
      return OTHER;
    }
  }

  private final PoolError pool;

  TransactionPoolException(
      String method, PoolError pool, int errorCode, String errorMessage, String data) {
    super(method, errorCode, errorMessage, data);
    this.pool = pool;
  }

  public PoolError poolError() {
    return pool;
  }

  /**
   * For {@link PoolError#INVALID}, the classified reason; {@link InvalidReason#OTHER} otherwise.
   */
  public InvalidReason reason() {
    return pool == PoolError.INVALID ? InvalidReason.of(data()) : InvalidReason.OTHER;
  }

  /**
   * Maps an error object to the pool exception when its code is 1010-1014, else to the plain one.
   */
  static RpcErrorException of(String method, int code, String message, String data) {
    PoolError pool = PoolError.ofCode(code);
    return pool == null
        ? new RpcErrorException(method, code, message, data)
        : new TransactionPoolException(method, pool, code, message, data);
  }
}
