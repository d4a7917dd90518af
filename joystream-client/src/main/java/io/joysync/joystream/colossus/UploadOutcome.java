package io.joysync.joystream.colossus;

import java.util.Optional;

/**
 * What became of one upload. Closed set: {@link Stored} and {@link AlreadyStored} are success (the
 * node holds the file); {@link FinalFailure} will fail again however often it is retried (the file
 * does not match what the chain expects, or the object is not in the bag); {@link RetryableFailure}
 * may succeed later or on another node.
 */
public sealed interface UploadOutcome {

  /** Whether the node now holds the file. */
  default boolean succeeded() {
    return this instanceof Stored || this instanceof AlreadyStored;
  }

  /** HTTP 201: the node took the file; {@code contentId} is the id it computed, when it said. */
  record Stored(Optional<String> contentId) implements UploadOutcome {}

  /** The node already has the object (pending or accepted). */
  record AlreadyStored(String message) implements UploadOutcome {}

  /** Repeating the same upload cannot succeed. */
  record FinalFailure(Reason reason, int httpStatus, String message) implements UploadOutcome {}

  /** The upload may succeed later or on another node. {@code httpStatus} is 0 without reply. */
  record RetryableFailure(Reason reason, int httpStatus, String message) implements UploadOutcome {}

  /** Why an upload failed. */
  enum Reason {
    /** The file's content id differs from the data object's on chain. Final. */
    HASH_MISMATCH,
    /** The file's size differs from the data object's on chain. Final. */
    SIZE_MISMATCH,
    /** The data object does not exist in the bag. Final. */
    OBJECT_NOT_IN_BAG,
    /** The local file is missing or unreadable. Final. */
    LOCAL_FILE_UNREADABLE,
    /** HTTP 503: the node does not take uploads into this bucket now. */
    NOT_ACCEPTING_UPLOADS,
    /** Another 4xx (bucket not operated here, bag not assigned...): try another node. */
    REJECTED,
    /** HTTP 5xx. */
    SERVER_ERROR,
    /** No reply in time. */
    TIMEOUT,
    /** Connection refused, reset or failed. */
    UNREACHABLE
  }
}
