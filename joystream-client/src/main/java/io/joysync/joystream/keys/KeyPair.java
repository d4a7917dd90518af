package io.joysync.joystream.keys;

/**
 * A signing key of a Joystream account. Implementations hold the secret privately; {@code toString}
 * shows only the type and the public address. Create keys with {@link #fromUri} (a Substrate secret
 * URI) or the factories of the two implementations.
 */
public sealed interface KeyPair permits Ed25519KeyPair, Sr25519KeyPair {

  KeyType type();

  /** The 32-byte public key, which is also the account id. */
  byte[] publicKey();

  /** Signs the message (sr25519 in the "substrate" signing context); 64 bytes. */
  byte[] sign(byte[] message);

  /** Checks a signature by this key. */
  boolean verify(byte[] message, byte[] signature);

  default AccountId accountId() {
    return new AccountId(publicKey());
  }

  default String address(int prefix) {
    return Ss58.encode(publicKey(), prefix);
  }

  default String address() {
    return address(Ss58.JOYSTREAM_PREFIX);
  }

  /** A key of the given type from a secret URI ("//Alice", "phrase//hard/soft///pw", "0x..."). */
  static KeyPair fromUri(KeyType type, String uri) {
    return switch (type) {
      case ED25519 -> Ed25519KeyPair.fromUri(uri);
      case SR25519 -> Sr25519KeyPair.fromUri(uri);
    };
  }

  /** Verifies a signature of either scheme for a public key. */
  static boolean verify(KeyType type, byte[] publicKey, byte[] message, byte[] signature) {
    return switch (type) {
      case ED25519 -> Ed25519KeyPair.verify(publicKey, message, signature);
      case SR25519 -> Sr25519KeyPair.verify(publicKey, message, signature);
    };
  }
}
