package io.joysync.joystream.crypto.schnorrkel;

import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A Merlin 1.0 transcript (STROBE-128 based Fiat-Shamir transcript), the hash construction under
 * schnorrkel signatures and key derivation. Labels and messages are absorbed with their lengths,
 * challenges are squeezed out; the witness RNG mixes secret bytes and fresh randomness into a
 * forked state so nonces never depend on randomness alone. Mutable, not thread-safe.
 */
public final class MerlinTranscript {
  private final Strobe128 strobe;

  public MerlinTranscript(String label) {
    strobe = new Strobe128("Merlin v1.0".getBytes(StandardCharsets.US_ASCII));
    appendMessage("dom-sep", label.getBytes(StandardCharsets.US_ASCII));
  }

  private MerlinTranscript(Strobe128 strobe) {
    this.strobe = strobe;
  }

  /** An independent copy of this transcript's state. */
  public MerlinTranscript fork() {
    return new MerlinTranscript(strobe.copy());
  }

  public void appendMessage(String label, byte[] message) {
    strobe.metaAd(ascii(label), false);
    strobe.metaAd(le32(message.length), true);
    strobe.ad(message, false);
  }

  public byte[] challengeBytes(String label, int length) {
    byte[] out = new byte[length];
    strobe.metaAd(ascii(label), false);
    strobe.metaAd(le32(length), true);
    strobe.prf(out, false);
    return out;
  }

  /** A scalar from 64 challenge bytes reduced modulo the group order. */
  public Scalar challengeScalar(String label) {
    return Scalar.fromBytesModOrderWide(challengeBytes(label, 64));
  }

  /**
   * Merlin's transcript RNG: rekeys a fork with each witness under {@code label}, then with 32
   * bytes from {@code random}, and returns {@code length} output bytes.
   */
  public byte[] witnessBytes(String label, int length, SecureRandom random, byte[]... witnesses) {
    Strobe128 rng = strobe.copy();
    for (byte[] w : witnesses) {
      rng.metaAd(ascii(label), false);
      rng.metaAd(le32(w.length), true);
      rng.key(w, false);
    }
    byte[] entropy = new byte[32];
    random.nextBytes(entropy);
    rng.metaAd(ascii("rng"), false);
    rng.key(entropy, false);
    byte[] out = new byte[length];
    rng.metaAd(le32(length), false);
    rng.prf(out, false);
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }
}
