package io.joysync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.joystream.scale.Hex;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An owner-signed request body {@code {signature, message}} (youtube-synch section 3.2). The signed
 * bytes are the server's re-serialisation of {@code message} as {@code JSON.stringify} writes it:
 * keys in the order received, no spaces, and {@code timestamp} normalised to ISO-8601 UTC with
 * milliseconds, so a browser wallet's signature over its own {@code JSON.stringify} verifies here.
 */
record SignedMessage(byte[] signature, JsonNode message, Instant timestamp, byte[] signedBytes) {

  private static final DateTimeFormatter JS_ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static SignedMessage parse(String body, List<String> problems) {
    JsonNode root = Json.parse(body);
    if (!root.isObject()) {
      throw ApiException.badRequest(
          "INVALID_BODY", "The body must be an object {signature, message}");
    }
    byte[] signature = null;
    JsonNode sig = root.get("signature");
    if (sig == null || !sig.isTextual()) {
      problems.add("signature must be a hex string");
    } else {
      try {
        signature = Hex.decode(sig.textValue());
        if (signature.length != 64) {
          problems.add("signature must be 64 bytes");
        }
      } catch (IllegalArgumentException e) {
        problems.add("signature must be a hex string");
      }
    }
    JsonNode message = root.get("message");
    Instant timestamp = null;
    if (message == null || !message.isObject()) {
      problems.add("message must be an object");
    } else {
      timestamp = timestamp(message.get("timestamp"), problems);
    }
    if (!problems.isEmpty()) {
      return null;
    }
    ObjectNode normalised = Json.MAPPER.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = message.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equals("timestamp")) {
        normalised.put("timestamp", JS_ISO.format(timestamp));
      } else {
        normalised.set(f.getKey(), f.getValue());
      }
    }
    try {
      byte[] bytes = Json.MAPPER.writeValueAsBytes(normalised);
      return new SignedMessage(signature, message, timestamp, bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A parsed JSON tree always serialises", e);
    }
  }

  /** A date as JavaScript's {@code Date} takes it: an ISO-8601 string or epoch milliseconds. */
  private static Instant timestamp(JsonNode n, List<String> problems) {
    if (n == null || n.isNull()) {
      problems.add("message.timestamp is required");
      return null;
    }
    if (n.canConvertToExactIntegral() && n.canConvertToLong()) {
      return Instant.ofEpochMilli(n.asLong());
    }
    if (n.isTextual() && n.textValue().length() <= 40) {
      try {
        return OffsetDateTime.parse(n.textValue()).toInstant().truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        problems.add("message.timestamp must be an ISO-8601 date");
        return null;
      }
    }
    problems.add("message.timestamp must be an ISO-8601 date");
    return null;
  }
}
