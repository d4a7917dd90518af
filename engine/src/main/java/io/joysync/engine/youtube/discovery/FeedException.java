package io.joysync.engine.youtube.discovery;

/**
 * A feed or notification that could not be used: {@code FEED_INVALID_XML} (not well-formed,
 * truncated, or carrying a DTD), {@code FEED_MALFORMED} (well-formed but missing what YouTube
 * always sends), {@code FEED_NOT_FOUND}, {@code FEED_TOO_LARGE}, {@code FEED_UNAVAILABLE}
 * (retryable).
 */
public final class FeedException extends Exception {

  private final String code;

  public FeedException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return code.equals("FEED_UNAVAILABLE");
  }
}
