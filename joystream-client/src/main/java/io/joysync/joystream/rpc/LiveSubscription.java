package io.joysync.joystream.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The client's side of one subscription: the request it came from, the node's current id for it
 * (which changes when a head subscription is renewed after a reconnect) and the stream it feeds.
 */
final class LiveSubscription<T> {

  /** What a delivered notification did to the stream. */
  enum Outcome {
    CONTINUE,
    /** The last item arrived; the node ends the subscription itself. */
    FINISHED,
    /** The stream ended on our side (bad notification, slow subscriber); unsubscribe. */
    ABANDONED
  }

  private final SubscriptionRequest<T> request;
  private final BoundedPublisher<T> publisher;
  private final RpcSubscription<T> handle;
  private volatile String serverId;
  private volatile boolean cancelled;

  LiveSubscription(
      SubscriptionRequest<T> request,
      Executor delivery,
      int buffer,
      Consumer<LiveSubscription<?>> onCancel) {
    this.request = request;
    this.publisher =
        new BoundedPublisher<>(delivery, buffer, request.overflow(), () -> onCancel.accept(this));
    this.handle =
        new RpcSubscription<>(request.subscribeMethod(), publisher, () -> onCancel.accept(this));
  }

  SubscriptionRequest<T> request() {
    return request;
  }

  BoundedPublisher<T> publisher() {
    return publisher;
  }

  RpcSubscription<T> handle() {
    return handle;
  }

  String serverId() {
    return serverId;
  }

  void serverId(String id) {
    this.serverId = id;
  }

  boolean isCancelled() {
    return cancelled;
  }

  void markCancelled() {
    cancelled = true;
  }

  Outcome deliver(JsonNode result) {
    T item;
    try {
      item = request.mapper().apply(result);
    } catch (RuntimeException e) {
      publisher.fail(
          new RpcProtocolException(
              "unreadable " + request.subscribeMethod() + " notification: " + e.getMessage(), e));
      return Outcome.ABANDONED;
    }
    boolean accepted = publisher.offer(item);
    if (request.isLast().test(item)) {
      publisher.complete();
      return Outcome.FINISHED;
    }
    return !accepted && publisher.isDone() ? Outcome.ABANDONED : Outcome.CONTINUE;
  }

  void endWithConnectionLost() {
    publisher.offer(request.connectionLostItem());
    publisher.complete();
  }
}
