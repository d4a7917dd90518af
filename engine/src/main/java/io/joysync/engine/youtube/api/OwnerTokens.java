package io.joysync.engine.youtube.api;

import java.util.Objects;

/**
 * A channel owner's OAuth tokens. The refresh token is what lasts; the access token may be stale
 * (the client refreshes it). Never printed: {@link #toString()} hides both.
 */
public record OwnerTokens(String accessToken, String refreshToken) {

  public OwnerTokens {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
  }

  @Override
  public String toString() {
    return "OwnerTokens[<redacted>]";
  }
}
