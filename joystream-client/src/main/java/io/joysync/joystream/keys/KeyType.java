package io.joysync.joystream.keys;

/**
 * The signature schemes a Joystream account can sign with, with their {@code MultiSignature}
 * variant index (0 = Ed25519, 1 = Sr25519; 2 = Ecdsa is not supported here).
 */
public enum KeyType {
  ED25519(0),
  SR25519(1);

  private final int multiSignatureIndex;

  KeyType(int multiSignatureIndex) {
    this.multiSignatureIndex = multiSignatureIndex;
  }

  public int multiSignatureIndex() {
    return multiSignatureIndex;
  }

  /** The key type of a MultiSignature variant index. */
  public static KeyType fromMultiSignatureIndex(int index) {
    for (KeyType t : values()) {
      if (t.multiSignatureIndex == index) {
        return t;
      }
    }
    throw new KeyException(
        "unsupported MultiSignature variant " + index + " (0 ed25519, 1 sr25519)");
  }
}
