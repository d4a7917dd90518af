package io.joysync.joystream.orion;

/**
 * Orion's reply was not what the query asked for: not JSON, no {@code data}, a missing or mistyped
 * field, an unexpected HTTP status, or a body over the size limit. Usually a wrong endpoint or an
 * incompatible Orion version; the message names the field or status.
 */
public final class OrionResponseException extends OrionException {
  private static final long serialVersionUID = 1L;

  public OrionResponseException(String message) {
    super(message, null);
  }

  public OrionResponseException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "ORION_BAD_RESPONSE";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
