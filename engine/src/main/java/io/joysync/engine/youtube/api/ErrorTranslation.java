package io.joysync.engine.youtube.api;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import io.joysync.engine.youtube.YoutubeApiException;
import java.io.IOException;
import java.util.Set;

/**
 * Turns what the Google client throws into joysync's closed set of {@link YoutubeApiException}s, by
 * HTTP status and Google's error {@code reason}; the message keeps Google's sentence (which never
 * carries a credential) and drops the request URL (which may carry the API key).
 */
final class ErrorTranslation {

  private static final Set<String> QUOTA = Set.of("quotaExceeded", "dailyLimitExceeded");
  private static final Set<String> RATE = Set.of("rateLimitExceeded", "userRateLimitExceeded");

  private ErrorTranslation() {}

  /**
   * @param refreshError the OAuth error captured while refreshing the owner's access token during
   *     this call, or null
   */
  static YoutubeApiException translate(Throwable failure, String refreshError) {
    if (failure instanceof YoutubeApiException typed) {
      return typed;
    }
    if (failure instanceof TokenResponseException t) {
      String error = t.getDetails() == null ? null : t.getDetails().getError();
      if ("invalid_grant".equals(error)) {
        return revoked();
      }
      if (t.getStatusCode() >= 500) {
        return new YoutubeApiException.Transient(
            "the OAuth token endpoint answered " + t.getStatusCode(), null);
      }
      return new YoutubeApiException.Forbidden(
          "YOUTUBE_OAUTH_REJECTED", "the OAuth token endpoint refused: " + error);
    }
    if (failure instanceof GoogleJsonResponseException g) {
      return fromGoogle(g.getStatusCode(), g.getDetails(), refreshError);
    }
    if (failure instanceof HttpResponseException h) {
      return fromGoogle(h.getStatusCode(), null, refreshError);
    }
    if (failure instanceof IOException io) {
      return new YoutubeApiException.Transient(
          "YouTube could not be reached: " + io.getClass().getSimpleName() + ": " + io.getMessage(),
          null);
    }
    return new YoutubeApiException.MalformedResponse(
        "unexpected answer from YouTube: " + failure, failure);
  }

  static YoutubeApiException.TokenRevoked revoked() {
    return new YoutubeApiException.TokenRevoked(
        "The owner's Google authorization was revoked or has expired (invalid_grant); the creator must"
            + " sign in again. The channel is not opted out automatically.");
  }

  private static YoutubeApiException fromGoogle(
      int status, GoogleJsonError details, String refreshError) {
    String reason = null;
    String message = "HTTP " + status;
    if (details != null) {
      message = details.getMessage() == null ? message : details.getMessage();
      if (details.getErrors() != null && !details.getErrors().isEmpty()) {
        reason = details.getErrors().get(0).getReason();
      }
    }
    if (status == 401 && "invalid_grant".equals(refreshError)) {
      return revoked();
    }
    if (reason != null && QUOTA.contains(reason)) {
      return new YoutubeApiException.QuotaExceeded(
          "YouTube reports the daily quota exceeded: " + message);
    }
    if (status == 429 || status >= 500 || (reason != null && RATE.contains(reason))) {
      return new YoutubeApiException.Transient("YouTube answered " + status + ": " + message, null);
    }
    if ("authenticatedUserAccountSuspended".equals(reason)
        || message.contains("account of the authenticated user is suspended")) {
      return new YoutubeApiException.AccountSuspended(message);
    }
    if (status == 404) {
      return new YoutubeApiException.NotFound(message);
    }
    if ("insufficientPermissions".equals(reason)) {
      // Atlas recognises this exact sentence and asks the creator to grant YouTube access.
      return new YoutubeApiException.Forbidden(
          "YOUTUBE_INSUFFICIENT_PERMISSION", "Insufficient Permission");
    }
    if (status == 401) {
      return new YoutubeApiException.Forbidden(
          "YOUTUBE_UNAUTHORIZED", "YouTube refused the credentials: " + message);
    }
    if (status == 400) {
      return new YoutubeApiException.Forbidden(
          "YOUTUBE_BAD_REQUEST", "YouTube refused the request (" + reason + "): " + message);
    }
    return new YoutubeApiException.Forbidden(
        "YOUTUBE_FORBIDDEN", "YouTube refused the request (" + reason + "): " + message);
  }
}
