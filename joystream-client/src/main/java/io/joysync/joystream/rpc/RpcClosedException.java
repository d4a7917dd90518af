package io.joysync.joystream.rpc;

/** The client was closed; no request is sent after that. */
public final class RpcClosedException extends RpcException {
  public RpcClosedException(String method) {
    super("rpc.closed", method + " not sent: the RPC client is closed");
  }
}
