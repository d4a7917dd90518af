package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.devnet.chain.ChainRecords.Video;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * polkadot.js {@code ApiPromise}, the client of Atlas and of Joystream's tools, works against the
 * devnet as against a Joystream node: it connects, reads storage (one-shot, at a block, entries,
 * hash, size, derives), sees a subscribed balance change, sends a transfer and a collaborator's
 * {@code utility.batchAll} of {@code content.createVideo} with the default {@code signAndSend}
 * (nonce and era found by polkadot.js), follows both to finality and decodes their events.
 */
class PolkadotJsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KeyPair ALICE = KeyPair.fromUri(KeyType.SR25519, "//Alice");
  private static final KeyPair BOB = KeyPair.fromUri(KeyType.SR25519, "//Bob");
  private static final KeyPair COLLABORATOR = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");

  @Test
  void polkadotJsReadsWatchesSignsAndDecodesEventsOnTheDevnet() throws Exception {
    PolkadotJsClient.directory();
    DevnetSettings settings = DevnetSettings.forTests();
    String genesisBalance = settings.devnet().getString("genesis.dev-balance");
    try (RunningDevnet devnet = Devnet.start(settings)) {
      PolkadotJsClient.Run run = PolkadotJsClient.driveDevnet(devnet.chainUrl());
      assertThat(run.exit()).as("polkadot.js failed:\n%s", run.stderr()).isZero();
      JsonNode out = JSON.readTree(run.stdout());

      assertThat(out.path("genesisHash").asText()).isEqualTo(devnet.genesisHash());
      assertThat(out.path("specVersion").asInt()).isEqualTo(2004);
      assertThat(out.path("addresses").path("alice").asText()).isEqualTo(ALICE.address());

      JsonNode reads = out.path("reads");
      assertThat(reads.path("number").asLong()).isPositive();
      assertThat(reads.path("aliceFree").asText()).isEqualTo(genesisBalance);
      assertThat(reads.path("aliceDerivedFree").asText()).isEqualTo(genesisBalance);
      assertThat(reads.path("aliceNonce").asInt()).isZero();
      assertThat(reads.path("aliceAccountSize").asInt()).isEqualTo(80);
      assertThat(reads.path("channelOwner").path("member").asInt()).isZero();
      assertThat(texts(reads.path("channelCollaborators").path("1"))).contains("AddVideo");
      assertThat(reads.path("memberController").asText()).isEqualTo(COLLABORATOR.address());
      assertThat(reads.path("channelIds").toString()).isEqualTo("[1,2,3]");
      assertThat(out.path("allHead").asLong()).isPositive();

      JsonNode transfer = out.path("transfer");
      BigInteger amount = new BigInteger(transfer.path("amount").asText());
      assertThat(texts(transfer.path("statuses"))).startsWith("Ready").endsWith("Finalized");
      assertThat(texts(transfer.path("events")))
          .contains("balances.Transfer", "system.ExtrinsicSuccess");
      assertThat(transfer.path("transfer").path("from").asText()).isEqualTo(ALICE.address());
      assertThat(transfer.path("transfer").path("to").asText()).isEqualTo(BOB.address());
      assertThat(transfer.path("transfer").path("amount").asText()).isEqualTo(amount.toString());
      BigInteger before = new BigInteger(transfer.path("bobFreeBefore").asText());
      BigInteger after = new BigInteger(transfer.path("bobFreeAfter").asText());
      assertThat(after.subtract(before)).isEqualTo(amount);
      assertThat(texts(transfer.path("subscribedFree")))
          .startsWith(before.toString())
          .endsWith(after.toString());
      assertThat(free(devnet, BOB)).isEqualTo(after);
      assertThat(new BigInteger(transfer.path("partialFee").asText())).isPositive();
      assertThat(transfer.path("aliceNextIndex").asInt()).isEqualTo(1);

      JsonNode video = out.path("video");
      assertThat(texts(video.path("statuses"))).endsWith("Finalized");
      assertThat(texts(video.path("events")))
          .contains("content.VideoCreated", "utility.BatchCompleted", "system.ExtrinsicSuccess")
          .doesNotContain("utility.BatchInterrupted", "system.ExtrinsicFailed");
      assertThat(video.path("actor").path("member").asInt()).isEqualTo(1);
      assertThat(video.path("channelId").asLong()).isEqualTo(1);
      assertThat(video.path("bucketsWitness").asInt()).isEqualTo(5);
      long videoId = video.path("videoId").asLong();
      Video onChain = devnet.chain().read(rt -> rt.state().video(videoId)).orElseThrow();
      assertThat(onChain.channelId()).isEqualTo(1);
      assertThat(onChain.dataObjects()).hasSize(1);
    }
  }

  private static BigInteger free(RunningDevnet devnet, KeyPair key) {
    AccountId id = new AccountId(key.publicKey());
    return devnet.chain().read(rt -> rt.state().account(id).free());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
