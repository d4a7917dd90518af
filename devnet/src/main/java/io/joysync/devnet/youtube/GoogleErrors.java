package io.joysync.devnet.youtube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error bodies in the exact shape Google APIs use ({@code {"error":{"code","message","errors":[{
 * "message","domain","reason"}],"status"}}}), which is what the Google client parses into {@code
 * GoogleJsonError}, and the OAuth error shape ({@code {"error","error_description"}}).
 */
final class GoogleErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GoogleErrors() {}

  static Reply api(int code, String status, String domain, String reason, String message) {
    return api(code, status, domain, reason, message, message);
  }

  private static Reply api(
      int code, String status, String domain, String reason, String message, String itemMessage) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode item = error.putArray("errors").addObject();
    item.put("message", itemMessage);
    item.put("domain", domain);
    item.put("reason", reason);
    error.put("status", status);
    return Reply.json(code, root.toString());
  }

  static Reply quotaExceeded() {
    return api(
        403,
        "PERMISSION_DENIED",
        "youtube.quota",
        "quotaExceeded",
        "The request cannot be completed because you have exceeded your quota.");
  }

  /** An access token granted without the YouTube scope (the creator unticked it on consent). */
  static Reply insufficientScopes() {
    return api(
        403,
        "PERMISSION_DENIED",
        "global",
        "insufficientPermissions",
        "Request had insufficient authentication scopes.",
        "Insufficient Permission");
  }

  static Reply backendError() {
    return api(
        503, "UNAVAILABLE", "global", "backendError", "The service is currently unavailable.");
  }

  static Reply unauthorized() {
    return api(
        401,
        "UNAUTHENTICATED",
        "global",
        "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
            + " cookie or other valid authentication credential.");
  }

  static Reply badRequest(String reason, String message) {
    return api(400, "INVALID_ARGUMENT", "youtube.parameter", reason, message);
  }

  static Reply forbidden(String reason, String message) {
    return api(403, "PERMISSION_DENIED", "youtube.common", reason, message);
  }

  static Reply notFound(String reason, String message) {
    return api(404, "NOT_FOUND", "youtube.common", reason, message);
  }

  static Reply oauth(int code, String error, String description) {
    ObjectNode root = JSON.createObjectNode();
    root.put("error", error);
    root.put("error_description", description);
    return Reply.json(code, root.toString());
  }
}
