package io.joysync.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** A minimal JSON-RPC WebSocket client for tests: raw sends and id-matched calls. */
public final class WsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocket ws;
  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final List<JsonNode> notifications = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(1000);
  final AtomicBoolean closed = new AtomicBoolean();

  public WsClient(String url) throws Exception {
    ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                URI.create(url),
                new WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      try {
                        inbox.add(JSON.readTree(partial.toString()));
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                      partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                    closed.set(true);
                    return null;
                  }

                  @Override
                  public void onError(WebSocket w, Throwable error) {
                    closed.set(true);
                  }
                })
            .get(5, TimeUnit.SECONDS);
  }

  public void sendRaw(String text) {
    ws.sendText(text, true).join();
  }

  /** Next message that is not a subscription notification. */
  public JsonNode nextResponse() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonNode n = inbox.poll(100, TimeUnit.MILLISECONDS);
      if (n == null) {
        continue;
      }
      if (n.has("params") && n.path("params").has("subscription")) {
        synchronized (notifications) {
          notifications.add(n);
        }
        continue;
      }
      return n;
    }
    throw new AssertionError("no response within 10 s");
  }

  public JsonNode call(String method, Object... params) throws InterruptedException {
    long id = ids.incrementAndGet();
    var req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    var arr = req.putArray("params");
    for (Object p : params) {
      arr.add(JSON.valueToTree(p));
    }
    sendRaw(req.toString());
    JsonNode r = nextResponse();
    if (r.path("id").asLong() != id) {
      throw new AssertionError("response id " + r.path("id") + " for request " + id);
    }
    return r;
  }

  /** Waits for a notification of a subscription that satisfies the predicate; its result. */
  public JsonNode awaitNotification(String subscription, java.util.function.Predicate<JsonNode> p)
      throws InterruptedException {
    return awaitNotificationMessage(subscription, p).path("params").path("result");
  }

  /** Like {@link #awaitNotification} but the whole message, with its method name. */
  public JsonNode awaitNotificationMessage(
      String subscription, java.util.function.Predicate<JsonNode> p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      synchronized (notifications) {
        for (JsonNode n : notifications) {
          if (n.path("params").path("subscription").asText().equals(subscription)
              && p.test(n.path("params").path("result"))) {
            return n;
          }
        }
      }
      JsonNode n = inbox.poll(100, TimeUnit.MILLISECONDS);
      if (n != null) {
        synchronized (notifications) {
          notifications.add(n);
        }
      }
    }
    throw new AssertionError("no matching notification for " + subscription);
  }

  public boolean awaitClosed(Duration within) {
    try {
      Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20)).untilTrue(closed);
    } catch (ConditionTimeoutException stillOpen) {
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    ws.abort();
  }
}
