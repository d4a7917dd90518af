package io.joysync.joystream.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.Opcode;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A scripted JSON-RPC node for tests: a real WebSocket server on 127.0.0.1 and a random port; the
 * test decides how each request is answered and may push notifications or drop connections.
 */
public final class FakeNode extends WebSocketServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  final List<WebSocket> connections = new CopyOnWriteArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile BiConsumer<WebSocket, JsonNode> handler;

  FakeNode(int port, BiConsumer<WebSocket, JsonNode> handler) {
    super(new InetSocketAddress("127.0.0.1", port));
    this.handler = handler;
    setReuseAddr(true);
  }

  public static FakeNode start(BiConsumer<WebSocket, JsonNode> handler)
      throws InterruptedException {
    return start(0, handler);
  }

  /** Starts on a given port (0 = any free one), e.g. to bring a stopped node back. */
  public static FakeNode start(int port, BiConsumer<WebSocket, JsonNode> handler)
      throws InterruptedException {
    FakeNode node = new FakeNode(port, handler);
    node.start();
    if (!node.started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("test WebSocket server did not start");
    }
    return node;
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + getPort());
  }

  public RpcSettings settings() {
    return RpcSettings.of(uri())
        .withRequestTimeout(Duration.ofSeconds(5))
        .withReconnect(Duration.ofMillis(50), Duration.ofMillis(400));
  }

  public void handler(BiConsumer<WebSocket, JsonNode> h) {
    this.handler = h;
  }

  public long count(String method) {
    return requests.stream().filter(r -> method.equals(r.path("method").asText())).count();
  }

  public static void reply(WebSocket conn, JsonNode request, Object result) {
    ObjectNode msg = JSON.createObjectNode().put("jsonrpc", "2.0");
    msg.set("id", request.get("id"));
    msg.set("result", JSON.valueToTree(result));
    conn.send(msg.toString());
  }

  public static void error(
      WebSocket conn, JsonNode request, int code, String message, String data) {
    ObjectNode msg = JSON.createObjectNode().put("jsonrpc", "2.0");
    msg.set("id", request.get("id"));
    ObjectNode err = msg.putObject("error").put("code", code).put("message", message);
    if (data != null) {
      err.put("data", data);
    }
    conn.send(msg.toString());
  }

  public static void notify(WebSocket conn, String method, String subscription, Object result) {
    ObjectNode msg = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
    ObjectNode params = msg.putObject("params").put("subscription", subscription);
    params.set("result", JSON.valueToTree(result));
    conn.send(msg.toString());
  }

  /** Sends one text message split into {@code parts} WebSocket fragments. */
  static void sendFragmented(WebSocket conn, String text, int parts) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int step = bytes.length / parts + 1;
    for (int off = 0; off < bytes.length; off += step) {
      int len = Math.min(step, bytes.length - off);
      conn.sendFragmentedFrame(
          Opcode.TEXT, ByteBuffer.wrap(bytes, off, len), off + len >= bytes.length);
    }
  }

  public static void await(BooleanSupplier condition, String what) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(condition::getAsBoolean);
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    connections.add(conn);
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    connections.remove(conn);
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    try {
      JsonNode req = JSON.readTree(message);
      requests.add(req);
      handler.accept(conn, req);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  @Override
  public void onStart() {
    started.countDown();
  }

  @Override
  public void close() throws InterruptedException {
    stop(1000);
  }
}
