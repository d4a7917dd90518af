package io.joysync.http;

import org.apache.pekko.http.javadsl.model.StatusCode;

/**
 * A {@code POST /membership} failure caused by the faucet, answered as youtube-synch answers its
 * {@code FaucetApiError}: the bare object {@code {code, message}} is the body, without {@code
 * statusCode} or {@code error} (Atlas tells faucet failures from other errors by that). Every other
 * error keeps the {@link ErrorBody} shape.
 */
final class FaucetError extends RuntimeException {

  /** The body: the faucet's error code (or the transport cause) and a sentence. */
  record Body(String code, String message) {}

  private final transient StatusCode status;
  private final String code;

  FaucetError(StatusCode status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  StatusCode status() {
    return status;
  }

  Body body() {
    return new Body(code, getMessage());
  }
}
