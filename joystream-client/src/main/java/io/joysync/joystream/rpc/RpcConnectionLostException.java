package io.joysync.joystream.rpc;

/**
 * The connection dropped after the request was sent and before its answer came. The node may or may
 * not have acted on it: a submitted extrinsic must be reconciled (by account nonce) before it is
 * sent again.
 */
public final class RpcConnectionLostException extends RpcException {
  public RpcConnectionLostException(String method, String reason) {
    super(
        "rpc.connection-lost",
        method + " was sent but the connection was lost before its answer: " + reason);
  }
}
