package io.joysync.joystream.orion;

/**
 * A failed Orion request. The three kinds are closed: the query itself was refused ({@link
 * OrionQueryException}), Orion could not be reached or answered with a server error ({@link
 * OrionUnavailableException}, worth retrying later), or the reply was not the GraphQL JSON that was
 * asked for ({@link OrionResponseException}). Each carries a stable {@link #code()}.
 */
public abstract sealed class OrionException extends RuntimeException
    permits OrionQueryException, OrionUnavailableException, OrionResponseException {
  private static final long serialVersionUID = 1L;

  OrionException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Stable machine-readable code, e.g. {@code ORION_UNAVAILABLE}. */
  public abstract String code();

  /** Whether the same request may succeed later without any change. */
  public abstract boolean retryable();
}
