package io.joysync.devnet.youtube;

import java.util.Map;

/**
 * A transport-neutral HTTP answer of the devnet's YouTube logic: status, optional reason phrase,
 * content type, body and extra headers. Keeping the logic free of the HTTP library lets the same
 * rules be read and tested without a server.
 */
record Reply(
    int status, String reason, String contentType, byte[] body, Map<String, String> headers) {

  static Reply json(int status, String body) {
    return new Reply(status, null, "application/json; charset=UTF-8", utf8(body), Map.of());
  }

  static Reply text(int status, String contentType, String body) {
    return new Reply(status, null, contentType, utf8(body), Map.of());
  }

  Reply withHeaders(Map<String, String> extra) {
    return new Reply(status, reason, contentType, body, Map.copyOf(extra));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
