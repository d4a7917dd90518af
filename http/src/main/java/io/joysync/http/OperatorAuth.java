package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Guards operator endpoints with {@code Authorization: Bearer <key>}. The key comes from config
 * ({@code joysync.http.operator-key} or {@code JOYSYNC_OPERATOR_KEY}); comparison is constant-time
 * over digests so neither content nor length leaks through timing. With no key configured every
 * operator call is refused.
 */
public final class OperatorAuth {

  private final Optional<byte[]> keyDigest;

  public OperatorAuth(String operatorKey) {
    this.keyDigest = operatorKey.isEmpty() ? Optional.empty() : Optional.of(sha256(operatorKey));
  }

  public Route operator(Supplier<Route> inner) {
    return operator("Invalid YPP owner key", inner);
  }

  /**
   * Like {@link #operator(Supplier)}, refusing with {@code refusal} as the 401's sentence (the code
   * stays {@code INVALID_OPERATOR_KEY}), for guarded routes outside youtube-synch's API.
   */
  public Route operator(String refusal, Supplier<Route> inner) {
    return optionalHeaderValueByName(
        "Authorization",
        header -> {
          if (header.isPresent() && matches(header.get())) {
            return inner.get();
          }
          return ErrorHandling.error(StatusCodes.UNAUTHORIZED, "INVALID_OPERATOR_KEY", refusal);
        });
  }

  boolean matches(String authorization) {
    if (keyDigest.isEmpty()) {
      return false;
    }
    // youtube-synch's rule: the key is the second word, whatever the scheme before it.
    String[] parts = authorization.trim().split("\\s+");
    if (parts.length != 2) {
      return false;
    }
    return MessageDigest.isEqual(keyDigest.get(), sha256(parts[1]));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
