package io.joysync.engine.youtube;

/**
 * Every way a YouTube Data API or OAuth call can fail, as a closed set with a stable code and a
 * sentence an operator can act on. Only {@link Transient} is worth retrying soon; {@link
 * TokenRevoked} must never opt a channel out by itself (youtube-synch opted out more than 10 000
 * channels that way); {@link QuotaExceeded} means wait for the next Pacific-time day. Messages
 * never contain tokens or keys.
 */
public abstract sealed class YoutubeApiException extends Exception {

  private final String code;

  private YoutubeApiException(String code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether the same call may succeed if simply tried again after a pause. */
  public boolean retryable() {
    return this instanceof Transient;
  }

  /** OAuth {@code invalid_grant}: the owner revoked joysync or the refresh token expired. */
  public static final class TokenRevoked extends YoutubeApiException {
    public TokenRevoked(String message) {
      super("YOUTUBE_TOKEN_REVOKED", message, null);
    }
  }

  /** The daily quota (YouTube's, or joysync's own budget for this purpose) is spent. */
  public static final class QuotaExceeded extends YoutubeApiException {
    public QuotaExceeded(String message) {
      super("YOUTUBE_QUOTA_LIMIT_EXCEEDED", message, null);
    }
  }

  /** The YouTube account of the authenticated user is suspended (channel terminated). */
  public static final class AccountSuspended extends YoutubeApiException {
    public AccountSuspended(String message) {
      super("YOUTUBE_ACCOUNT_SUSPENDED", message, null);
    }
  }

  /** YouTube refused the call for another reason (missing rights, invalid key, bad request). */
  public static final class Forbidden extends YoutubeApiException {
    public Forbidden(String code, String message) {
      super(code, message, null);
    }
  }

  /** The channel, playlist or video does not exist (or is not visible to the caller). */
  public static final class NotFound extends YoutubeApiException {
    public NotFound(String message) {
      super("YOUTUBE_NOT_FOUND", message, null);
    }
  }

  /** 5xx, rate limiting or a network failure: retried with backoff, then surfaced. */
  public static final class Transient extends YoutubeApiException {
    public Transient(String message, Throwable cause) {
      super("YOUTUBE_API_NOT_CONNECTED", message, cause);
    }
  }

  /** A 2xx answer that is not the JSON it should be. */
  public static final class MalformedResponse extends YoutubeApiException {
    public MalformedResponse(String message, Throwable cause) {
      super("YOUTUBE_MALFORMED_RESPONSE", message, cause);
    }
  }

  /**
   * The sign-up authorization cannot be used: code exchange refused, offline access or a required
   * scope missing. The code says which.
   */
  public static final class AuthorizationRejected extends YoutubeApiException {
    public AuthorizationRejected(String code, String message) {
      super(code, message, null);
    }
  }
}
