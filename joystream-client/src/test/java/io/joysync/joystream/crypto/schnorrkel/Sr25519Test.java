package io.joysync.joystream.crypto.schnorrkel;

import static io.joysync.joystream.scale.ReferenceVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.keys.Sr25519KeyPair;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ReferenceVectors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sr25519Test {

  @Test
  void keccakPermutationOfTheZeroStateMatchesTheReference() {
    long[] lanes = new long[25];
    Keccak1600.permute(lanes);
    assertThat(lanes[0]).isEqualTo(0xF1258F7940E1DDE7L);
    assertThat(lanes[1]).isEqualTo(0x84D5CCF933C0478AL);
    assertThat(lanes[24]).isEqualTo(0xEAF1FF7B5CECA249L);
  }

  @Test
  void merlinTranscriptMatchesTheMerlinTestVector() {
    MerlinTranscript t = new MerlinTranscript("test protocol");
    t.appendMessage("some label", "some data".getBytes(StandardCharsets.US_ASCII));
    assertThat(Hex.encodeBare(t.challengeBytes("challenge", 32)))
        .isEqualTo("d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615");
  }

  @Test
  void polkadotJsSignaturesVerify() {
    int verified = 0;
    for (JsonNode x : ReferenceVectors.section("extrinsics")) {
      if ("Sr25519".equals(x.get("signatureType").asText())) {
        byte[] pk = hex(x.get("signer"), "publicKeyHex");
        assertThat(Sr25519KeyPair.verify(pk, hex(x, "signedBytesHex"), hex(x, "signatureHex")))
            .as(x.get("name").asText())
            .isTrue();
        verified++;
      }
    }
    for (JsonNode m : ReferenceVectors.section("messageSignatures").get("vectors")) {
      if (m.get("signer").get("type").asText().equals("sr25519")) {
        byte[] pk = hex(m.get("signer"), "publicKeyHex");
        assertThat(Sr25519KeyPair.verify(pk, hex(m, "signedBytesHex"), hex(m, "signatureHex")))
            .as(m.get("name").asText())
            .isTrue();
        verified++;
      }
    }
    assertThat(verified).isEqualTo(4);
  }

  @Test
  void tamperedMessagesKeysAndSignaturesFail() {
    JsonNode x =
        ReferenceVectors.named(
            "extrinsics", "sr25519 //Alice buy_membership mortal(64,100) nonce 1 tip 0");
    byte[] pk = hex(x.get("signer"), "publicKeyHex");
    byte[] msg = hex(x, "signedBytesHex");
    byte[] sig = hex(x, "signatureHex");
    byte[] otherMsg = msg.clone();
    otherMsg[0] ^= 1;
    assertThat(Sr25519KeyPair.verify(pk, otherMsg, sig)).isFalse();
    byte[] badSig = sig.clone();
    badSig[5] ^= 1;
    assertThat(Sr25519KeyPair.verify(pk, msg, badSig)).isFalse();
    byte[] unmarked = sig.clone();
    unmarked[63] &= 0x7f;
    assertThat(Sr25519KeyPair.verify(pk, msg, unmarked)).isFalse();
    assertThat(Sr25519KeyPair.verify(Sr25519KeyPair.fromUri("//Bob").publicKey(), msg, sig))
        .isFalse();
    assertThat(Sr25519KeyPair.verify(pk, msg, new byte[63])).isFalse();
    assertThat(Sr25519.verify(pk, "other".getBytes(), msg, sig)).isFalse();
  }

  @Test
  void ownSignaturesAreRandomizedAndVerify() {
    Sr25519KeyPair alice = Sr25519KeyPair.fromUri("//Alice");
    byte[] msg = "joysync".getBytes(StandardCharsets.UTF_8);
    byte[] a = alice.sign(msg);
    byte[] b = alice.sign(msg);
    assertThat(a).hasSize(64).isNotEqualTo(b);
    assertThat(alice.verify(msg, a)).isTrue();
    assertThat(alice.verify(msg, b)).isTrue();
    assertThat(a[63] & 0x80).isEqualTo(0x80);
  }
}
