package io.joysync.joystream.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A request from the moment it is made until it is answered, refused or timed out. Its id is given
 * when it is put on the wire, so a request that waited for a reconnect gets a fresh one.
 */
final class PendingRequest {
  final String method;
  final JsonNode params;
  final Duration timeout;

  /** The subscription this request opens, or null for a plain call. */
  final LiveSubscription<?> subscribing;

  final CompletableFuture<JsonNode> future = new CompletableFuture<>();
  long id;
  ScheduledFuture<?> timeoutTask;

  PendingRequest(
      String method, JsonNode params, Duration timeout, LiveSubscription<?> subscribing) {
    this.method = method;
    this.params = params;
    this.timeout = timeout;
    this.subscribing = subscribing;
  }

  /** The JSON-RPC 2.0 request text. */
  String toJson(ObjectNode empty) {
    empty.put("jsonrpc", "2.0").put("id", id).put("method", method).set("params", params);
    return empty.toString();
  }

  /** Completes the request with the node's error object, typed by its code. */
  void failWith(JsonNode error) {
    JsonNode data = error.get("data");
    String dataText =
        data == null || data.isNull() ? null : data.isTextual() ? data.asText() : data.toString();
    future.completeExceptionally(
        TransactionPoolException.of(
            method, error.path("code").asInt(), error.path("message").asText(), dataText));
  }

  void stopTimer() {
    if (timeoutTask != null) {
      timeoutTask.cancel(false);
    }
  }

  /** A subscription id as the node sent it: a string, or a number taken as its text. */
  static String subscriptionId(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new RpcProtocolException("subscription id missing in the node's answer");
    }
    return node.isTextual() ? node.asText() : node.toString();
  }
}
