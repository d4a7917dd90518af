package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One client connection: its live subscriptions (string ids, as Substrate issues them) and the
 * bounded outbox its notifications go to. When the outbox overflows the connection is closed, as a
 * node drops a subscriber that cannot keep up; closing cancels every subscription.
 */
public final class RpcSession implements AutoCloseable {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_SUBSCRIPTIONS = 1024;

  private final ObjectMapper json;
  private final Consumer<String> outbox;
  private final Map<String, Runnable> subscriptions = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public RpcSession(ObjectMapper json, Consumer<String> outbox) {
    this.json = json;
    this.outbox = outbox;
  }

  public boolean closed() {
    return closed;
  }

  /** Registers a subscription; {@code start} receives the id and returns how to cancel it. */
  public String subscribe(java.util.function.Function<String, Runnable> start) {
    if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
      throw new RpcError(-32000, "Too many subscriptions on the connection", null);
    }
    String id = newId();
    subscriptions.put(id, () -> {});
    Runnable cancel = start.apply(id);
    if (subscriptions.replace(id, cancel) == null || closed) {
      cancel.run();
    }
    return id;
  }

  public boolean unsubscribe(String id) {
    Runnable cancel = subscriptions.remove(id);
    if (cancel == null) {
      return false;
    }
    cancel.run();
    return true;
  }

  /** Sends a notification for a subscription, unless it was cancelled. */
  public void notify(String method, String subscription, JsonNode result) {
    if (closed || !subscriptions.containsKey(subscription)) {
      return;
    }
    ObjectNode n = json.createObjectNode();
    n.put("jsonrpc", "2.0");
    n.put("method", method);
    ObjectNode params = n.putObject("params");
    params.put("subscription", subscription);
    params.set("result", result);
    send(n.toString());
  }

  private final java.util.List<String> held = new java.util.ArrayList<>();
  private boolean holding;

  /**
   * Holds notifications while a call runs, so that a subscription's first notification never
   * overtakes the response that carries its id.
   */
  public synchronized void beginCall() {
    holding = true;
  }

  /** Sends the call's response, then whatever was held back. */
  public synchronized void endCall(String response) {
    holding = false;
    if (response != null) {
      send(response);
    }
    held.forEach(this::send);
    held.clear();
  }

  public synchronized void send(String text) {
    if (closed) {
      return;
    }
    if (holding) {
      held.add(text);
    } else {
      outbox.accept(text);
    }
  }

  private static String newId() {
    StringBuilder sb = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    closed = true;
    subscriptions.values().forEach(Runnable::run);
    subscriptions.clear();
  }
}
