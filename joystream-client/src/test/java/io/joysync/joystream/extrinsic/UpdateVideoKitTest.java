package io.joysync.joystream.extrinsic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.harness.Needs;
import io.joysync.harness.ReferenceKit;
import io.joysync.harness.Service;
import io.joysync.joystream.call.CallDecoder;
import io.joysync.joystream.call.ContentActor;
import io.joysync.joystream.call.DataObjectCreation;
import io.joysync.joystream.call.RuntimeCall;
import io.joysync.joystream.call.StorageAssets;
import io.joysync.joystream.call.UpdateVideo;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code content.update_video}, which brings a video's metadata up to date after an edit on
 * YouTube: the calls joysync encodes round-trip through its decoder, and polkadot.js with
 * Joystream's real metadata decodes the signed extrinsics to the same arguments.
 */
class UpdateVideoKitTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final byte[] META = "new title and description".getBytes(StandardCharsets.UTF_8);

  static List<UpdateVideo> calls() {
    return List.of(
        UpdateVideo.metadata(ContentActor.member(7), 42, META, BigInteger.valueOf(1_000)),
        new UpdateVideo(
            ContentActor.member(300),
            70_000,
            Optional.of(
                new StorageAssets(
                    List.of(new DataObjectCreation(12_345, "Qm" + "a".repeat(44))),
                    BigInteger.valueOf(55))),
            Optional.empty(),
            Set.of(256L, 7L, 1L),
            BigInteger.valueOf(2_000),
            Optional.of(5L)));
  }

  @Test
  void updateVideoRoundTripsThroughTheDecoder() {
    for (UpdateVideo call : calls()) {
      RuntimeCall decoded = CallDecoder.decode(call.encode());
      assertThat(decoded).isEqualTo(call);
      assertThat(Hex.encode(call.encode())).startsWith("0x1a0d");
    }
  }

  @Test
  @Needs(Service.REFERENCE_KIT)
  void polkadotJsDecodesTheSignedUpdateToTheSameArguments(@TempDir Path tmp) throws Exception {
    ChainIdentity mainnet = ChainIdentity.joystreamMainnet();
    Ed25519KeyPair key = Ed25519KeyPair.fromUri("//Alice");
    ArrayNode items = JSON.createArrayNode();
    long nonce = 3;
    for (UpdateVideo call : calls()) {
      SignedExtrinsic x =
          SignedExtrinsic.sign(
              key, call, mainnet, TransactionParams.immortal(nonce++, BigInteger.ZERO));
      ObjectNode item = items.addObject();
      item.put("extrinsicHex", x.toHex());
      item.putObject("context").put("genesisHash", Hex.encode(mainnet.genesisHash()));
    }
    Path file = tmp.resolve("updates.json");
    Files.writeString(file, JSON.writeValueAsString(items), StandardCharsets.UTF_8);
    ReferenceKit.Result r = ReferenceKit.node(180, List.of("decode.mjs", file.toString()));
    List<JsonNode> lines = new ArrayList<>();
    r.output().lines().filter(l -> l.startsWith("{")).forEach(l -> lines.add(read(l)));
    assertThat(lines).as(r.output()).hasSize(2);
    assertThat(r.exit()).as(r.output()).isZero();

    JsonNode first = lines.get(0);
    assertThat(first.get("ok").asBoolean()).as(first.toString()).isTrue();
    String call = first.get("call").toString();
    assertThat(call).contains("updateVideo").contains("42");
    assertThat(call).contains(Hex.encode(META).substring(2));
    String second = lines.get(1).get("call").toString();
    assertThat(second).contains("70000").contains("12345").contains("256");
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
