package io.joysync.joystream.content;

/** Text or bytes that are not a BLAKE3-256 multihash content id; the message says why. */
public final class InvalidContentIdException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidContentIdException(String message) {
    super(message);
  }
}
