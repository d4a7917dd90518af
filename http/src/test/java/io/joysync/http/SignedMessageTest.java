package io.joysync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.keys.MessageSignature;
import io.joysync.joystream.scale.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedMessageTest {

  private static SignedMessage parse(String body) {
    List<String> problems = new ArrayList<>();
    SignedMessage m = SignedMessage.parse(body, problems);
    assertThat(problems).isEmpty();
    return m;
  }

  @Test
  void theSignedBytesAreWhatJsonStringifyWritesForTheMessage() {
    String sig = "0x" + "ab".repeat(64);
    SignedMessage m =
        parse(
            "{\"signature\":\""
                + sig
                + "\", \"message\": {\"shouldBeIngested\": true, \"videoCategoryId\": \"42-2\","
                + " \"timestamp\": \"2024-01-01T01:00:00+01:00\"}}");

    assertThat(new String(m.signedBytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"shouldBeIngested\":true,\"videoCategoryId\":\"42-2\","
                + "\"timestamp\":\"2024-01-01T00:00:00.000Z\"}");
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void aWalletSignatureOverTheWrappedMessageVerifies() {
    KeyPair alice = KeyPair.fromUri(KeyType.SR25519, "//Alice");
    String message = "{\"optout\":true,\"timestamp\":\"2026-11-21T10:00:00.000Z\"}";
    byte[] walletSig = alice.sign(MessageSignature.wrap(message.getBytes(StandardCharsets.UTF_8)));

    SignedMessage m =
        parse("{\"signature\":\"" + Hex.encode(walletSig) + "\",\"message\":" + message + "}");

    assertThat(MessageSignature.verify(m.signedBytes(), m.signature(), alice.publicKey(), false))
        .isPresent();
    KeyPair bob = KeyPair.fromUri(KeyType.SR25519, "//Bob");
    assertThat(MessageSignature.verify(m.signedBytes(), m.signature(), bob.publicKey(), false))
        .isEmpty();
  }

  @Test
  void everyProblemIsNamed() {
    List<String> problems = new ArrayList<>();
    SignedMessage m =
        SignedMessage.parse(
            "{\"signature\":\"0xzz\",\"message\":{\"timestamp\":\"soon\"}}", problems);

    assertThat(m).isNull();
    assertThat(problems)
        .containsExactly(
            "signature must be a hex string", "message.timestamp must be an ISO-8601 date");
    assertThatThrownBy(() -> SignedMessage.parse("[1]", new ArrayList<>()))
        .isInstanceOf(ApiException.class)
        .hasMessage("The body must be an object {signature, message}");
  }
}
