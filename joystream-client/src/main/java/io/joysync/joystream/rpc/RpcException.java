package io.joysync.joystream.rpc;

/**
 * Every failure the JSON-RPC client reports. The subclasses form a closed set so that callers can
 * tell apart what the node said ({@link RpcErrorException}), what the client gave up on ({@link
 * RpcTimeoutException}, {@link RpcOverloadedException}), and what the connection did ({@link
 * RpcConnectionLostException}, {@link RpcClosedException}); each carries a stable {@link #code()}.
 */
public abstract sealed class RpcException extends RuntimeException
    permits RpcErrorException,
        RpcTimeoutException,
        RpcOverloadedException,
        RpcConnectionLostException,
        RpcClosedException,
        RpcProtocolException {

  private final String code;

  protected RpcException(String code, String message) {
    super(message);
    this.code = code;
  }

  protected RpcException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** A short stable identifier such as {@code rpc.timeout} or {@code rpc.error.1010}. */
  public String code() {
    return code;
  }
}
