package io.joysync.joystream.keys;

import static io.joysync.joystream.scale.ReferenceVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.scale.ReferenceVectors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageSignatureTest {
  private final JsonNode section = ReferenceVectors.section("messageSignatures");

  @Test
  void wrappedFormMatchesTheKit() {
    byte[] message = hex(section, "messageUtf8Hex");
    assertThat(section.get("message").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(message);
    assertThat(MessageSignature.wrap(message)).isEqualTo(hex(section, "wrappedHex"));
  }

  @Test
  void everyVectorVerifiesExactlyAsExpected() {
    byte[] message = hex(section, "messageUtf8Hex");
    for (JsonNode v : section.get("vectors")) {
      String name = v.get("name").asText();
      byte[] pk = hex(v.get("signer"), "publicKeyHex");
      byte[] sig = hex(v, "signatureHex");
      JsonNode expect = v.get("expect");
      assertThat(MessageSignature.verify(message, sig, pk, false).isPresent())
          .as(name)
          .isEqualTo(expect.get("verifiesLenient").asBoolean());
      assertThat(MessageSignature.verify(message, sig, pk, true).isPresent())
          .as(name)
          .isEqualTo(expect.get("verifiesOverRawBytes").asBoolean());
      if (expect.get("verifiesLenient").asBoolean()) {
        MessageSignature.Match m = MessageSignature.verify(message, sig, pk, false).orElseThrow();
        assertThat(m.type().name()).isEqualToIgnoringCase(v.get("signer").get("type").asText());
        assertThat(m.wrapped()).isEqualTo(expect.get("verifiesOverWrappedBytes").asBoolean());
      }
      if (!v.get("randomSignature").asBoolean() && v.has("signedBytesHex")) {
        Ed25519KeyPair alice = Ed25519KeyPair.fromUri(v.get("signer").get("uri").asText());
        assertThat(alice.sign(hex(v, "signedBytesHex"))).as(name).isEqualTo(sig);
      }
    }
  }
}
