package io.joysync.joystream.keys;

import io.joysync.joystream.crypto.schnorrkel.Sr25519;
import java.util.Arrays;

/**
 * An sr25519 (schnorrkel) key. From a mini secret it expands in Ed25519 mode as Substrate does;
 * hard junctions derive a new mini secret, soft junctions move the key so that the public key alone
 * can follow ({@link #derivePublicSoft}). Signatures use the "substrate" signing context and are
 * randomized (two signatures of one message differ; both verify).
 */
public final class Sr25519KeyPair implements KeyPair {
  private final Sr25519.SecretKey secret;
  private final byte[] publicKey;

  private Sr25519KeyPair(Sr25519.SecretKey secret) {
    this.secret = secret;
    this.publicKey = secret.publicKey();
  }

  public static Sr25519KeyPair fromMiniSecret(byte[] miniSecret) {
    if (miniSecret.length != 32) {
      throw new KeyException("an sr25519 mini secret is 32 bytes, got " + miniSecret.length);
    }
    return new Sr25519KeyPair(Sr25519.expandMiniSecret(miniSecret));
  }

  /** A key from a secret URI with hard (//) and soft (/) junctions. */
  public static Sr25519KeyPair fromUri(String uri) {
    SecretUri parsed = SecretUri.parse(uri);
    byte[] mini = parsed.seed();
    Sr25519.SecretKey key = Sr25519.expandMiniSecret(mini);
    Arrays.fill(mini, (byte) 0);
    for (DeriveJunction j : parsed.path()) {
      if (j.hard()) {
        byte[] next = Sr25519.deriveHardMiniSecret(key, j.chainCode());
        key = Sr25519.expandMiniSecret(next);
        Arrays.fill(next, (byte) 0);
      } else {
        key = Sr25519.deriveSoft(key, j.chainCode());
      }
    }
    return new Sr25519KeyPair(key);
  }

  /** The public key reached from {@code publicKey} by soft junctions only. */
  public static byte[] derivePublicSoft(byte[] publicKey, DeriveJunction... path) {
    byte[] current = publicKey.clone();
    for (DeriveJunction j : path) {
      if (j.hard()) {
        throw new KeyException("a public key cannot follow a hard (//) junction");
      }
      current = Sr25519.deriveSoftPublic(current, j.chainCode());
    }
    return current;
  }

  @Override
  public KeyType type() {
    return KeyType.SR25519;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] sign(byte[] message) {
    return Sr25519.sign(secret, Sr25519.SUBSTRATE_CONTEXT, message);
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    return verify(publicKey, message, signature);
  }

  /** Verifies a signature in the "substrate" context; false for anything malformed. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return Sr25519.verify(publicKey, Sr25519.SUBSTRATE_CONTEXT, message, signature);
  }

  @Override
  public String toString() {
    return "Sr25519KeyPair[" + address() + "]";
  }
}
