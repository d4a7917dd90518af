package io.joysync.joystream.keys;

import io.joysync.joystream.crypto.Blake2b;
import io.joysync.joystream.scale.ScaleWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An ed25519 key (RFC 8032, deterministic signatures) from a 32-byte seed. Supports Substrate hard
 * derivation (seed' = blake2b-256(SCALE("Ed25519HDKD", seed, chainCode))); soft derivation does not
 * exist for ed25519 and is refused. {@link #fromString} is the app-auth key of youtube-synch (seed
 * = blake2b-256 of the UTF-8 string).
 */
public final class Ed25519KeyPair implements KeyPair {
  private final Ed25519PrivateKeyParameters secret;
  private final byte[] publicKey;

  private Ed25519KeyPair(byte[] seed) {
    if (seed.length != 32) {
      throw new KeyException("an ed25519 seed is 32 bytes, got " + seed.length);
    }
    this.secret = new Ed25519PrivateKeyParameters(seed, 0);
    this.publicKey = secret.generatePublicKey().getEncoded();
  }

  public static Ed25519KeyPair fromSeed(byte[] seed) {
    return new Ed25519KeyPair(seed);
  }

  /** A key from a secret URI; every junction must be hard. */
  public static Ed25519KeyPair fromUri(String uri) {
    SecretUri parsed = SecretUri.parse(uri);
    byte[] seed = parsed.seed();
    for (DeriveJunction j : parsed.path()) {
      if (!j.hard()) {
        throw new KeyException("ed25519 keys support only hard (//) derivation, not soft (/)");
      }
      byte[] next = deriveHard(seed, j.chainCode());
      Arrays.fill(seed, (byte) 0);
      seed = next;
    }
    Ed25519KeyPair pair = new Ed25519KeyPair(seed);
    Arrays.fill(seed, (byte) 0);
    return pair;
  }

  /** The youtube-synch "pair from string" key: seed = blake2b-256(UTF-8 of the string). */
  public static Ed25519KeyPair fromString(String value) {
    byte[] seed = Blake2b.hash256(value.getBytes(StandardCharsets.UTF_8));
    Ed25519KeyPair pair = new Ed25519KeyPair(seed);
    Arrays.fill(seed, (byte) 0);
    return pair;
  }

  /** One hard derivation step on a seed. */
  public static byte[] deriveHard(byte[] seed, byte[] chainCode) {
    ScaleWriter w = new ScaleWriter(80);
    w.writeString("Ed25519HDKD").writeBytes(seed).writeBytes(chainCode);
    return Blake2b.hash256(w.toByteArray());
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, secret);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    return verify(publicKey, message, signature);
  }

  /** RFC 8032 verification; false on wrong lengths or invalid points. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64) {
      return false;
    }
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[" + address() + "]";
  }
}
