package io.joysync.joystream.orion;

/**
 * Orion could not answer now: connection refused or reset, timeout, HTTP 5xx or 429. The request
 * may be repeated later unchanged.
 */
public final class OrionUnavailableException extends OrionException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;

  public OrionUnavailableException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public String code() {
    return "ORION_UNAVAILABLE";
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
