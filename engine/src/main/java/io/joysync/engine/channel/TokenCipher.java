package io.joysync.engine.channel;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts owner OAuth tokens before they enter an event (AES-256-GCM, random 96-bit nonce, the
 * channel id as associated data so a ciphertext cannot be moved to another channel). Every
 * ciphertext names the key it was made with, so keys can rotate: new tokens use the current key,
 * old ones stay readable while their key is configured.
 */
public final class TokenCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param currentKeyId the key that encrypts from now on
   * @param base64Keys every key still needed to decrypt, by id: 32 bytes, base64-encoded
   */
  public TokenCipher(String currentKeyId, Map<String, String> base64Keys) {
    if (!base64Keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("No token key configured with id " + currentKeyId);
    }
    this.currentKeyId = currentKeyId;
    this.keys =
        Map.copyOf(
            base64Keys.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> toKey(e.getKey(), e.getValue()))));
  }

  /**
   * The cipher of {@code joysync.tokens} (the current key, its id and the previous keys still
   * needed to decrypt), read once at start; empty when no key is set (sign-ups are then refused
   * with a clear error). A malformed key stops the node, naming the key's id, never its value.
   */
  public static Optional<TokenCipher> from(Config root) {
    Config c = root.getConfig("joysync.tokens");
    if (c.getString("key").isBlank()) {
      return Optional.empty();
    }
    Map<String, String> keys = new HashMap<>();
    Config previous = c.getConfig("previous-keys");
    previous.root().keySet().forEach(id -> keys.put(id, previous.getString(id)));
    keys.put(c.getString("key-id"), c.getString("key"));
    return Optional.of(new TokenCipher(c.getString("key-id"), keys));
  }

  private static SecretKey toKey(String id, String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Token key " + id + " is not valid base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(
          "Token key " + id + " must be 32 bytes (AES-256), not " + raw.length);
    }
    return new SecretKeySpec(raw, "AES");
  }

  public EncryptedToken encrypt(String channelId, String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return new EncryptedToken(currentKeyId, nonce, ct);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  public String decrypt(String channelId, EncryptedToken token) {
    SecretKey key = keys.get(token.keyId());
    if (key == null) {
      throw new IllegalStateException(
          "Token was encrypted with key " + token.keyId() + ", which is no longer configured");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, token.nonce()));
      c.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(token.ciphertext()), StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalStateException("Token does not belong to channel " + channelId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Token could not be decrypted", e);
    }
  }

  /** A token as it is stored: the key id, the nonce and the ciphertext with its tag. */
  public record EncryptedToken(String keyId, byte[] nonce, byte[] ciphertext)
      implements io.joysync.engine.serialization.CborSerializable {
    public EncryptedToken {
      nonce = nonce.clone();
      ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
      return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
      return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EncryptedToken t
          && keyId.equals(t.keyId)
          && java.util.Arrays.equals(nonce, t.nonce)
          && java.util.Arrays.equals(ciphertext, t.ciphertext);
    }

    @Override
    public int hashCode() {
      return keyId.hashCode() * 31 + java.util.Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
      return "EncryptedToken[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
  }
}
