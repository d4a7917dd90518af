package io.joysync.joystream.orion;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Typed reads of GraphQL reply fields. Orion sends {@code BigInt} and ids as strings and {@code
 * Int} as numbers; both are accepted for integers. A missing or mistyped required field fails with
 * {@link OrionResponseException} naming the field, never with a default value.
 */
final class ReplyFields {
  private ReplyFields() {}

  static JsonNode object(JsonNode parent, String field, String context) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw missing(context + "." + field, "an object", node);
    }
    return node;
  }

  static Optional<JsonNode> optionalObject(JsonNode parent, String field, String context) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw missing(context + "." + field, "an object or null", node);
    }
    return Optional.of(node);
  }

  static JsonNode array(JsonNode parent, String field, String context) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isArray()) {
      throw missing(context + "." + field, "a list", node);
    }
    return node;
  }

  static long integer(JsonNode parent, String field, String context) {
    JsonNode node = parent.get(field);
    if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node != null && node.isTextual()) {
      try {
        return Long.parseLong(node.asText());
      } catch (NumberFormatException e) {
        throw missing(context + "." + field, "an integer", node);
      }
    }
    throw missing(context + "." + field, "an integer", node);
  }

  static String text(JsonNode parent, String field, String context) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw missing(context + "." + field, "a string", node);
    }
    return node.asText();
  }

  static Optional<String> optionalText(JsonNode parent, String field, String context) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw missing(context + "." + field, "a string or null", node);
    }
    return Optional.of(node.asText());
  }

  static boolean bool(JsonNode parent, String field, String context) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isBoolean()) {
      throw missing(context + "." + field, "a boolean", node);
    }
    return node.asBoolean();
  }

  private static OrionResponseException missing(String path, String expected, JsonNode found) {
    String seen =
        found == null ? "nothing" : found.getNodeType().name().toLowerCase() + " " + found;
    if (seen.length() > 120) {
      seen = seen.substring(0, 120) + "...";
    }
    return new OrionResponseException(
        "Orion reply field " + path + " should be " + expected + " but is " + seen);
  }
}
