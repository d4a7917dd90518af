package io.joysync.engine.youtube.api;

import io.joysync.engine.youtube.YoutubeEndpoints;
import java.time.Duration;
import java.util.Objects;

/**
 * The Data API client's settings: the OAuth client, the API key for public calls, endpoints, and
 * the retry policy for transient failures. {@link #toString()} never shows the secret or the key.
 */
public record YoutubeApiSettings(
    YoutubeEndpoints endpoints,
    String clientId,
    String clientSecret,
    String apiKey,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration timeout) {

  public YoutubeApiSettings {
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(apiKey, "apiKey");
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be 1..10, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  @Override
  public String toString() {
    return "YoutubeApiSettings[endpoints="
        + endpoints
        + ", clientId="
        + clientId
        + ", clientSecret=<redacted>, apiKey=<redacted>, maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", timeout="
        + timeout
        + "]";
  }
}
