package io.joysync.engine.youtube.api;

/** What a sign-up's authorization code yields: the Google user id and email, and the tokens. */
public record SignUpAuthorization(String userId, String email, OwnerTokens tokens) {}
