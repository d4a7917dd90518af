package io.joysync.joystream.rpc;

import static io.joysync.joystream.rpc.FakeNode.await;
import static io.joysync.joystream.rpc.FakeNode.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RpcClientTest {
  private FakeNode node;
  private RpcClient client;

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private static Throwable failure(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("future did not fail in time", e);
    }
    throw new AssertionError("expected a failure, got a value");
  }

  @Test
  void answersAreMatchedToRequestsById() throws Exception {
    node =
        FakeNode.start(
            (conn, req) -> reply(conn, req, "echo:" + req.path("params").path(0).asText()));
    client = RpcClient.connect(node.settings());
    List<CompletableFuture<JsonNode>> calls = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(client.call("echo", "v" + i));
    }
    for (int i = 0; i < 50; i++) {
      assertThat(calls.get(i).get(5, TimeUnit.SECONDS).asText()).isEqualTo("echo:v" + i);
    }
  }

  @Test
  void aRequestWithoutAnswerTimesOutAndALateAnswerIsIgnored() throws Exception {
    List<JsonNode> unanswered = new CopyOnWriteArrayList<>();
    List<WebSocket> conns = new CopyOnWriteArrayList<>();
    node =
        FakeNode.start(
            (conn, req) -> {
              unanswered.add(req);
              conns.add(conn);
            });
    client = RpcClient.connect(node.settings());
    await(client::isConnected, "connection");
    long start = System.nanoTime();
    CompletableFuture<JsonNode> f = client.call("slow", Duration.ofMillis(300), List.of());
    Throwable t = failure(f);
    await(() -> unanswered.size() == 1, "request received");
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(t).isInstanceOf(RpcTimeoutException.class).hasMessageContaining("slow");
    assertThat(((RpcException) t).code()).isEqualTo("rpc.timeout");
    assertThat(tookMs).isBetween(250L, 5000L);
    reply(conns.get(0), unanswered.get(0), "late");
    node.handler((conn, req) -> reply(conn, req, "fresh"));
    assertThat(client.call("next").get(5, TimeUnit.SECONDS).asText()).isEqualTo("fresh");
  }

  @Test
  void jsonRpcErrorsBecomeTypedExceptions() throws Exception {
    node =
        FakeNode.start(
            (conn, req) -> {
              switch (req.path("method").asText()) {
                case "author_submitExtrinsic" ->
                    FakeNode.error(
                        conn, req, 1010, "Invalid Transaction", "Transaction is outdated");
                case "author_submitAndWatchExtrinsic" ->
                    FakeNode.error(conn, req, 1014, "Priority is too low", "(1000 vs 1000)");
                default -> FakeNode.error(conn, req, -32601, "Method not found", null);
              }
            });
    JoystreamRpc rpc = new JoystreamRpc(client = RpcClient.connect(node.settings()));

    Throwable stale = failure(rpc.submitExtrinsic(new byte[] {1, 2}));
    assertThat(stale).isInstanceOf(TransactionPoolException.class);
    TransactionPoolException pool = (TransactionPoolException) stale;
    assertThat(pool.poolError()).isEqualTo(TransactionPoolException.PoolError.INVALID);
    assertThat(pool.reason()).isEqualTo(TransactionPoolException.InvalidReason.STALE_NONCE);
    assertThat(pool.errorCode()).isEqualTo(1010);
    assertThat(pool.code()).isEqualTo("rpc.error.1010");
    assertThat(pool).hasMessageContaining("Transaction is outdated");

    Throwable low = failure(rpc.submitAndWatchExtrinsic(new byte[] {3}));
    assertThat(((TransactionPoolException) low).poolError())
        .isEqualTo(TransactionPoolException.PoolError.PRIORITY_TOO_LOW);

    Throwable unknown = failure(rpc.systemChain());
    assertThat(unknown)
        .isInstanceOf(RpcErrorException.class)
        .isNotInstanceOf(TransactionPoolException.class);
    assertThat(((RpcErrorException) unknown).errorCode()).isEqualTo(-32601);
  }

  @Test
  void headSubscriptionDeliversNotificationsInOrder() throws Exception {
    node =
        FakeNode.start(
            (conn, req) -> {
              if (!req.path("method").asText().equals("chain_subscribeNewHeads")) {
                reply(conn, req, true);
                return;
              }
              reply(conn, req, "sub-1");
              for (int n = 1; n <= 3; n++) {
                FakeNode.notify(conn, "chain_newHead", "sub-1", header(n));
              }
            });
    JoystreamRpc rpc = new JoystreamRpc(client = RpcClient.connect(node.settings()));
    RpcSubscription<ChainTypes.Header> heads = rpc.subscribeNewHeads().get(5, TimeUnit.SECONDS);
    List<Long> numbers = new CopyOnWriteArrayList<>();
    heads.forEach(h -> numbers.add(h.number()));
    await(() -> numbers.size() == 3, "three heads");
    assertThat(numbers).containsExactly(1L, 2L, 3L);
    heads.cancel();
    await(() -> node.count("chain_unsubscribeNewHeads") == 1, "unsubscribe sent");
  }

  @Test
  void aDroppedConnectionIsReopenedAndHeadSubscriptionsRenewed() throws Exception {
    List<WebSocket> conns = new CopyOnWriteArrayList<>();
    node =
        FakeNode.start(
            (conn, req) -> {
              String m = req.path("method").asText();
              if (m.equals("chain_subscribeNewHeads")) {
                String id = "sub-" + node.count(m);
                reply(conn, req, id);
                FakeNode.notify(conn, "chain_newHead", id, header(10 * node.count(m)));
              } else if (m.equals("hang")) {
                conns.add(conn);
              } else {
                reply(conn, req, "ok");
              }
            });
    client = RpcClient.connect(node.settings());
    JoystreamRpc rpc = new JoystreamRpc(client);
    RpcSubscription<ChainTypes.Header> heads = rpc.subscribeNewHeads().get(5, TimeUnit.SECONDS);
    List<Long> numbers = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = heads.forEach(h -> numbers.add(h.number()));
    await(() -> numbers.size() == 1, "first head");
    CompletableFuture<JsonNode> inFlight = client.call("hang");
    await(() -> conns.size() == 1, "hanging request received");

    conns.get(0).closeConnection(1006, "test drops the connection");

    assertThat(failure(inFlight)).isInstanceOf(RpcConnectionLostException.class);
    await(() -> numbers.size() == 2, "head after the reconnect");
    assertThat(numbers).containsExactly(10L, 20L);
    assertThat(node.count("chain_subscribeNewHeads")).isEqualTo(2);
    assertThat(client.connectionCount()).isEqualTo(2);
    assertThat(done).isNotDone();
    assertThat(client.call("after").get(5, TimeUnit.SECONDS).asText()).isEqualTo("ok");
  }

  @Test
  void watchedExtrinsicStreamsItsStatusesAndEndsAfterTheFinalOne() throws Exception {
    node =
        FakeNode.start(
            (conn, req) -> {
              reply(conn, req, "w1");
              FakeNode.notify(conn, "author_extrinsicUpdate", "w1", "ready");
              FakeNode.notify(
                  conn, "author_extrinsicUpdate", "w1", Map.of("broadcast", List.of("peerA")));
              FakeNode.notify(conn, "author_extrinsicUpdate", "w1", Map.of("inBlock", hash('b')));
              FakeNode.notify(conn, "author_extrinsicUpdate", "w1", Map.of("finalized", hash('b')));
            });
    JoystreamRpc rpc = new JoystreamRpc(client = RpcClient.connect(node.settings()));
    RpcSubscription<TransactionStatus> watch =
        rpc.submitAndWatchExtrinsic(new byte[] {9}).get(5, TimeUnit.SECONDS);
    List<TransactionStatus> seen = new CopyOnWriteArrayList<>();
    watch.forEach(seen::add).get(5, TimeUnit.SECONDS);
    assertThat(seen)
        .containsExactly(
            TransactionStatus.Ready.INSTANCE,
            new TransactionStatus.Broadcast(List.of("peerA")),
            new TransactionStatus.InBlock(hash('b')),
            new TransactionStatus.Finalized(hash('b')));
    assertThat(node.requests.get(0).path("params").path(0).asText()).isEqualTo("0x09");
  }

  @Test
  void watchedExtrinsicEndsWithConnectionLostWhenTheConnectionDrops() throws Exception {
    node =
        FakeNode.start(
            (conn, req) -> {
              if (req.path("method").asText().equals("author_submitAndWatchExtrinsic")) {
                reply(conn, req, "w1");
                FakeNode.notify(conn, "author_extrinsicUpdate", "w1", "ready");
                FakeNode.notify(conn, "author_extrinsicUpdate", "w1", Map.of("inBlock", hash('c')));
              } else {
                reply(conn, req, "ok");
              }
            });
    JoystreamRpc rpc = new JoystreamRpc(client = RpcClient.connect(node.settings()));
    RpcSubscription<TransactionStatus> watch =
        rpc.submitAndWatchExtrinsic(new byte[] {9}).get(5, TimeUnit.SECONDS);
    List<TransactionStatus> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = watch.forEach(seen::add);
    await(() -> seen.size() == 2, "ready and inBlock");
    assertThat(done).isNotDone();
    node.connections.get(0).closeConnection(1006, "node restarts");
    done.get(5, TimeUnit.SECONDS);
    assertThat(seen)
        .containsExactly(
            TransactionStatus.Ready.INSTANCE,
            new TransactionStatus.InBlock(hash('c')),
            TransactionStatus.ConnectionLost.INSTANCE);
    await(() -> client.connectionCount() == 2, "reconnect");
    assertThat(node.count("author_submitAndWatchExtrinsic")).isEqualTo(1);
  }

  @Test
  void inFlightRequestsAreBoundedAndExcessCallersRefused() throws Exception {
    List<JsonNode> held = new CopyOnWriteArrayList<>();
    List<WebSocket> conns = new CopyOnWriteArrayList<>();
    node =
        FakeNode.start(
            (conn, req) -> {
              held.add(req);
              conns.add(conn);
            });
    client = RpcClient.connect(node.settings().withLimits(2, 1, 16));
    await(client::isConnected, "connection");
    CompletableFuture<JsonNode> a = client.call("a");
    CompletableFuture<JsonNode> b = client.call("b");
    CompletableFuture<JsonNode> c = client.call("c");
    Throwable refused = failure(client.call("d"));
    assertThat(refused)
        .isInstanceOf(RpcOverloadedException.class)
        .hasMessageContaining("d refused");
    await(() -> held.size() == 2, "two requests on the wire");
    assertThat(held).extracting(r -> r.path("method").asText()).containsExactly("a", "b");

    reply(conns.get(0), held.get(0), 1);
    assertThat(a.get(5, TimeUnit.SECONDS).asInt()).isEqualTo(1);
    await(() -> held.size() == 3, "waiting request sent once a slot is free");
    assertThat(held.get(2).path("method").asText()).isEqualTo("c");
    reply(conns.get(0), held.get(1), 2);
    reply(conns.get(0), held.get(2), 3);
    assertThat(b.get(5, TimeUnit.SECONDS).asInt()).isEqualTo(2);
    assertThat(c.get(5, TimeUnit.SECONDS).asInt()).isEqualTo(3);
  }

  @Test
  void aFragmentedMetadataSizedAnswerIsAssembled() throws Exception {
    byte[] big = new byte[600_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 7);
    }
    String hex = io.joysync.joystream.scale.Hex.encode(big);
    node =
        FakeNode.start(
            (conn, req) ->
                FakeNode.sendFragmented(
                    conn,
                    "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":\"" + hex + "\"}",
                    7));
    JoystreamRpc rpc = new JoystreamRpc(client = RpcClient.connect(node.settings()));
    assertThat(rpc.metadata(null).get(10, TimeUnit.SECONDS)).isEqualTo(big);
  }

  @Test
  void closingFailsPendingAndLaterCalls() throws Exception {
    node = FakeNode.start((conn, req) -> {});
    client = RpcClient.connect(node.settings());
    CompletableFuture<JsonNode> pending = client.call("never");
    await(() -> node.count("never") == 1, "request received");
    client.close();
    assertThat(failure(pending)).isInstanceOf(RpcClosedException.class);
    assertThat(failure(client.call("after"))).isInstanceOf(RpcClosedException.class);
  }

  static String hash(char c) {
    return "0x" + String.valueOf(c).repeat(64);
  }

  static Map<String, Object> header(long number) {
    return Map.of(
        "parentHash", hash('a'),
        "number", "0x" + Long.toHexString(number),
        "stateRoot", hash('1'),
        "extrinsicsRoot", hash('2'),
        "digest", Map.of("logs", List.of("0x0642")));
  }
}
