package io.joysync.http;

/** Joystream channel and member ids as they arrive in paths and bodies: unsigned 64-bit numbers. */
final class JoystreamIds {

  /** JSON numbers above this lose precision in JavaScript clients; Joystream ids stay far below. */
  static final long MAX = 9_007_199_254_740_991L;

  private JoystreamIds() {}

  /** A path parameter; youtube-synch's message for a non-numeric one. */
  static long parse(String raw) {
    if (raw.isEmpty() || raw.length() > 16 || !raw.chars().allMatch(Character::isDigit)) {
      throw ApiException.badRequest("INVALID_ID", "Validation failed (numeric string is expected)");
    }
    long id = Long.parseLong(raw);
    if (id > MAX) {
      throw ApiException.badRequest("INVALID_ID", "The id " + raw + " is too large");
    }
    return id;
  }
}
