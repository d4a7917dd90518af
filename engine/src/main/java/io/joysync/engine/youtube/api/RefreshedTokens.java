package io.joysync.engine.youtube.api;

import com.google.api.client.auth.oauth2.TokenResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The access tokens this node obtained by refreshing, reused until shortly before they expire, so
 * that an owner call does not start with a stale token (a 401, a refresh and a repeat that YouTube
 * charges again). Keyed by a hash of the refresh token; bounded, least recently used first out.
 */
final class RefreshedTokens {

  private record Entry(String accessToken, Instant expiresAt) {}

  private final Map<String, Entry> entries;

  RefreshedTokens(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized void remember(String refreshToken, TokenResponse response) {
    if (response.getAccessToken() == null) {
      return;
    }
    long lifetime = response.getExpiresInSeconds() == null ? 3_600 : response.getExpiresInSeconds();
    entries.put(
        key(refreshToken),
        new Entry(
            response.getAccessToken(), Instant.now().plusSeconds(Math.max(0, lifetime - 60))));
  }

  synchronized Optional<String> latest(String refreshToken) {
    Entry entry = entries.get(key(refreshToken));
    if (entry == null || !entry.expiresAt().isAfter(Instant.now())) {
      return Optional.empty();
    }
    return Optional.of(entry.accessToken());
  }

  private static String key(String refreshToken) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
