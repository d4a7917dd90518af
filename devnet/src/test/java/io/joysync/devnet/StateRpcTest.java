package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.chain.Hashing;
import io.joysync.devnet.chain.StorageQuery;
import io.joysync.devnet.chain.TestExtrinsics;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state API as polkadot.js uses it: several keys at a block, changes over a range, storage
 * subscriptions, key listings, storage hash and size, with reads as of the requested block.
 */
class StateRpcTest {
  private static final String NEXT_VIDEO_ID =
      Hex.encode(StorageQuery.prefix("Content", "NextVideoId"));
  private static final byte[] CHANNELS = StorageQuery.prefix("Content", "ChannelById");
  private static final String UNKNOWN = "0x" + "ab".repeat(32);
  private static RunningDevnet devnet;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests());
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  private static String channelKey(long id) {
    return Hex.encode(StorageQuery.mapKey(CHANNELS, new ScaleWriter().writeU64(id).toByteArray()));
  }

  private static long u64(JsonNode hex) {
    return new ScaleReader(Hex.decode(hex.asText())).readU64();
  }

  /** Submits a video on channel 2 by collaborator 2 and returns the hash of its block. */
  private static String createVideo(WsClient c) throws Exception {
    KeyPair key = KeyPair.fromUri(KeyType.ED25519, "//Joysync//2");
    var state = devnet.chain().read(rt -> rt.state());
    byte[] call =
        TestExtrinsics.createVideo(
            2,
            2,
            List.of(),
            state.dataObjectPerMegabyteFee(),
            null,
            state.videoStateBloatBond(),
            state.dataObjectStateBloatBond(),
            5);
    long nonce = c.call("system_accountNextIndex", key.address()).path("result").asLong();
    byte[] x =
        TestExtrinsics.sign(
            key, call, nonce, TestExtrinsics.Context.immortal(Hex.decode(devnet.genesisHash())));
    String sub = c.call("author_submitAndWatchExtrinsic", Hex.encode(x)).path("result").asText();
    return c.awaitNotification(sub, s -> s.has("inBlock")).path("inBlock").asText();
  }

  @Test
  void storageIsReadAndWatchedAsOfEachBlock() throws Exception {
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      List<String> keys = List.of(NEXT_VIDEO_ID, channelKey(2), UNKNOWN);
      String sub = c.call("state_subscribeStorage", keys).path("result").asText();
      JsonNode initial = c.awaitNotification(sub, set -> true);
      assertThat(initial.path("changes")).hasSize(3);
      assertThat(initial.path("changes").get(2).get(1).isNull()).isTrue();
      long before = u64(initial.path("changes").get(0).get(1));

      String block = createVideo(c);
      JsonNode changed = c.awaitNotification(sub, set -> set.path("block").asText().equals(block));
      List<String> changedKeys = new ArrayList<>();
      changed.path("changes").forEach(pair -> changedKeys.add(pair.get(0).asText()));
      assertThat(changedKeys).containsExactlyInAnyOrder(NEXT_VIDEO_ID, channelKey(2));
      String parent = c.call("chain_getHeader", block).path("result").path("parentHash").asText();

      JsonNode atParent =
          c.call("state_queryStorageAt", List.of(NEXT_VIDEO_ID, NEXT_VIDEO_ID), parent)
              .path("result");
      assertThat(atParent).hasSize(1);
      assertThat(atParent.get(0).path("block").asText()).isEqualTo(parent);
      assertThat(atParent.get(0).path("changes")).hasSize(1);
      assertThat(u64(atParent.get(0).path("changes").get(0).get(1))).isEqualTo(before);
      assertThat(u64(c.call("state_getStorage", NEXT_VIDEO_ID, block).path("result")))
          .isEqualTo(before + 1);

      JsonNode range =
          c.call("state_queryStorage", List.of(NEXT_VIDEO_ID), parent, block).path("result");
      assertThat(range).hasSize(2);
      assertThat(u64(range.get(1).path("changes").get(0).get(1))).isEqualTo(before + 1);
      assertThat(c.call("state_unsubscribeStorage", sub).path("result").asBoolean()).isTrue();
    }
  }

  @Test
  void keysAreListedInByteOrderWithTheirHashesAndSizes() throws Exception {
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      String prefix = Hex.encode(CHANNELS);
      List<String> all = texts(c.call("state_getKeys", prefix).path("result"));
      assertThat(all).hasSizeGreaterThanOrEqualTo(3).isSorted().contains(channelKey(1));
      List<String> first = texts(c.call("state_getKeysPaged", prefix, 2).path("result"));
      List<String> rest =
          texts(c.call("state_getKeysPaged", prefix, 1000, first.get(1)).path("result"));
      List<String> paged = new ArrayList<>(first);
      paged.addAll(rest);
      assertThat(paged).isEqualTo(all);

      long total = 0;
      for (String key : all) {
        byte[] value = Hex.decode(c.call("state_getStorage", key).path("result").asText());
        total += value.length;
        assertThat(c.call("state_getStorageHash", key).path("result").asText())
            .isEqualTo(Hex.encode(Hashing.blake2b256(value)));
      }
      assertThat(c.call("state_getStorageSize", prefix).path("result").asLong()).isEqualTo(total);
      assertThat(c.call("state_getPairs", prefix).path("result")).hasSize(all.size());

      JsonNode tooMany = c.call("state_getKeysPaged", prefix, 1001).path("error");
      assertThat(tooMany.path("code").asInt()).isEqualTo(4002);
      assertThat(tooMany.path("message").asText())
          .isEqualTo("count exceeds maximum value. value: 1001, max: 1000");
    }
  }

  @Test
  void subscriptionsUseTheNodesNotificationNamesAndUnknownBlocksAreErrors() throws Exception {
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      String heads = c.call("chain_subscribeAllHeads").path("result").asText();
      assertThat(c.awaitNotificationMessage(heads, h -> true).path("method").asText())
          .isEqualTo("chain_allHead");
      String version = c.call("state_subscribeRuntimeVersion").path("result").asText();
      assertThat(c.awaitNotificationMessage(version, v -> true).path("method").asText())
          .isEqualTo("state_runtimeVersion");
      assertThat(c.call("chain_unsubscribeAllHeads", heads).path("result").asBoolean()).isTrue();

      JsonNode methods = c.call("rpc_methods").path("result").path("methods");
      assertThat(texts(methods))
          .contains(
              "state_queryStorageAt",
              "state_subscribeStorage",
              "state_getKeysPaged",
              "system_syncState");

      JsonNode unknown = c.call("state_queryStorageAt", List.of(NEXT_VIDEO_ID), UNKNOWN);
      assertThat(unknown.path("error").path("code").asInt()).isEqualTo(4001);
      JsonNode keys = c.call("state_getKeys", Hex.encode(CHANNELS), UNKNOWN);
      assertThat(keys.path("error").path("code").asInt()).isEqualTo(4003);
      assertThat(c.call("state_subscribeStorage", "0x00").path("error").path("code").asInt())
          .isEqualTo(-32602);
    }
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
