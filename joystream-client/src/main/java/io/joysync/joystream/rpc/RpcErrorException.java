package io.joysync.joystream.rpc;

/**
 * The node answered with a JSON-RPC error object. {@link #data()} holds the error's {@code data}
 * member as text (Substrate puts the detailed reason there), or null when absent.
 */
public sealed class RpcErrorException extends RpcException permits TransactionPoolException {
  private final int errorCode;
  private final String errorMessage;
  private final String data;

  public RpcErrorException(String method, int errorCode, String errorMessage, String data) {
    super(
        "rpc.error." + errorCode,
        method
            + " failed with JSON-RPC error "
            + errorCode
            + ": "
            + errorMessage
            + (data == null ? "" : " (" + data + ")"));
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.data = data;
  }

  public int errorCode() {
    return errorCode;
  }

  public String errorMessage() {
    return errorMessage;
  }

  public String data() {
    return data;
  }
}
