package io.joysync.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * Parses the array bodies of operator batch endpoints. Every item is checked before anything is
 * done, and every problem is named with the item's index, so that a bad batch changes nothing.
 */
final class BatchBody {

  /** Reads one item; adds a sentence to {@code problems} for each thing wrong with it. */
  interface ItemReader<T> {
    Optional<T> read(JsonNode item, String at, List<String> problems);
  }

  private BatchBody() {}

  static <T> List<T> parse(String body, int maxItems, String shape, ItemReader<T> reader) {
    JsonNode root = Json.parse(body);
    if (!root.isArray()) {
      throw ApiException.badRequest("INVALID_BODY", "The body must be an array of " + shape);
    }
    if (root.size() > maxItems) {
      throw ApiException.badRequest(
          "INVALID_BODY", "At most " + maxItems + " items can be sent in one request");
    }
    List<String> problems = new ArrayList<>();
    List<T> items = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      if (!item.isObject()) {
        problems.add(i + " must be an object: " + shape);
        continue;
      }
      reader.read(item, String.valueOf(i), problems).ifPresent(items::add);
    }
    if (!problems.isEmpty()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_BODY", problems);
    }
    return List.copyOf(items);
  }

  static Optional<Long> joystreamId(JsonNode item, String at, List<String> problems) {
    JsonNode n = item.get("joystreamChannelId");
    if (n == null || n.isNull()) {
      problems.add(at + ".joystreamChannelId is required");
    } else if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
      problems.add(at + ".joystreamChannelId must be a whole number");
    } else if (n.asLong() < 0 || n.asLong() > JoystreamIds.MAX) {
      problems.add(at + ".joystreamChannelId must be between 0 and " + JoystreamIds.MAX);
    } else {
      return Optional.of(n.asLong());
    }
    return Optional.empty();
  }

  static Optional<String> text(
      JsonNode item, String field, int maxLength, String at, List<String> problems) {
    JsonNode n = item.get(field);
    if (n == null || n.isNull()) {
      problems.add(at + "." + field + " is required");
    } else if (!n.isTextual()) {
      problems.add(at + "." + field + " must be a string");
    } else if (n.textValue().isBlank()) {
      problems.add(at + "." + field + " must not be empty");
    } else if (n.textValue().length() > maxLength) {
      problems.add(at + "." + field + " must be at most " + maxLength + " characters long");
    } else {
      return Optional.of(n.textValue());
    }
    return Optional.empty();
  }

  static Optional<Boolean> bool(JsonNode item, String field, String at, List<String> problems) {
    JsonNode n = item.get(field);
    if (n == null || n.isNull()) {
      problems.add(at + "." + field + " is required");
    } else if (!n.isBoolean()) {
      problems.add(at + "." + field + " must be a boolean");
    } else {
      return Optional.of(n.booleanValue());
    }
    return Optional.empty();
  }
}
