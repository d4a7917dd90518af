package io.joysync.joystream.colossus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.joystream.colossus.UploadOutcome.Reason;
import java.io.IOException;
import java.util.Optional;

/**
 * Maps a storage node's reply to an upload onto an {@link UploadOutcome}. Colossus replies 201
 * {@code {"id":"<content id>"}} on success and {@code {"type":"upload","message":"Error: ..."}}
 * otherwise; the message decides: "already exist" is success whatever the status, hash, size and
 * missing-object messages are final, 503 and every other error may succeed later.
 */
final class UploadReplies {
  private UploadReplies() {}

  static UploadOutcome classify(int status, String body, ObjectMapper json) {
    String message = message(body, json);
    if (status == 201 || status == 200) {
      return new UploadOutcome.Stored(id(body, json));
    }
    if (message.contains("already exist")) {
      return new UploadOutcome.AlreadyStored(message);
    }
    if (message.contains("multihash doesn't match")) {
      return new UploadOutcome.FinalFailure(Reason.HASH_MISMATCH, status, message);
    }
    if (message.contains("size doesn't match")) {
      return new UploadOutcome.FinalFailure(Reason.SIZE_MISMATCH, status, message);
    }
    if (message.contains("doesn't exist in storage bag")) {
      return new UploadOutcome.FinalFailure(Reason.OBJECT_NOT_IN_BAG, status, message);
    }
    Reason reason =
        status == 503
            ? Reason.NOT_ACCEPTING_UPLOADS
            : status >= 500 ? Reason.SERVER_ERROR : Reason.REJECTED;
    return new UploadOutcome.RetryableFailure(reason, status, message);
  }

  private static String message(String body, ObjectMapper json) {
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.path("message").isTextual()) {
        return node.get("message").asText();
      }
    } catch (IOException notJson) {
      // the raw body is the message
    }
    return body;
  }

  private static Optional<String> id(String body, ObjectMapper json) {
    try {
      JsonNode node = json.readTree(body);
      return node != null && node.path("id").isTextual()
          ? Optional.of(node.get("id").asText())
          : Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }
}
