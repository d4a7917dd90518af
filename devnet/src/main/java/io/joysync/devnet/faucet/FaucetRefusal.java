package io.joysync.devnet.faucet;

/**
 * Why the faucet did not register a member, as the real faucet answers it: an HTTP status and the
 * {@code error} code of its JSON body (e.g. 400 {@code HandleAlreadyRegistered}).
 */
final class FaucetRefusal extends RuntimeException {
  private final int status;
  private final String error;

  FaucetRefusal(int status, String error, String detail) {
    super(error + ": " + detail, null, false, false);
    this.status = status;
    this.error = error;
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }
}
