package io.joysync.joystream.rpc;

/** The node's answer does not have the shape the method promises (missing field, wrong type). */
public final class RpcProtocolException extends RpcException {
  public RpcProtocolException(String message) {
    super("rpc.protocol", message);
  }

  public RpcProtocolException(String message, Throwable cause) {
    super("rpc.protocol", message, cause);
  }
}
