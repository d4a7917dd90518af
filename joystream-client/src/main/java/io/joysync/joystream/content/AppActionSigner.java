package io.joysync.joystream.content;

import java.util.function.Function;

/**
 * Signs an app-action commitment with the app's Ed25519 auth key (the key whose public half Orion
 * holds as the App's {@code authKey}). The key itself stays with the implementation: this module
 * only ever sees the 64-byte signature.
 */
@FunctionalInterface
public interface AppActionSigner {
  /** Returns the 64-byte Ed25519 signature of {@code message}. */
  byte[] sign(byte[] message);

  /** Adapts any signing function, e.g. a key pair's {@code sign} method. */
  static AppActionSigner of(Function<byte[], byte[]> signer) {
    return signer::apply;
  }
}
