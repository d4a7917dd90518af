package io.joysync.devnet.youtube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Google's OAuth endpoints as joysync uses them: the authorization endpoint (redirects back with a
 * code, for the demo front-end), the token endpoint ({@code authorization_code} and {@code
 * refresh_token} grants, client authenticated by body parameters or Basic) and token info ({@code
 * sub}, {@code email}, {@code scope}, {@code expires_in}).
 */
final class OAuthEndpoints {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OAuthAuthority authority;
  private final DevnetWorld world;
  private final YoutubeDevnetSettings settings;
  private final Supplier<YoutubeFaults> faults;

  OAuthEndpoints(
      OAuthAuthority authority,
      DevnetWorld world,
      YoutubeDevnetSettings settings,
      Supplier<YoutubeFaults> faults) {
    this.authority = authority;
    this.world = world;
    this.settings = settings;
    this.faults = faults;
  }

  Reply token(Map<String, String> form, Optional<String> authorization) {
    authority.revokeAll(faults.get().tokensRevoked());
    String clientId = form.get("client_id");
    String clientSecret = form.get("client_secret");
    if (authorization.isPresent() && authorization.get().startsWith("Basic ")) {
      String[] pair =
          new String(
                  Base64.getDecoder().decode(authorization.get().substring(6).trim()),
                  StandardCharsets.UTF_8)
              .split(":", 2);
      clientId = pair[0];
      clientSecret = pair.length > 1 ? pair[1] : null;
    }
    if (!settings.clientId().equals(clientId) || !settings.clientSecret().equals(clientSecret)) {
      return GoogleErrors.oauth(401, "invalid_client", "The OAuth client was not found.");
    }
    String grantType = form.getOrDefault("grant_type", "");
    Optional<OAuthAuthority.Tokens> tokens;
    switch (grantType) {
      case "authorization_code" -> {
        String code = form.get("code");
        String redirect = form.get("redirect_uri");
        if (code == null || redirect == null) {
          return GoogleErrors.oauth(
              400, "invalid_request", "Missing required parameter: code or redirect_uri");
        }
        tokens = authority.redeem(code, redirect);
        if (tokens.isEmpty()) {
          return GoogleErrors.oauth(400, "invalid_grant", "Malformed auth code.");
        }
      }
      case "refresh_token" -> {
        String refresh = form.get("refresh_token");
        tokens = refresh == null ? Optional.empty() : authority.refresh(refresh);
        if (tokens.isEmpty()) {
          return GoogleErrors.oauth(400, "invalid_grant", "Token has been expired or revoked.");
        }
      }
      default -> {
        return GoogleErrors.oauth(
            400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
      }
    }
    OAuthAuthority.Tokens t = tokens.get();
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", t.accessToken());
    body.put("expires_in", t.expiresInSeconds());
    if (t.refreshToken() != null) {
      body.put("refresh_token", t.refreshToken());
    }
    body.put("scope", String.join(" ", t.scopes()));
    body.put("token_type", "Bearer");
    return Reply.json(200, body.toString());
  }

  Reply tokenInfo(Map<String, String> params) {
    authority.revokeAll(faults.get().tokensRevoked());
    String token = params.get("access_token");
    Optional<OAuthAuthority.AccessGrant> grant =
        token == null ? Optional.empty() : authority.access(token);
    if (grant.isEmpty()) {
      return GoogleErrors.oauth(400, "invalid_token", "Invalid Value");
    }
    OAuthAuthority.AccessGrant g = grant.get();
    DevnetWorld.Creator creator = world.creator(g.sub()).orElseThrow();
    ObjectNode body = JSON.createObjectNode();
    body.put("azp", settings.clientId());
    body.put("aud", settings.clientId());
    if (g.scopes().contains(OAuthAuthority.SCOPE_PROFILE)) {
      body.put("sub", creator.sub());
    }
    body.put("scope", String.join(" ", g.scopes()));
    body.put("exp", Long.toString(g.expiresAt().getEpochSecond()));
    body.put(
        "expires_in",
        Long.toString(Math.max(0, g.expiresAt().getEpochSecond() - world.now().getEpochSecond())));
    if (g.scopes().contains(OAuthAuthority.SCOPE_EMAIL)) {
      body.put("email", creator.email());
      body.put("email_verified", "true");
    }
    body.put("access_type", "offline");
    return Reply.json(200, body.toString());
  }

  /** The consent screen, short-circuited: the account named by {@code login_hint} consents. */
  Reply authorize(Map<String, String> params) {
    String redirect = params.get("redirect_uri");
    if (!settings.clientId().equals(params.get("client_id")) || redirect == null) {
      return Reply.text(400, "text/plain", "Error 400: invalid_request");
    }
    String hint = params.getOrDefault("login_hint", DevnetSeed.ALICE);
    Optional<DevnetWorld.Creator> creator =
        world.creatorByEmail(hint).or(() -> world.creator(hint));
    if (creator.isEmpty()) {
      return Reply.text(400, "text/plain", "Error 400: unknown account " + hint);
    }
    String code =
        authority.issueCode(
            creator.get().sub(),
            redirect,
            scopes(params.get("scope")),
            "offline".equals(params.get("access_type")));
    String location =
        redirect
            + (redirect.contains("?") ? "&" : "?")
            + "code="
            + URLEncoder.encode(code, StandardCharsets.UTF_8)
            + (params.containsKey("state")
                ? "&state=" + URLEncoder.encode(params.get("state"), StandardCharsets.UTF_8)
                : "");
    return Reply.text(302, "text/plain", "").withHeaders(Map.of("Location", location));
  }

  static Set<String> scopes(String scope) {
    if (scope == null || scope.isBlank()) {
      return Set.of(
          OAuthAuthority.SCOPE_YOUTUBE, OAuthAuthority.SCOPE_PROFILE, OAuthAuthority.SCOPE_EMAIL);
    }
    return Arrays.stream(scope.split("[ ,]+"))
        .filter(s -> !s.isBlank())
        .map(OAuthEndpoints::expand)
        .collect(Collectors.toSet());
  }

  private static String expand(String scope) {
    return switch (scope) {
      case "profile" -> OAuthAuthority.SCOPE_PROFILE;
      case "email" -> OAuthAuthority.SCOPE_EMAIL;
      default -> scope;
    };
  }
}
