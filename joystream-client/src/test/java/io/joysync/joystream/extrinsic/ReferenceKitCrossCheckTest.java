package io.joysync.joystream.extrinsic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.harness.Needs;
import io.joysync.harness.ReferenceKit;
import io.joysync.harness.Service;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.CallDecoder;
import io.joysync.joystream.call.RuntimeCall;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.Sr25519KeyPair;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ReferenceVectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extrinsics signed by this library (ed25519 and sr25519) are decoded and verified by the kit's
 * decode.mjs, i.e. by polkadot.js with Joystream's real metadata; an sr25519 message signature of
 * ours verifies with polkadot.js signatureVerify.
 */
@Needs(Service.REFERENCE_KIT)
class ReferenceKitCrossCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Signed(
      String name, SignedExtrinsic extrinsic, ChainIdentity chain, byte[] birth) {}

  @Test
  void polkadotJsDecodesAndVerifiesExtrinsicsWeSign(@TempDir Path tmp) throws Exception {
    RuntimeCall bigBatch =
        CallDecoder.decode(
            Hex.decode(
                ReferenceVectors.named("calls", "utility.batch_all of 3 create_video")
                    .get("callHex")
                    .asText()));
    RuntimeCall smallVideo =
        CallDecoder.decode(
            Hex.decode(
                ReferenceVectors.named("calls", "content.create_video no assets, small meta")
                    .get("callHex")
                    .asText()));
    ChainIdentity mainnet = ChainIdentity.joystreamMainnet();
    byte[] birth = Hex.decode("0x" + "5a".repeat(32));
    List<KeyPair> keys =
        List.of(
            Ed25519KeyPair.fromUri("//Alice"),
            Sr25519KeyPair.fromUri("//Bob"),
            Sr25519KeyPair.fromUri("//Joystream/soft/1"));
    List<Signed> signed = new ArrayList<>();
    int nonce = 0;
    for (KeyPair key : keys) {
      TransactionParams mortal =
          TransactionParams.mortal(256, 4_000_123, birth, nonce++, BigInteger.valueOf(77));
      signed.add(
          new Signed(
              key + " batch_all mortal",
              SignedExtrinsic.sign(key, bigBatch, mainnet, mortal),
              mainnet,
              birth));
      TransactionParams immortal = TransactionParams.immortal(70_000 + nonce++, BigInteger.ZERO);
      signed.add(
          new Signed(
              key + " batch immortal",
              SignedExtrinsic.sign(key, Batch.of(List.of(smallVideo)), mainnet, immortal),
              mainnet,
              null));
    }
    ArrayNode items = JSON.createArrayNode();
    for (Signed s : signed) {
      ObjectNode item = items.addObject();
      item.put("name", s.name());
      item.put("extrinsicHex", s.extrinsic().toHex());
      ObjectNode ctx = item.putObject("context");
      ctx.put("genesisHash", Hex.encode(s.chain().genesisHash()));
      if (s.birth() != null) {
        ctx.put("blockHash", Hex.encode(s.birth()));
      }
      ctx.put("specVersion", s.chain().specVersion());
      ctx.put("transactionVersion", s.chain().transactionVersion());
    }
    Path file = tmp.resolve("ours.json");
    Files.writeString(file, JSON.writeValueAsString(items), StandardCharsets.UTF_8);

    ReferenceKit.Result r = ReferenceKit.node(180, List.of("decode.mjs", file.toString()));
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.output().split("\n")) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line));
      }
    }
    assertThat(lines).as(r.output()).hasSize(signed.size());
    for (int i = 0; i < signed.size(); i++) {
      JsonNode line = lines.get(i);
      SignedExtrinsic x = signed.get(i).extrinsic();
      assertThat(line.get("ok").asBoolean()).as(line.toString()).isTrue();
      assertThat(line.get("signer").asText()).isEqualTo(x.signer().toSs58());
      assertThat(line.get("nonce").asLong()).isEqualTo(x.nonce());
      assertThat(line.get("tip").asText()).isEqualTo(x.tip().toString());
      assertThat(line.get("hash").asText()).isEqualTo(Hex.encode(x.hash()));
      assertThat(line.get("signatureType").asText())
          .isEqualToIgnoringCase(x.signature().type().name());
    }
    assertThat(r.exit()).isZero();
    assertThat(lines).anyMatch(l -> l.get("payloadHashed").asBoolean());
  }

  @Test
  void polkadotJsVerifiesOurSr25519MessageSignature() throws Exception {
    Sr25519KeyPair alice = Sr25519KeyPair.fromUri("//Alice");
    byte[] message =
        ReferenceVectors.section("messageSignatures")
            .get("message")
            .asText()
            .getBytes(StandardCharsets.UTF_8);
    byte[] sig = alice.sign(message);
    ReferenceKit.Result r =
        ReferenceKit.node(
            180,
            List.of(
                "verify-sig.mjs",
                "--address",
                alice.address(),
                "--signature",
                Hex.encode(sig),
                "--message-hex",
                Hex.encode(message),
                "--strict"));
    JsonNode out =
        JSON.readTree(r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    assertThat(out.get("isValid").asBoolean()).as(r.output()).isTrue();
    assertThat(out.get("crypto").asText()).isEqualTo("sr25519");
    sig[10] ^= 1;
    ReferenceKit.Result bad =
        ReferenceKit.node(
            180,
            List.of(
                "verify-sig.mjs",
                "--address",
                alice.address(),
                "--signature",
                Hex.encode(sig),
                "--message-hex",
                Hex.encode(message),
                "--strict"));
    assertThat(bad.exit()).isNotZero();
  }
}
