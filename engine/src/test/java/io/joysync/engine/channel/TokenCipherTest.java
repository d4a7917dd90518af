package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

  private static String key(int fill) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return Base64.getEncoder().encodeToString(k);
  }

  @Test
  void roundTripsAndNeverShowsThePlaintext() {
    TokenCipher cipher = new TokenCipher("a", Map.of("a", key(1)));

    TokenCipher.EncryptedToken t = cipher.encrypt("UC1", "secret-token");

    assertThat(cipher.decrypt("UC1", t)).isEqualTo("secret-token");
    assertThat(t.toString()).doesNotContain("secret");
    assertThat(new String(t.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("secret-token");
  }

  @Test
  void aTokenCannotBeMovedToAnotherChannel() {
    TokenCipher cipher = new TokenCipher("a", Map.of("a", key(1)));
    TokenCipher.EncryptedToken t = cipher.encrypt("UC1", "secret-token");

    assertThatThrownBy(() -> cipher.decrypt("UC2", t))
        .hasMessage("Token does not belong to channel UC2");
  }

  @Test
  void keysRotateWhileOldTokensStayReadable() {
    TokenCipher old = new TokenCipher("a", Map.of("a", key(1)));
    TokenCipher.EncryptedToken before = old.encrypt("UC1", "old-token");
    TokenCipher rotated = new TokenCipher("b", Map.of("a", key(1), "b", key(2)));

    TokenCipher.EncryptedToken after = rotated.encrypt("UC1", "new-token");

    assertThat(after.keyId()).isEqualTo("b");
    assertThat(rotated.decrypt("UC1", before)).isEqualTo("old-token");
    assertThatThrownBy(() -> new TokenCipher("b", Map.of("b", key(2))).decrypt("UC1", before))
        .hasMessageContaining("key a, which is no longer configured");
  }

  @Test
  void badKeysAreRefusedWithAReason() {
    assertThatThrownBy(() -> new TokenCipher("a", Map.of("a", "not base64!")))
        .hasMessage("Token key a is not valid base64");
    assertThatThrownBy(
            () ->
                new TokenCipher("a", Map.of("a", Base64.getEncoder().encodeToString(new byte[16]))))
        .hasMessage("Token key a must be 32 bytes (AES-256), not 16");
    assertThatThrownBy(() -> new TokenCipher("x", Map.of("a", key(1))))
        .hasMessage("No token key configured with id x");
  }
}
