package io.joysync.devnet.chain;

import io.joysync.joystream.keys.Sr25519KeyPair;
import io.joysync.joystream.scale.ScaleWriter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies the MultiSignature of a signed extrinsic the way the runtime does: the signing payload
 * is call ‖ extra (era, nonce, tip) ‖ additional signed (spec version, transaction version, genesis
 * hash, era birth-block hash); payloads longer than 256 bytes are signed as their blake2b-256.
 * ed25519 (RFC 8032) and sr25519 ("substrate" context) are checked; ECDSA accounts are not
 * supported by the devnet and fail as a bad signature.
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  public static byte[] payload(
      SignedExtrinsic x, long specVersion, long txVersion, byte[] genesis, byte[] birthHash) {
    return new ScaleWriter()
        .writeBytes(x.call())
        .writeBytes(x.extraBytes())
        .writeU32(specVersion)
        .writeU32(txVersion)
        .writeBytes(genesis)
        .writeBytes(birthHash)
        .toByteArray();
  }

  /** What the key signs: the payload, or its blake2b-256 when it is longer than 256 bytes. */
  public static byte[] signedBytes(byte[] payload) {
    return payload.length > 256 ? Hashing.blake2b256(payload) : payload;
  }

  public static boolean verify(SignedExtrinsic x, byte[] payload) {
    byte[] message = signedBytes(payload);
    byte[] key = x.signer().bytes();
    return switch (x.signatureType()) {
      case SignedExtrinsic.ED25519 -> ed25519(key, message, x.signature());
      case SignedExtrinsic.SR25519 -> sr25519(key, message, x.signature());
      default -> false;
    };
  }

  static boolean ed25519(byte[] key, byte[] message, byte[] signature) {
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(key, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean sr25519(byte[] key, byte[] message, byte[] signature) {
    try {
      return Sr25519KeyPair.verify(key, message, signature);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
