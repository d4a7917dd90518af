package io.joysync.joystream.scale;

/**
 * Thrown when bytes are not valid SCALE for the type being read, or a value cannot be written. The
 * message always names the offset and what was expected, so a wrong byte can be found in a dump.
 */
public class ScaleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScaleException(String message) {
    super(message);
  }

  public ScaleException(String message, Throwable cause) {
    super(message, cause);
  }
}
