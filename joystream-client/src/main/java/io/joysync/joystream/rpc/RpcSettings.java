package io.joysync.joystream.rpc;

import java.net.URI;
import java.time.Duration;

/**
 * How the JSON-RPC client connects and how much it may hold at once.
 *
 * @param endpoint the node's WebSocket URL ({@code ws://} or {@code wss://})
 * @param requestTimeout default time a request may take, waiting included
 * @param connectTimeout time one connection attempt may take
 * @param maxInFlight requests sent and not yet answered
 * @param maxWaiting requests waiting for a free slot or for the connection; beyond that callers get
 *     {@link RpcOverloadedException} at once
 * @param subscriptionBuffer items a subscription keeps for a slow subscriber
 * @param maxMessageChars largest message accepted (state_getMetadata is about 900k characters)
 * @param reconnectMin first reconnect delay, doubled after each failed attempt
 * @param reconnectMax largest reconnect delay
 */
public record RpcSettings(
    URI endpoint,
    Duration requestTimeout,
    Duration connectTimeout,
    int maxInFlight,
    int maxWaiting,
    int subscriptionBuffer,
    int maxMessageChars,
    Duration reconnectMin,
    Duration reconnectMax) {

  public RpcSettings {
    String scheme = endpoint.getScheme();
    if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
      throw new IllegalArgumentException("endpoint must be ws:// or wss://, got " + endpoint);
    }
    positive(requestTimeout, "requestTimeout");
    positive(connectTimeout, "connectTimeout");
    positive(reconnectMin, "reconnectMin");
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax must not be below reconnectMin");
    }
    if (maxInFlight < 1 || maxWaiting < 0 || subscriptionBuffer < 1 || maxMessageChars < 1024) {
      throw new IllegalArgumentException(
          "limits out of range: maxInFlight>=1, maxWaiting>=0, subscriptionBuffer>=1,"
              + " maxMessageChars>=1024");
    }
  }

  /** Defaults suited to one Joystream node: 30 s requests, 256 in flight, 64 MiB messages. */
  public static RpcSettings of(URI endpoint) {
    return new RpcSettings(
        endpoint,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        256,
        1024,
        1024,
        64 * 1024 * 1024,
        Duration.ofMillis(250),
        Duration.ofSeconds(30));
  }

  public RpcSettings withRequestTimeout(Duration d) {
    return new RpcSettings(
        endpoint,
        d,
        connectTimeout,
        maxInFlight,
        maxWaiting,
        subscriptionBuffer,
        maxMessageChars,
        reconnectMin,
        reconnectMax);
  }

  public RpcSettings withLimits(int inFlight, int waiting, int buffer) {
    return new RpcSettings(
        endpoint,
        requestTimeout,
        connectTimeout,
        inFlight,
        waiting,
        buffer,
        maxMessageChars,
        reconnectMin,
        reconnectMax);
  }

  public RpcSettings withReconnect(Duration min, Duration max) {
    return new RpcSettings(
        endpoint,
        requestTimeout,
        connectTimeout,
        maxInFlight,
        maxWaiting,
        subscriptionBuffer,
        maxMessageChars,
        min,
        max);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }
}
