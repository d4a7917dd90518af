package io.joysync.devnet.chain.rpc;

/**
 * A JSON-RPC error object (code, message, optional data) as a Substrate node (jsonrpsee) sends it:
 * -32700 parse error, -32600 invalid request, -32601 method not found, -32602 invalid params,
 * -32007 request too big, and the author API's pool codes.
 */
public final class RpcError extends RuntimeException {
  private final int code;
  private final String data;

  public RpcError(int code, String message, String data) {
    super(message, null, false, false);
    this.code = code;
    this.data = data;
  }

  public int code() {
    return code;
  }

  public String data() {
    return data;
  }

  public static RpcError parse() {
    return new RpcError(-32700, "Parse error", null);
  }

  public static RpcError invalidRequest() {
    return new RpcError(-32600, "Invalid request", null);
  }

  public static RpcError methodNotFound() {
    return new RpcError(-32601, "Method not found", null);
  }

  public static RpcError invalidParams(String detail) {
    return new RpcError(-32602, "Invalid params", detail);
  }

  public static RpcError tooBig() {
    return new RpcError(-32007, "Request is too big", null);
  }

  public static RpcError internal(String detail) {
    return new RpcError(-32603, "Internal error", detail);
  }
}
