package io.joysync.joystream.content;

/**
 * Video facts that cannot become valid Joystream metadata (negative sizes, a malformed language
 * code...). Thrown before anything is encoded, so bad input never reaches the chain.
 */
public final class InvalidMetadataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidMetadataException(String message) {
    super("Invalid metadata: " + message);
  }
}
