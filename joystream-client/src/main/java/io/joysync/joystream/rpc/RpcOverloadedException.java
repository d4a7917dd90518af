package io.joysync.joystream.rpc;

/**
 * The client already holds as many requests as it may (in flight plus waiting), or a subscriber
 * fell so far behind that its bounded buffer overflowed. Back off and retry later.
 */
public final class RpcOverloadedException extends RpcException {
  public RpcOverloadedException(String message) {
    super("rpc.overloaded", message);
  }
}
