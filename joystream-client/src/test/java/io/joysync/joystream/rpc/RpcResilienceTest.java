package io.joysync.joystream.rpc;

import static io.joysync.joystream.rpc.FakeNode.await;
import static io.joysync.joystream.rpc.FakeNode.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node that goes away and comes back, and subscribers slower than the node. */
class RpcResilienceTest {
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

  private static BiConsumer<WebSocket, JsonNode> heads(String prefix) {
    return (conn, req) -> {
      if (req.path("method").asText().equals("chain_subscribeNewHeads")) {
        reply(conn, req, prefix);
        FakeNode.notify(conn, "chain_newHead", prefix, RpcClientTest.header(prefix.length()));
      } else {
        reply(conn, req, prefix + ":" + req.path("method").asText());
      }
    };
  }

  @Test
  void requestsMadeWhileTheNodeIsDownAreSentWhenItIsBack() throws Exception {
    node = FakeNode.start(heads("a"));
    int port = node.getPort();
    client = RpcClient.connect(node.settings());
    RpcSubscription<ChainTypes.Header> sub =
        new JoystreamRpc(client).subscribeNewHeads().get(5, TimeUnit.SECONDS);
    List<Long> numbers = new CopyOnWriteArrayList<>();
    sub.forEach(h -> numbers.add(h.number()));
    await(() -> numbers.size() == 1, "first head");

    node.close();
    await(() -> !client.isConnected(), "client notices the node is gone");
    CompletableFuture<JsonNode> whileDown = client.call("system_chain");
    assertThat(whileDown).isNotDone();

    node = FakeNode.start(port, heads("bb"));
    assertThat(whileDown.get(10, TimeUnit.SECONDS).asText()).isEqualTo("bb:system_chain");
    await(() -> numbers.size() == 2, "head from the restarted node");
    assertThat(numbers).containsExactly(1L, 2L);
    assertThat(client.connectionCount()).isEqualTo(2);
  }

  @Test
  void aSlowHeadSubscriberKeepsTheNewestHeads() throws Exception {
    node =
        FakeNode.start(
            (conn, req) -> {
              reply(conn, req, "h");
              for (int n = 1; n <= 10; n++) {
                FakeNode.notify(conn, "chain_newHead", "h", RpcClientTest.header(n));
              }
            });
    client = RpcClient.connect(node.settings().withLimits(8, 8, 4));
    RpcSubscription<ChainTypes.Header> sub =
        new JoystreamRpc(client).subscribeNewHeads().get(5, TimeUnit.SECONDS);
    await(() -> sub.droppedItems() == 6, "six oldest heads dropped");
    List<Long> numbers = new CopyOnWriteArrayList<>();
    sub.forEach(h -> numbers.add(h.number()));
    await(() -> numbers.size() == 4, "four buffered heads");
    assertThat(numbers).containsExactly(7L, 8L, 9L, 10L);
  }

  @Test
  void aSlowStatusSubscriberEndsTheWatchWithOverloadAndUnwatches() throws Exception {
    node =
        FakeNode.start(
            (conn, req) -> {
              if (!req.path("method").asText().equals("author_submitAndWatchExtrinsic")) {
                reply(conn, req, true);
                return;
              }
              reply(conn, req, "w");
              for (int n = 0; n < 6; n++) {
                FakeNode.notify(conn, "author_extrinsicUpdate", "w", "ready");
              }
            });
    client = RpcClient.connect(node.settings().withLimits(8, 8, 4));
    RpcSubscription<TransactionStatus> watch =
        new JoystreamRpc(client).submitAndWatchExtrinsic(new byte[] {1}).get(5, TimeUnit.SECONDS);
    await(watch::isDone, "stream ended by overflow");
    await(() -> node.count("author_unwatchExtrinsic") == 1, "unwatch sent");
    CompletableFuture<Void> done = watch.forEach(s -> {});
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> done.get(5, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(RpcOverloadedException.class);
  }

  @Test
  void aSecondSubscriberIsRefused() throws Exception {
    node = FakeNode.start(heads("a"));
    client = RpcClient.connect(node.settings());
    RpcSubscription<ChainTypes.Header> sub =
        new JoystreamRpc(client).subscribeNewHeads().get(5, TimeUnit.SECONDS);
    sub.forEach(h -> {});
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    sub.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {}

          @Override
          public void onNext(ChainTypes.Header item) {}

          @Override
          public void onError(Throwable t) {
            errors.add(t);
          }

          @Override
          public void onComplete() {}
        });
    assertThat(errors).singleElement().isInstanceOf(IllegalStateException.class);
  }
}
