package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.chain.ChainState;
import io.joysync.devnet.chain.TestExtrinsics;
import io.joysync.joystream.events.EventRecord;
import io.joysync.joystream.events.Phase;
import io.joysync.joystream.events.SystemEvents;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.storage.StorageKeys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime-upgrade switch, seen as a client of a real node would see a runtime upgrade: the
 * block that enacts it emits System.CodeUpdated and answers the new versions, the blocks before it
 * the old ones; the runtime-version subscription is told; the next block records
 * System.LastRuntimeUpgrade; an extrinsic signed for the old versions leaves the pool as invalid
 * and is refused with 1010 "Transaction has a bad signature", one signed for the new ones lands.
 */
class RuntimeUpgradeTest {
  private static final KeyPair KEY = KeyPair.fromUri(KeyType.ED25519, "//Joysync//2");
  private static RunningDevnet devnet;
  private static RuntimeMetadata metadata;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests());
    try (InputStream in =
        RuntimeUpgradeTest.class.getResourceAsStream("/joystream-metadata-v14.hex")) {
      metadata =
          RuntimeMetadata.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
    }
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  private static byte[] video(long nonce, long spec, long txVersion) {
    ChainState s = devnet.chain().read(rt -> rt.state());
    byte[] call =
        TestExtrinsics.batchAll(
            List.of(
                TestExtrinsics.createVideo(
                    2,
                    2,
                    List.of(),
                    s.dataObjectPerMegabyteFee(),
                    null,
                    s.videoStateBloatBond(),
                    s.dataObjectStateBloatBond(),
                    5)));
    byte[] genesis = Hex.decode(devnet.genesisHash());
    return TestExtrinsics.sign(
        KEY,
        call,
        nonce,
        new TestExtrinsics.Context(genesis, spec, txVersion, true, 0, 0, genesis));
  }

  private static long nextIndex(WsClient c) throws Exception {
    return c.call("system_accountNextIndex", KEY.address()).path("result").asLong();
  }

  private static JsonNode version(WsClient c, String blockHash) throws Exception {
    return blockHash == null
        ? c.call("state_getRuntimeVersion").path("result")
        : c.call("state_getRuntimeVersion", blockHash).path("result");
  }

  private static JsonNode faults(String json) throws Exception {
    Http.Reply r = Http.put(devnet.adminUrl() + "/faults", json);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body();
  }

  @Test
  void theChainMovesToTheNewVersionsAtTheChosenBlockAndRefusesWhatWasSignedForTheOld()
      throws Exception {
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      String versions = c.call("state_subscribeRuntimeVersion").path("result").asText();
      c.awaitNotification(versions, v -> v.path("specVersion").asLong() == 2004);
      faults("{\"stallInclusion\":true}");
      String pooled =
          c.call("author_submitAndWatchExtrinsic", Hex.encode(video(nextIndex(c), 2004, 2)))
              .path("result")
              .asText();
      c.awaitNotification(pooled, s -> s.asText().equals("ready"));
      byte[] signedForOld = video(nextIndex(c), 2004, 2);

      long at = devnet.chain().best().number() + 3;
      JsonNode scheduled =
          faults(
              "{\"runtimeUpgrade\":{\"atBlock\":"
                  + at
                  + ",\"specVersion\":2005,\"transactionVersion\":3}}");
      assertThat(scheduled.path("runtimeUpgrade").path("atBlock").asLong()).isEqualTo(at);

      JsonNode notified = c.awaitNotification(versions, v -> v.path("specVersion").asLong() > 2004);
      assertThat(notified.path("specVersion").asLong()).isEqualTo(2005);
      assertThat(notified.path("transactionVersion").asLong()).isEqualTo(3);
      Http.await(Duration.ofSeconds(10), () -> devnet.chain().best().number(), n -> n > at);
      String before = devnet.chain().block(at - 1).orElseThrow().hashHex();
      String enacting = devnet.chain().block(at).orElseThrow().hashHex();
      String after = devnet.chain().block(at + 1).orElseThrow().hashHex();
      assertThat(version(c, before).path("specVersion").asLong()).isEqualTo(2004);
      assertThat(version(c, before).path("transactionVersion").asLong()).isEqualTo(2);
      assertThat(version(c, enacting).path("specVersion").asLong()).isEqualTo(2005);
      assertThat(version(c, null).path("specVersion").asLong()).isEqualTo(2005);
      assertThat(faults("{}").path("runtimeUpgrade").isNull()).isTrue();

      SystemEvents events = new SystemEvents(metadata);
      List<EventRecord> enacted =
          events.decode(devnet.chain().block(at).orElseThrow().eventsValue());
      assertThat(enacted)
          .filteredOn(r -> r.is("System", "CodeUpdated"))
          .singleElement()
          .satisfies(r -> assertThat(r.phase()).isEqualTo(Phase.Initialization.INSTANCE));
      String lastUpgrade =
          Hex.encode(new StorageKeys(metadata).key("System", "LastRuntimeUpgrade").bytes());
      assertThat(lastRuntimeUpgrade(c, lastUpgrade, enacting)).isEqualTo(2004);
      assertThat(lastRuntimeUpgrade(c, lastUpgrade, after)).isEqualTo(2005);

      // What was signed for the old versions can no longer land.
      c.awaitNotification(pooled, s -> s.asText().equals("invalid"));
      JsonNode refused = c.call("author_submitExtrinsic", Hex.encode(signedForOld)).path("error");
      assertThat(refused.path("code").asInt()).isEqualTo(1010);
      assertThat(refused.path("message").asText()).isEqualTo("Invalid Transaction");
      assertThat(refused.path("data").asText()).isEqualTo("Transaction has a bad signature");

      faults("{\"stallInclusion\":false}");
      String landing =
          c.call("author_submitAndWatchExtrinsic", Hex.encode(video(nextIndex(c), 2005, 3)))
              .path("result")
              .asText();
      c.awaitNotification(landing, s -> s.has("inBlock"));

      Http.Reply notUp =
          Http.put(devnet.adminUrl() + "/faults", "{\"runtimeUpgrade\":{\"specVersion\":2005}}");
      assertThat(notUp.status()).isEqualTo(400);
      assertThat(notUp.body().path("message").asText())
          .contains("above the current spec version 2005");
    }
  }

  @Test
  void aStalledInclusionKeepsExtrinsicsReadyInThePoolWhileBlocksGoOn() throws Exception {
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      long spec = devnet.chain().runtime().identity().specVersion();
      long tx = devnet.chain().runtime().identity().transactionVersion();
      faults("{\"stallInclusion\":true}");
      String sub =
          c.call("author_submitAndWatchExtrinsic", Hex.encode(video(nextIndex(c), spec, tx)))
              .path("result")
              .asText();
      long best = devnet.chain().best().number();
      Http.await(Duration.ofSeconds(10), () -> devnet.chain().best().number(), n -> n > best + 4);
      assertThat(devnet.chain().poolSize()).isEqualTo(1);
      faults("{\"stallInclusion\":false}");
      c.awaitNotification(sub, s -> s.has("inBlock"));
    }
  }

  private static long lastRuntimeUpgrade(WsClient c, String key, String blockHash)
      throws Exception {
    String value = c.call("state_getStorage", key, blockHash).path("result").asText();
    ScaleReader r = new ScaleReader(Hex.decode(value));
    long spec = r.readCompactLong();
    assertThat(r.readString()).isEqualTo("joystream-node");
    return spec;
  }
}
