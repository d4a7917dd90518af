package io.joysync.joystream.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 over one WebSocket to a Substrate node, with the guarantees a long-running service
 * needs: every request ends (answer, typed error or timeout); at most {@code maxInFlight} requests
 * are on the wire and at most {@code maxWaiting} wait for a slot or for the connection, beyond that
 * callers are refused with {@link RpcOverloadedException}; a dropped connection is re-opened with
 * exponential backoff, requests that were on the wire fail with {@link RpcConnectionLostException}
 * (their effect is unknown), waiting ones are sent on the new connection, head subscriptions are
 * renewed, and non-resumable subscriptions (watched extrinsics) end with their connection-lost
 * item. Thread-safe; futures complete on the connection's thread or the timer thread.
 */
public final class RpcClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RpcClient.class);

  private final RpcSettings settings;
  private final Backoff backoff;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final ExecutorService delivery;
  private final Object lock = new Object();
  private final RequestBook requests;
  private final SubscriptionBook subscriptions = new SubscriptionBook();
  private WebSocketTransport transport;
  private boolean closed;
  private int failedAttempts;
  private long connections;

  private RpcClient(RpcSettings settings) {
    this.settings = settings;
    this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
    this.requests = new RequestBook(settings.maxInFlight(), settings.maxWaiting());
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, daemon("joystream-rpc-timer-" + endpoint()));
    // answered requests cancel their timeout; do not keep them queued until they would fire
    scheduler.setRemoveOnCancelPolicy(true);
    this.timer = scheduler;
    this.delivery = Executors.newCachedThreadPool(daemon("joystream-rpc-delivery"));
  }

  /** Starts connecting and returns at once; requests made before the connection is up wait. */
  public static RpcClient connect(RpcSettings settings) {
    RpcClient client = new RpcClient(settings);
    client.open();
    return client;
  }

  public RpcSettings settings() {
    return settings;
  }

  public boolean isConnected() {
    synchronized (lock) {
      return transport != null;
    }
  }

  /** How many times a connection was established (1 after the first, +1 per reconnect). */
  public long connectionCount() {
    synchronized (lock) {
      return connections;
    }
  }

  /** Calls {@code method} with the default timeout; the future yields the {@code result} member. */
  public CompletableFuture<JsonNode> call(String method, Object... params) {
    return call(method, settings.requestTimeout(), List.of(params));
  }

  /** Calls {@code method}; list elements may be null (a JSON null parameter). */
  public CompletableFuture<JsonNode> call(String method, Duration timeout, List<?> params) {
    return enqueue(new PendingRequest(method, json.valueToTree(params), timeout, null));
  }

  /**
   * Subscribes; the future completes when the node has accepted the subscription (or fails with the
   * node's error, e.g. {@link TransactionPoolException} for a rejected extrinsic).
   */
  public <T> CompletableFuture<RpcSubscription<T>> subscribe(SubscriptionRequest<T> request) {
    LiveSubscription<T> live =
        new LiveSubscription<>(request, delivery, settings.subscriptionBuffer(), this::cancel);
    PendingRequest p =
        new PendingRequest(
            request.subscribeMethod(), json.valueToTree(request.params()), timeoutOf(), live);
    return enqueue(p)
        .handle(
            (ok, err) -> {
              if (err != null) {
                live.publisher().fail(err);
                throw new CompletionException(err);
              }
              return live.handle();
            });
  }

  private Duration timeoutOf() {
    return settings.requestTimeout();
  }

  private CompletableFuture<JsonNode> enqueue(PendingRequest p) {
    RpcException reject = null;
    synchronized (lock) {
      if (closed) {
        reject = new RpcClosedException(p.method);
      } else if (transport == null || !requests.hasFreeSlot()) {
        if (requests.offerWaiting(p)) {
          startTimerLocked(p);
        } else {
          reject = requests.overloaded(p.method);
        }
      } else {
        startTimerLocked(p);
        sendLocked(p);
      }
    }
    if (reject != null) {
      p.future.completeExceptionally(reject);
    }
    return p.future;
  }

  private void startTimerLocked(PendingRequest p) {
    p.timeoutTask = timer.schedule(() -> timeOut(p), p.timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sendLocked(PendingRequest p) {
    requests.markSent(p);
    transport.send(p.toJson(json.createObjectNode()));
  }

  private void pumpLocked() {
    PendingRequest next;
    while (transport != null && (next = requests.nextToSend()) != null) {
      sendLocked(next);
    }
  }

  private void timeOut(PendingRequest p) {
    synchronized (lock) {
      requests.forget(p);
      pumpLocked();
    }
    p.future.completeExceptionally(new RpcTimeoutException(p.method, p.timeout));
  }

  private void onMessage(WebSocketTransport from, String text) {
    JsonNode msg;
    try {
      msg = json.readTree(text);
    } catch (Exception e) {
      log.warn("ignoring a message from {} that is not JSON ({} chars)", endpoint(), text.length());
      return;
    }
    JsonNode id = msg.get("id");
    if (id != null && !id.isNull() && (msg.has("result") || msg.has("error"))) {
      onResponse(from, id.asLong(), msg);
    } else if (msg.path("params").has("subscription")) {
      onNotification(from, msg.get("params"));
    }
  }

  private void onResponse(WebSocketTransport from, long id, JsonNode msg) {
    PendingRequest p;
    synchronized (lock) {
      if (from != transport) {
        return;
      }
      p = requests.answered(id);
      pumpLocked();
    }
    if (p == null) {
      return;
    }
    p.stopTimer();
    JsonNode error = msg.get("error");
    if (error != null && !error.isNull()) {
      p.failWith(error);
      return;
    }
    JsonNode result = msg.get("result");
    if (p.subscribing != null) {
      if (result == null || result.isNull()) {
        p.future.completeExceptionally(
            new RpcProtocolException(p.method + " answered without a subscription id"));
        return;
      }
      register(p, PendingRequest.subscriptionId(result));
    }
    p.future.complete(result);
  }

  private void register(PendingRequest p, String serverId) {
    LiveSubscription<?> live = p.subscribing;
    boolean orphan;
    synchronized (lock) {
      orphan = p.future.isDone() || live.isCancelled() || closed;
      if (!orphan) {
        subscriptions.opened(live, serverId);
      }
    }
    if (orphan) {
      unsubscribe(live.request().unsubscribeMethod(), serverId);
    }
  }

  private void onNotification(WebSocketTransport from, JsonNode params) {
    String serverId = PendingRequest.subscriptionId(params.get("subscription"));
    LiveSubscription<?> live;
    synchronized (lock) {
      if (from != transport) {
        return;
      }
      live = subscriptions.route(serverId);
    }
    if (live == null) {
      return;
    }
    LiveSubscription.Outcome outcome = live.deliver(params.get("result"));
    if (outcome != LiveSubscription.Outcome.CONTINUE) {
      synchronized (lock) {
        subscriptions.ended(live);
      }
      if (outcome == LiveSubscription.Outcome.ABANDONED) {
        unsubscribe(live.request().unsubscribeMethod(), serverId);
      }
    }
  }

  private void cancel(LiveSubscription<?> live) {
    String serverId;
    synchronized (lock) {
      live.markCancelled();
      serverId = live.serverId();
      subscriptions.ended(live);
    }
    live.publisher().complete();
    if (serverId != null) {
      unsubscribe(live.request().unsubscribeMethod(), serverId);
    }
  }

  private void unsubscribe(String method, String serverId) {
    synchronized (lock) {
      if (transport == null || closed) {
        return;
      }
    }
    call(method, serverId)
        .exceptionally(
            t -> {
              log.debug("{} {} failed: {}", method, serverId, t.getMessage());
              return null;
            });
  }

  private void onClosed(WebSocketTransport from, String reason) {
    List<PendingRequest> lost;
    List<LiveSubscription<?>> ended;
    synchronized (lock) {
      if (from != transport) {
        return;
      }
      transport = null;
      lost = requests.takeSent();
      ended = subscriptions.connectionLost();
      reconnectLaterLocked();
    }
    log.warn("connection to {} lost: {}; {} requests failed", endpoint(), reason, lost.size());
    for (PendingRequest p : lost) {
      p.stopTimer();
      if (p.subscribing != null && p.future.isDone()) {
        continue;
      }
      p.future.completeExceptionally(new RpcConnectionLostException(p.method, reason));
    }
    for (LiveSubscription<?> live : ended) {
      live.endWithConnectionLost();
    }
  }

  private void open() {
    WebSocketTransport.open(http, settings, this::onMessage, this::onClosed)
        .whenComplete(
            (t, err) -> {
              if (err != null) {
                log.warn("cannot connect to {}: {}", endpoint(), err.getMessage());
                synchronized (lock) {
                  reconnectLaterLocked();
                }
              } else {
                onOpened(t);
              }
            });
  }

  private void onOpened(WebSocketTransport t) {
    synchronized (lock) {
      if (closed) {
        t.close();
        return;
      }
      transport = t;
      failedAttempts = 0;
      connections++;
      for (LiveSubscription<?> live : subscriptions.toRenew()) {
        PendingRequest p =
            new PendingRequest(
                live.request().subscribeMethod(),
                json.valueToTree(live.request().params()),
                timeoutOf(),
                live);
        startTimerLocked(p);
        p.future.whenComplete((r, e) -> resubscribed(live, e));
        sendLocked(p);
      }
      pumpLocked();
    }
    log.info("connected to {} (connection {})", endpoint(), connections);
  }

  private void resubscribed(LiveSubscription<?> live, Throwable error) {
    if (error == null || error instanceof RpcConnectionLostException) {
      return;
    }
    synchronized (lock) {
      subscriptions.ended(live);
    }
    live.publisher().fail(error);
  }

  private void reconnectLaterLocked() {
    if (closed) {
      return;
    }
    long delay = backoff.delayMillis(failedAttempts);
    failedAttempts++;
    timer.schedule(this::open, delay, TimeUnit.MILLISECONDS);
  }

  /** Closes the connection; pending requests fail with {@link RpcClosedException}, streams end. */
  @Override
  public void close() {
    List<PendingRequest> pending;
    List<LiveSubscription<?>> live;
    WebSocketTransport t;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      t = transport;
      transport = null;
      pending = requests.takeAll();
      live = subscriptions.takeAll();
    }
    for (PendingRequest p : pending) {
      p.stopTimer();
      p.future.completeExceptionally(new RpcClosedException(p.method));
    }
    live.forEach(l -> l.publisher().complete());
    if (t != null) {
      t.close();
    }
    timer.shutdownNow();
    delivery.shutdown();
  }

  private String endpoint() {
    return settings.endpoint().getHost() + ":" + settings.endpoint().getPort();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
