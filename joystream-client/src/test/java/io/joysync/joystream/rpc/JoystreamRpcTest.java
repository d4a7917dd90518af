package io.joysync.joystream.rpc;

import static io.joysync.joystream.rpc.FakeNode.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed calls read the JSON shapes of section 5 and refuse other shapes. */
class JoystreamRpcTest {
  private final Map<String, Object> answers = new ConcurrentHashMap<>();
  private FakeNode node;
  private JoystreamRpc rpc;

  @BeforeEach
  void start() throws Exception {
    node =
        FakeNode.start(
            (conn, req) -> {
              Object a = answers.get(req.path("method").asText());
              reply(
                  conn, req, a instanceof java.util.function.Function<?, ?> f ? apply(f, req) : a);
            });
    rpc = new JoystreamRpc(RpcClient.connect(node.settings()));
  }

  @SuppressWarnings("unchecked")
  private static Object apply(java.util.function.Function<?, ?> f, JsonNode req) {
    return ((java.util.function.Function<JsonNode, Object>) f).apply(req);
  }

  @AfterEach
  void stop() throws Exception {
    rpc.close();
    node.close();
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void chainIdentityAndAccountNonce() throws Exception {
    answers.put("system_chain", "Joystream");
    answers.put(
        "system_properties", Map.of("ss58Format", 126, "tokenDecimals", 10, "tokenSymbol", "JOY"));
    answers.put("system_health", Map.of("peers", 12, "isSyncing", false, "shouldHavePeers", true));
    answers.put("system_accountNextIndex", 42);
    answers.put(
        "chain_getBlockHash",
        (java.util.function.Function<JsonNode, Object>)
            req ->
                req.path("params").path(0).asInt(-1) == 0
                    ? RpcClientTest.hash('6')
                    : RpcClientTest.hash('b'));
    assertThat(get(rpc.systemChain())).isEqualTo("Joystream");
    assertThat(get(rpc.systemProperties()))
        .isEqualTo(new ChainTypes.ChainProperties(126, 10, "JOY"));
    assertThat(get(rpc.systemHealth())).isEqualTo(new ChainTypes.SystemHealth(12, false, true));
    assertThat(get(rpc.accountNextIndex("j4UTFhYADCNq2FQDVj5xqbNF6UjhG9A7b35XCp9iGFc7yeVVb")))
        .isEqualTo(42);
    assertThat(get(rpc.genesisHash())).isEqualTo(RpcClientTest.hash('6'));
    assertThat(get(rpc.bestBlockHash())).isEqualTo(RpcClientTest.hash('b'));
    JsonNode genesisCall =
        node.requests.stream()
            .filter(r -> r.path("method").asText().equals("chain_getBlockHash"))
            .findFirst()
            .orElseThrow();
    assertThat(genesisCall.path("params").toString()).isEqualTo("[0]");
  }

  @Test
  void headersBlocksAndRuntimeVersion() throws Exception {
    answers.put("chain_getHeader", RpcClientTest.header(10_493_990));
    answers.put(
        "chain_getBlock",
        Map.of(
            "block",
            Map.of("header", RpcClientTest.header(5), "extrinsics", List.of("0x0102", "0x0304")),
            "justifications",
            List.of()));
    answers.put(
        "state_getRuntimeVersion",
        Map.of(
            "specName",
            "joystream-node",
            "implName",
            "joystream-node",
            "authoringVersion",
            12,
            "specVersion",
            2004,
            "implVersion",
            0,
            "transactionVersion",
            2,
            "stateVersion",
            1,
            "apis",
            List.of(List.of("0xdf6acb689907609b", 4))));
    answers.put("chain_getFinalizedHead", RpcClientTest.hash('f'));
    ChainTypes.Header h = get(rpc.header(RpcClientTest.hash('c')));
    assertThat(h.number()).isEqualTo(10_493_990L);
    assertThat(h.parentHash()).isEqualTo(RpcClientTest.hash('a'));
    assertThat(h.digestLogs()).containsExactly("0x0642");
    ChainTypes.Block b = get(rpc.block(null));
    assertThat(b.header().number()).isEqualTo(5);
    assertThat(b.extrinsics()).containsExactly("0x0102", "0x0304");
    ChainTypes.RuntimeVersion v = get(rpc.runtimeVersion(null));
    assertThat(v.specVersion()).isEqualTo(2004);
    assertThat(v.transactionVersion()).isEqualTo(2);
    assertThat(v.apis()).containsEntry("0xdf6acb689907609b", 4L);
    assertThat(get(rpc.finalizedHead())).isEqualTo(RpcClientTest.hash('f'));
    JsonNode headerCall =
        node.requests.stream()
            .filter(r -> r.path("method").asText().equals("chain_getHeader"))
            .findFirst()
            .orElseThrow();
    assertThat(headerCall.path("params").path(0).asText()).isEqualTo(RpcClientTest.hash('c'));
  }

  @Test
  void storageFeesAndSubmission() throws Exception {
    answers.put(
        "state_getStorage",
        (java.util.function.Function<JsonNode, Object>)
            req -> req.path("params").path(0).asText().equals("0x01") ? "0x2a00" : null);
    answers.put(
        "payment_queryInfo",
        (java.util.function.Function<JsonNode, Object>)
            req ->
                req.path("params").size() == 2
                    ? Map.of("weight", 1_000, "class", "normal", "partialFee", "123")
                    : Map.of(
                        "weight",
                        Map.of("ref_time", 1_430_000_000L, "proof_size", 0),
                        "class",
                        "normal",
                        "partialFee",
                        "36666663000"));
    answers.put("author_submitExtrinsic", RpcClientTest.hash('e'));
    assertThat(get(rpc.storage(new byte[] {1}, null)))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(0x2a, 0));
    assertThat(get(rpc.storage(new byte[] {2}, RpcClientTest.hash('c'))))
        .isEqualTo(Optional.empty());
    ChainTypes.FeeInfo fee = get(rpc.paymentQueryInfo(new byte[] {5}, null));
    assertThat(fee.weightRefTime()).isEqualTo(BigInteger.valueOf(1_430_000_000L));
    assertThat(fee.partialFee()).isEqualTo(new BigInteger("36666663000"));
    assertThat(fee.dispatchClass()).isEqualTo("normal");
    ChainTypes.FeeInfo old = get(rpc.paymentQueryInfo(new byte[] {5}, RpcClientTest.hash('c')));
    assertThat(old.weightRefTime()).isEqualTo(BigInteger.valueOf(1_000));
    assertThat(old.weightProofSize()).isZero();
    assertThat(get(rpc.submitExtrinsic(new byte[] {(byte) 0xad, 1})))
        .isEqualTo(RpcClientTest.hash('e'));
  }

