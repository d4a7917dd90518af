package io.joysync.joystream.faucet;

/**
 * The faucet did not create the membership. {@link #code()} is the faucet's own error (such as
 * {@code HandleAlreadyRegistered} or {@code InvalidAddress}) when it answered, or the transport's
 * cause ({@code ECONNREFUSED}, {@code TIMEOUT}, ...) when it did not; {@link #httpStatus()} is the
 * faucet's HTTP status, 0 when no answer came. The message never contains the bypass key.
 */
public final class FaucetException extends RuntimeException {
  private final String code;
  private final int httpStatus;

  public FaucetException(String code, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public FaucetException(String code, int httpStatus, String message) {
    this(code, httpStatus, message, null);
  }

  public String code() {
    return code;
  }

  /** The HTTP status of the faucet's answer, or 0 when the request got no answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
