package io.joysync.joystream.rpc;

import java.time.Duration;

/** No answer came within the request's timeout; a late answer is ignored. */
public final class RpcTimeoutException extends RpcException {
  public RpcTimeoutException(String method, Duration timeout) {
    super("rpc.timeout", method + " got no answer within " + timeout.toMillis() + " ms");
  }
}