  @Test
  void answersOfTheWrongShapeAreProtocolErrors() throws Exception {
    answers.put("chain_getBlockHash", "0x1234");
    answers.put("chain_getHeader", Map.of("parentHash", RpcClientTest.hash('a')));
    answers.put("state_getMetadata", 17);
    assertThat(failure(rpc.genesisHash()))
        .isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("32-byte hash");
    assertThat(failure(rpc.header(null)))
        .isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("number");
    assertThat(failure(rpc.metadata(null))).isInstanceOf(RpcProtocolException.class);
  }

  @Test
  void aMessageOverTheLimitDropsTheConnectionInsteadOfFillingMemory() throws Exception {
    rpc.close();
    RpcSettings small = node.settings();
    small =
        new RpcSettings(
            small.endpoint(),
            small.requestTimeout(),
            small.connectTimeout(),
            4,
            4,
            4,
            4096,
            small.reconnectMin(),
            small.reconnectMax());
    char[] big = new char[10_000];
    Arrays.fill(big, 'a');
    answers.put("state_getMetadata", "0x" + new String(big));
    rpc = new JoystreamRpc(RpcClient.connect(small));
    assertThat(failure(rpc.metadata(null)))
        .isInstanceOf(RpcConnectionLostException.class)
        .hasMessageContaining("larger than 4096");
    answers.put("system_chain", "Joystream");
    assertThat(get(rpc.systemChain())).isEqualTo("Joystream");
  }
}
