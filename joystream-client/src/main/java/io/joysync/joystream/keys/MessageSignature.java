package io.joysync.joystream.keys;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks signatures over off-chain messages the way polkadot.js {@code signatureVerify} does (what
 * youtube-synch uses for owner-signed requests): a 64-byte signature carries no scheme, so it is
 * tried as ed25519 and as sr25519, over the raw message and over the {@code <Bytes>…</Bytes>} form
 * that wallet extensions sign. Strict mode accepts only the raw bytes.
 */
public final class MessageSignature {
  private static final byte[] PREFIX = "<Bytes>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "</Bytes>".getBytes(StandardCharsets.US_ASCII);

  private MessageSignature() {}

  /** Which scheme and which form of the message a valid signature was made over. */
  public record Match(KeyType type, boolean wrapped) {}

  /** The form wallet extensions sign for raw bytes. */
  public static byte[] wrap(byte[] message) {
    byte[] out = new byte[PREFIX.length + message.length + SUFFIX.length];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    System.arraycopy(message, 0, out, PREFIX.length, message.length);
    System.arraycopy(SUFFIX, 0, out, PREFIX.length + message.length, SUFFIX.length);
    return out;
  }

  /**
   * Verifies {@code signature} by the account {@code publicKey}; empty when it does not verify in
   * any accepted form.
   */
  public static Optional<Match> verify(
      byte[] message, byte[] signature, byte[] publicKey, boolean strict) {
    for (KeyType type : KeyType.values()) {
      if (KeyPair.verify(type, publicKey, message, signature)) {
        return Optional.of(new Match(type, false));
      }
    }
    if (!strict) {
      byte[] wrapped = wrap(message);
      for (KeyType type : KeyType.values()) {
        if (KeyPair.verify(type, publicKey, wrapped, signature)) {
          return Optional.of(new Match(type, true));
        }
      }
    }
    return Optional.empty();
  }
}
