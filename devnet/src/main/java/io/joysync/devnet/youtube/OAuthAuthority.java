package io.joysync.devnet.youtube;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google's authorization server in miniature: one-time authorization codes bound to a redirect URI,
 * access tokens that expire, refresh tokens that only exist for offline access, and the revocation
 * that produces {@code invalid_grant}. Scopes decide what token info reveals ({@code sub} needs
 * profile, {@code email} needs email), as with Google.
 */
final class OAuthAuthority {

  static final String SCOPE_YOUTUBE = "https://www.googleapis.com/auth/youtube.readonly";
  static final String SCOPE_YOUTUBE_FULL = "https://www.googleapis.com/auth/youtube";
  static final String SCOPE_PROFILE = "https://www.googleapis.com/auth/userinfo.profile";
  static final String SCOPE_EMAIL = "https://www.googleapis.com/auth/userinfo.email";

  record Code(String sub, String redirectUri, Set<String> scopes, boolean offline) {}

  record AccessGrant(String sub, Set<String> scopes, Instant expiresAt) {}

  record Tokens(
      String accessToken, String refreshToken, long expiresInSeconds, Set<String> scopes) {}

  record Issued(List<String> accessTokens, List<String> refreshTokens) {}

  private static final int MAX_OUTSTANDING_CODES = 10_000;

  private final DevnetWorld world;
  private final Duration accessLifetime;
  private final Map<String, Code> codes = new LinkedHashMap<>();
  private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Code> refreshTokens = new ConcurrentHashMap<>();
  private volatile boolean allRevoked;

  OAuthAuthority(DevnetWorld world, Duration accessLifetime) {
    this.world = world;
    this.accessLifetime = accessLifetime;
  }

  synchronized String issueCode(
      String sub, String redirectUri, Set<String> scopes, boolean offline) {
    if (world.creator(sub).isEmpty()) {
      throw new IllegalArgumentException("unknown Google account " + sub);
    }
    if (codes.size() >= MAX_OUTSTANDING_CODES) {
      codes.remove(codes.keySet().iterator().next());
    }
    String code = world.randomToken("4/0devnet");
    codes.put(code, new Code(sub, redirectUri, Set.copyOf(scopes), offline));
    return code;
  }

  /** Redeems a code once; empty when it is unknown, used, or bound to another redirect URI. */
  synchronized Optional<Tokens> redeem(String code, String redirectUri) {
    Code grant = codes.remove(code);
    if (grant == null || !grant.redirectUri().equals(redirectUri)) {
      return Optional.empty();
    }
    String refresh = null;
    if (grant.offline()) {
      refresh = world.randomToken("1//devnet");
      refreshTokens.put(refresh, grant);
    }
    return Optional.of(newAccess(grant, refresh));
  }

  Optional<Tokens> refresh(String refreshToken) {
    Code grant = refreshTokens.get(refreshToken);
    if (grant == null || allRevoked) {
      return Optional.empty();
    }
    return Optional.of(newAccess(grant, null));
  }

  /** The grant behind a live access token; empty when unknown, expired or revoked. */
  Optional<AccessGrant> access(String accessToken) {
    AccessGrant grant = accessTokens.get(accessToken);
    if (grant == null || allRevoked || !grant.expiresAt().isAfter(world.now())) {
      return Optional.empty();
    }
    return Optional.of(grant);
  }

  /**
   * Every access and refresh token issued to {@code sub} and still held (sorted, not in issue
   * order): lets a test check where a client put the tokens it was given.
   */
  Issued issuedTo(String sub) {
    List<String> access =
        accessTokens.entrySet().stream()
            .filter(e -> e.getValue().sub().equals(sub))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    List<String> refresh =
        refreshTokens.entrySet().stream()
            .filter(e -> e.getValue().sub().equals(sub))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    return new Issued(access, refresh);
  }

  void revokeAll(boolean revoked) {
    allRevoked = revoked;
  }

  /** Makes every access token expire now, so the next owner call must refresh. */
  void expireAccessTokens() {
    accessTokens.replaceAll((t, g) -> new AccessGrant(g.sub(), g.scopes(), world.now()));
  }

  private Tokens newAccess(Code grant, String refresh) {
    if (accessTokens.size() > MAX_OUTSTANDING_CODES * 5) {
      accessTokens.values().removeIf(g -> !g.expiresAt().isAfter(world.now()));
    }
    String access = world.randomToken("ya29.devnet");
    accessTokens.put(
        access, new AccessGrant(grant.sub(), grant.scopes(), world.now().plus(accessLifetime)));
    return new Tokens(access, refresh, accessLifetime.toSeconds(), grant.scopes());
  }
}
