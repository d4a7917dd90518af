package io.joysync.engine.whitelist;

import java.util.Locale;
import java.util.Optional;

/**
 * A YouTube channel handle as joysync stores it: starts with {@code @}, lower-cased, so that
 * {@code @Creator} and {@code @creator} name the same channel everywhere (youtube-synch compared
 * lower-cased handles but deleted by the handle as given, which left rows behind).
 */
public record ChannelHandle(String value) {

  /** YouTube handles are 3 to 30 characters after the {@code @}; leave room for odd legacy ones. */
  public static final int MAX_LENGTH = 100;

  public ChannelHandle {
    Optional<String> problem = problemWith(value);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    value = value.toLowerCase(Locale.ROOT);
  }

  /** Parses a handle as a user typed it, or returns the reason it is not one. */
  public static Optional<String> problemWith(String raw) {
    if (raw == null) {
      return Optional.of("The channel handle is required");
    }
    if (!raw.startsWith("@")) {
      return Optional.of("The channel handle should start with a \"@\"");
    }
    if (raw.length() < 2) {
      return Optional.of("The channel handle needs at least one character after the \"@\"");
    }
    if (raw.length() > MAX_LENGTH) {
      return Optional.of("The channel handle must be at most " + MAX_LENGTH + " characters long");
    }
    for (int i = 1; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == '@') {
        return Optional.of(
            "The channel handle must not contain spaces, control characters, \"/\" or a second"
                + " \"@\"");
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
