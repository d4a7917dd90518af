package io.joysync.joystream.rpc;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection of the JDK client, reduced to "whole text messages in, text out, one
 * close signal". It joins partial frames into whole messages (metadata replies are close to a
 * megabyte) and refuses any message over the configured size by closing the connection, so a
 * misbehaving node cannot exhaust memory. Sends are serialized, as the JDK WebSocket requires.
 */
final class WebSocketTransport {

  /** Receives what a connection reports; called on the JDK's listener thread, one at a time. */
  @FunctionalInterface
  interface Listener<T> {
    void accept(WebSocketTransport from, T value);
  }

  private final AtomicBoolean closed = new AtomicBoolean();
  private final int maxMessageChars;
  private final Listener<String> onMessage;
  private final Listener<String> onClosed;
  private volatile WebSocket socket;
  private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

  private WebSocketTransport(
      int maxMessageChars, Listener<String> onMessage, Listener<String> onClosed) {
    this.maxMessageChars = maxMessageChars;
    this.onMessage = onMessage;
    this.onClosed = onClosed;
  }

  /** Opens a connection; {@code onClosed} gets a human-readable reason once, when it ends. */
  static CompletableFuture<WebSocketTransport> open(
      HttpClient http,
      RpcSettings settings,
      Listener<String> onMessage,
      Listener<String> onClosed) {
    WebSocketTransport t = new WebSocketTransport(settings.maxMessageChars(), onMessage, onClosed);
    return http.newWebSocketBuilder()
        .connectTimeout(settings.connectTimeout())
        .buildAsync(settings.endpoint(), t.new Reader())
        .thenApply(
            ws -> {
              t.socket = ws;
              return t;
            });
  }

  /** Queues a text message after the ones before it; failures close the connection. */
  synchronized void send(String text) {
    WebSocket ws = socket;
    sendChain =
        sendChain
            .thenCompose(ignored -> ws.sendText(text, true))
            .exceptionally(
                t -> {
                  signalClosed("send failed: " + t.getMessage());
                  return null;
                });
  }

  void close() {
    WebSocket ws = socket;
    if (ws != null && closed.compareAndSet(false, true)) {
      ws.abort();
    }
  }

  private void signalClosed(String reason) {
    if (closed.compareAndSet(false, true)) {
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      onClosed.accept(this, reason);
    } else if (socket != null) {
      socket.abort();
    }
  }

  private final class Reader implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (partial.length() + data.length() > maxMessageChars) {
        partial.setLength(0);
        signalClosed("message larger than " + maxMessageChars + " characters");
        return null;
      }
      String whole;
      if (last && partial.length() == 0) {
        whole = data.toString();
      } else {
        partial.append(data);
        if (!last) {
          webSocket.request(1);
          return null;
        }
        whole = partial.toString();
        partial.setLength(0);
        partial.trimToSize();
      }
      if (!closed.get()) {
        onMessage.accept(WebSocketTransport.this, whole);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      signalClosed("unexpected binary frame");
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      signalClosed(
          "closed by the node (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      signalClosed("connection error: " + error);
    }
  }
}
