package io.joysync.joystream.keys;

/**
 * A key could not be created or derived: a bad mnemonic, seed, secret URI or derivation path. The
 * message names the fault but never contains secret material (no phrase, seed or password).
 */
public final class KeyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public KeyException(String message) {
    super(message);
  }
}
