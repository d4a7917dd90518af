package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.chain.StorageQuery;
import io.joysync.devnet.chain.TestExtrinsics;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.Hex;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The WebSocket JSON-RPC endpoint: method shapes, subscriptions, and garbage handling. */
class JsonRpcEndpointTest {
  static RunningDevnet devnet;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests().with("chain.max-request-bytes", 20_000));
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  @Test
  void garbageAndMalformedRequestsGetJsonRpcErrorsAndTheConnectionKeepsServing() throws Exception {
    try (WsClient c = new WsClient(devnet.chainUrl());
        WsClient other = new WsClient(devnet.chainUrl())) {
      c.sendRaw("this is not json {");
      assertThat(c.nextResponse().path("error").path("code").asInt()).isEqualTo(-32700);
      c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1}");
      assertThat(c.nextResponse().path("error").path("code").asInt()).isEqualTo(-32600);
      c.sendRaw("[]");
      assertThat(c.nextResponse().path("error").path("code").asInt()).isEqualTo(-32600);
      c.sendRaw("42");
      assertThat(c.nextResponse().path("error").path("code").asInt()).isEqualTo(-32600);
      assertThat(c.call("no_such_method").path("error").path("code").asInt()).isEqualTo(-32601);
      assertThat(c.call("chain_getBlockHash", "zz").path("error").path("code").asInt())
          .isEqualTo(-32602);
      assertThat(c.call("state_getStorage", 5).path("error").path("code").asInt())
          .isEqualTo(-32602);
      c.sendRaw(
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"system_chain\",\"params\":\""
              + "x".repeat(30_000)
              + "\"}");
      JsonNode big = c.nextResponse();
      assertThat(big.path("error").path("code").asInt()).isEqualTo(-32007);
      assertThat(c.call("system_chain").path("result").asText()).isEqualTo("Joystream Devnet");
      assertThat(other.call("system_chain").path("result").asText()).isEqualTo("Joystream Devnet");
      c.sendRaw(
          "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_chain\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}]");
      JsonNode batch = c.nextResponse();
      assertThat(batch.isArray()).isTrue();
      assertThat(batch.get(1).path("error").path("code").asInt()).isEqualTo(-32601);
    }
  }

  @Test
  void chainQueriesHaveTheNodesShapes() throws Exception {
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      assertThat(c.call("chain_getBlockHash", 0).path("result").asText())
          .isEqualTo(devnet.genesisHash());
      JsonNode version = c.call("state_getRuntimeVersion").path("result");
      assertThat(version.path("specVersion").asInt()).isEqualTo(2004);
      assertThat(version.path("transactionVersion").asInt()).isEqualTo(2);
      assertThat(c.call("state_getMetadata").path("result").asText()).startsWith("0x6d6574610e");
      JsonNode props = c.call("system_properties").path("result");
      assertThat(props.path("ss58Format").asInt()).isEqualTo(126);
      JsonNode header = c.call("chain_getHeader").path("result");
      assertThat(header.path("number").asText()).startsWith("0x");
      String next = Hex.encode(StorageQuery.prefix("Content", "NextVideoId"));
      assertThat(c.call("state_getStorage", next).path("result").asText())
          .isEqualTo("0x0100000000000000");
      assertThat(c.call("state_getStorage", "0x" + "ab".repeat(32)).path("result").isNull())
          .isTrue();
      KeyPair collaborator = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");
      assertThat(c.call("system_accountNextIndex", collaborator.address()).path("result").asLong())
          .isZero();
    }
  }

  @Test
  void headSubscriptionsAndSubmitAndWatchStreamStatusesUntilFinalized() throws Exception {
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      String heads = c.call("chain_subscribeNewHeads").path("result").asText();
      String finalized = c.call("chain_subscribeFinalizedHeads").path("result").asText();
      c.awaitNotification(heads, h -> h.path("number").asText().startsWith("0x"));
      c.awaitNotification(finalized, h -> h.has("parentHash"));

      KeyPair key = KeyPair.fromUri(KeyType.ED25519, "//Joysync//2");
      var bonds = devnet.chain().read(rt -> rt.state());
      byte[] call =
          TestExtrinsics.batchAll(
              List.of(
                  TestExtrinsics.createVideo(
                      2,
                      2,
                      List.of(),
                      bonds.dataObjectPerMegabyteFee(),
                      null,
                      bonds.videoStateBloatBond(),
                      bonds.dataObjectStateBloatBond(),
                      5)));
      long nonce = c.call("system_accountNextIndex", key.address()).path("result").asLong();
      byte[] x =
          TestExtrinsics.sign(
              key, call, nonce, TestExtrinsics.Context.immortal(Hex.decode(devnet.genesisHash())));
      String sub = c.call("author_submitAndWatchExtrinsic", Hex.encode(x)).path("result").asText();
      c.awaitNotification(sub, s -> s.asText().equals("ready"));
      JsonNode pending = c.call("author_pendingExtrinsics").path("result");
      assertThat(pending.isArray()).isTrue();
      JsonNode inBlock = c.awaitNotification(sub, s -> s.has("inBlock"));
      JsonNode done = c.awaitNotification(sub, s -> s.has("finalized"));
      assertThat(done.path("finalized").asText()).isEqualTo(inBlock.path("inBlock").asText());
      JsonNode block = c.call("chain_getBlock", inBlock.path("inBlock").asText()).path("result");
      assertThat(block.path("block").path("extrinsics").toString()).contains(Hex.encodeBare(x));
      JsonNode err = c.call("author_submitExtrinsic", Hex.encode(x)).path("error");
      assertThat(err.path("code").asInt()).isEqualTo(1012);
      assertThat(c.call("chain_unsubscribeNewHeads", heads).path("result").asBoolean()).isTrue();
    }
  }

  @Test
  void aPortInUseIsAClearStartupError() {
    int taken = devnet.rpc().port();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Devnet.start(DevnetSettings.forTests().with("chain.port", taken)))
        .isInstanceOf(Exception.class);
  }
}
