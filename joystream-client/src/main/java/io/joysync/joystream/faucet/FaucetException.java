package io.joysync.joystream.faucet;

/**
 * The faucet did not create the membership, or did not say so. {@link #code()} is the faucet's own
 * error (such as {@code HandleAlreadyRegistered} or {@code InvalidAddress}) when it answered, or
 * the transport's cause ({@code ECONNREFUSED}, {@code TIMEOUT}, ...) when it did not; {@link
 * #httpStatus()} is the faucet's HTTP status, 0 when no answer came; {@link #nothingBought()} tells
 * a certain refusal from a failure after which the membership may exist. The message never contains
 * the bypass key.
 */
public final class FaucetException extends RuntimeException {
  private final String code;
  private final int httpStatus;
  private final boolean nothingBought;

  public FaucetException(
      String code, int httpStatus, boolean nothingBought, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.httpStatus = httpStatus;
    this.nothingBought = nothingBought;
  }

  public FaucetException(String code, int httpStatus, boolean nothingBought, String message) {
    this(code, httpStatus, nothingBought, message, null);
  }

  public String code() {
    return code;
  }

  /** The HTTP status of the faucet's answer, or 0 when the request got no answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Whether the faucet certainly bought no membership: it refused the request before submitting
   * anything, or the request never reached it. False when the outcome is unknown (a timeout after
   * sending, a dropped connection, a server error, an answer without a member id).
   */
  public boolean nothingBought() {
    return nothingBought;
  }
}
