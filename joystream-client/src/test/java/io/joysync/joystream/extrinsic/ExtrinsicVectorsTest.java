package io.joysync.joystream.extrinsic;

import static io.joysync.joystream.scale.ReferenceVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.keys.Sr25519KeyPair;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ReferenceVectors;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ExtrinsicVectorsTest {

  @Test
  void erasEncodeDecodeAndGiveBirthAndDeathBlocks() {
    for (JsonNode v : ReferenceVectors.section("eras")) {
      byte[] bytes = hex(v, "eraHex");
      if (!v.has("period")) {
        assertThat(new ScaleWriter().writeBytes(new byte[0]).toByteArray()).isEmpty();
        ScaleWriter w = new ScaleWriter();
        Era.immortal().encode(w);
        assertThat(w.toByteArray()).isEqualTo(bytes);
        assertThat(Era.decode(new ScaleReader(bytes))).isEqualTo(Era.immortal());
        continue;
      }
      long current = v.get("current").asLong();
      Era.Mortal era = Era.mortal(v.get("period").asLong(), current);
      ScaleWriter w = new ScaleWriter();
      era.encode(w);
      assertThat(Hex.encode(w.toByteArray()))
          .as(v.get("name").asText())
          .isEqualTo(Hex.encode(bytes));
      Era.Mortal decoded = (Era.Mortal) Era.decode(new ScaleReader(bytes));
      assertThat(decoded.period()).isEqualTo(v.get("decodedPeriod").asLong());
      assertThat(decoded.phase()).isEqualTo(v.get("decodedPhase").asLong());
      assertThat(decoded.birthBlock(current)).isEqualTo(v.get("birthBlock").asLong());
      assertThat(decoded.deathBlock(current)).isEqualTo(v.get("deathBlock").asLong());
    }
  }

  @Test
  void invalidErasAreRejected() {
    assertThatThrownBy(() -> Era.decode(new ScaleReader(Hex.decode("0xf1ff"))))
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("invalid mortal era at offset 0");
    assertThatThrownBy(() -> new Era.Mortal(100, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two");
    assertThat(Era.mortal(3000, 10).period()).isEqualTo(4096);
    assertThat(Era.mortal(1, 10).period()).isEqualTo(4);
  }

  static KeyPair signer(JsonNode x) {
    JsonNode s = x.get("signer");
    KeyType type = s.get("type").asText().equals("ed25519") ? KeyType.ED25519 : KeyType.SR25519;
    return KeyPair.fromUri(type, s.get("uri").asText());
  }

  static ChainIdentity chain(JsonNode x) {
    JsonNode c = x.get("context");
    return new ChainIdentity(
        c.get("specVersion").asLong(),
        c.get("transactionVersion").asLong(),
        Hex.decode(c.get("genesisHash").asText()));
  }

  static TransactionParams params(JsonNode x) {
    JsonNode era = x.get("era");
    long nonce = x.get("nonce").asLong();
    BigInteger tip = new BigInteger(x.get("tip").asText());
    if (era.has("immortal")) {
      return TransactionParams.immortal(nonce, tip);
    }
    return TransactionParams.mortal(
        era.get("period").asLong(),
        era.get("current").asLong(),
        Hex.decode(x.get("context").get("blockHash").asText()),
        nonce,
        tip);
  }

  @Test
  void signingPayloadsAndEd25519ExtrinsicsMatchByteForByte() {
    int ed = 0;
    for (JsonNode x : ReferenceVectors.section("extrinsics")) {
      String name = x.get("name").asText();
      KeyPair key = signer(x);
      assertThat(Hex.encode(key.publicKey()))
          .isEqualTo(x.get("signer").get("publicKeyHex").asText());
      byte[] call = hex(x, "callHex");
      byte[] payload = SigningPayload.encode(call, params(x), chain(x));
      assertThat(Hex.encode(payload)).as(name).isEqualTo(x.get("signingPayloadHex").asText());
      assertThat(payload.length > 256).isEqualTo(x.get("payloadHashed").asBoolean());
      assertThat(SigningPayload.toSign(payload)).isEqualTo(hex(x, "signedBytesHex"));
      SignedExtrinsic signed = SignedExtrinsic.sign(key, call, chain(x), params(x));
      assertThat(signed.verify(chain(x), params(x).eraBlockHash())).isTrue();
      if (!x.get("randomSignature").asBoolean()) {
        assertThat(Hex.encode(signed.signature().signature()))
            .as(name)
            .isEqualTo(x.get("signatureHex").asText());
        assertThat(signed.toHex()).as(name).isEqualTo(x.get("extrinsicHex").asText());
        assertThat(signed.encode()).hasSize(x.get("extrinsicLength").asInt());
        assertThat(Hex.encode(signed.hash())).isEqualTo(x.get("txHash").asText());
        ed++;
      }
    }
    assertThat(ed).isEqualTo(7);
  }

  @Test
  void everyVectorExtrinsicDecodesAndItsSignatureVerifies() {
    for (JsonNode x : ReferenceVectors.section("extrinsics")) {
      byte[] bytes = hex(x, "extrinsicHex");
      SignedExtrinsic decoded = SignedExtrinsic.decode(bytes);
      assertThat(decoded.signer().toSs58()).isEqualTo(x.get("signer").get("ss58").asText());
      assertThat(decoded.signature().type().name())
          .isEqualToIgnoringCase(x.get("signatureType").asText());
      assertThat(decoded.nonce()).isEqualTo(x.get("nonce").asLong());
      assertThat(decoded.tip()).isEqualTo(new BigInteger(x.get("tip").asText()));
      assertThat(decoded.call()).isEqualTo(hex(x, "callHex"));
      assertThat(decoded.era()).isEqualTo(params(x).era());
      assertThat(decoded.encode()).isEqualTo(bytes);
      assertThat(Hex.encode(decoded.hash())).isEqualTo(x.get("txHash").asText());
      assertThat(decoded.verify(chain(x), params(x).eraBlockHash()))
          .as(x.get("name").asText())
          .isTrue();
      assertThat(decoded.verify(new ChainIdentity(2004, 2, new byte[32]), new byte[32])).isFalse();
      assertThat(decoded.decodedCall().encode()).isEqualTo(hex(x, "callHex"));
    }
  }

  @Test
  void researchDocVectorGivesItsTransactionHash() {
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(Hex.decode("0x" + "01".repeat(32)));
    byte[] call =
        hex(ReferenceVectors.named("calls", "content.create_video (research doc 1.8)"), "callHex");
    ChainIdentity chain = new ChainIdentity(2004, 2, Hex.decode("0x" + "11".repeat(32)));
    SignedExtrinsic x =
        SignedExtrinsic.sign(
            key,
            call,
            chain,
            TransactionParams.mortal(
                64, 100, Hex.decode("0x" + "22".repeat(32)), 7, BigInteger.ZERO));
    assertThat(Hex.encode(x.hash()))
        .isEqualTo("0xa6dc2a8a71ac1cd01e0720c6b2ab873958317c58794e85b0d80429cfae775fa2");
  }

  @Test
  void multiAddressFormRoundTripsAndIsNotJoystreams() {
    Sr25519KeyPair key = Sr25519KeyPair.fromUri("//Bob");
    byte[] call = Hex.decode("0x0500" + "00".repeat(32) + "04");
    SignedExtrinsic x =
        SignedExtrinsic.sign(
            key,
            call,
            ChainIdentity.joystreamMainnet(),
            TransactionParams.immortal(0, BigInteger.ONE));
    byte[] multi = x.encode(AddressFormat.MULTI_ADDRESS);
    assertThat(multi.length).isEqualTo(x.encode().length + 1);
    assertThat(SignedExtrinsic.decode(multi, AddressFormat.MULTI_ADDRESS)).isEqualTo(x);
    assertThat(SignedExtrinsic.decode(x.encode())).isEqualTo(x);
    ScaleWriter w = new ScaleWriter();
    new MultiAddress.Id(new AccountId(key.publicKey())).encode(w);
    assertThat(MultiAddress.decode(new ScaleReader(w.toByteArray())).accountId())
        .isEqualTo(key.accountId());
    assertThatThrownBy(() -> MultiAddress.decode(new ScaleReader(Hex.decode("0x09"))))
        .isInstanceOf(ScaleException.class)
        .hasMessage("invalid MultiAddress variant 9 at offset 0");
  }

  @Test
  void malformedExtrinsicsFailWithPreciseMessages() {
    byte[] good =
        hex(
            ReferenceVectors.named(
                "extrinsics", "ed25519 seed01 balances.transfer immortal nonce 0 tip 1000"),
            "extrinsicHex");
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    assertThatThrownBy(() -> SignedExtrinsic.decode(truncated))
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("length prefix says")
        .hasMessageContaining("follow it");
    byte[] unsigned = good.clone();
    unsigned[2] = 0x04;
    assertThatThrownBy(() -> SignedExtrinsic.decode(unsigned))
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("got 0x4 (unsigned)");
    byte[] ecdsa = good.clone();
    ecdsa[3 + 32] = 2;
    assertThatThrownBy(() -> SignedExtrinsic.decode(ecdsa))
        .isInstanceOf(ScaleException.class)
        .hasMessage("ECDSA signature at offset 35 is not supported");
    byte[] tampered = good.clone();
    tampered[tampered.length - 1] ^= 1;
    SignedExtrinsic t = SignedExtrinsic.decode(tampered);
    assertThat(t.verify(ChainIdentity.joystreamMainnet(), null)).isFalse();
  }
}
