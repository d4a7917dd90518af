package io.joysync.joystream.keys;

/**
 * An SS58 address that cannot be accepted. {@link #reason()} says which rule it broke, so callers
 * can tell a typo (checksum) from an address of another network (prefix).
 */
public final class Ss58Exception extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the address. */
  public enum Reason {
    INVALID_BASE58,
    INVALID_LENGTH,
    RESERVED_PREFIX,
    WRONG_PREFIX,
    BAD_CHECKSUM
  }

  private final Reason reason;

  public Ss58Exception(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
