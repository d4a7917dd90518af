package io.joysync.joystream.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A live server subscription as a single-subscriber {@link Flow.Publisher}. Items wait in a bounded
 * buffer until the subscriber asks for them. Head subscriptions survive reconnects (the client
 * subscribes again and keeps feeding the same stream); a watched extrinsic ends with {@link
 * TransactionStatus.ConnectionLost} instead. {@link #cancel()} unsubscribes on the node.
 */
public final class RpcSubscription<T> implements Flow.Publisher<T> {
  private final String method;
  private final BoundedPublisher<T> publisher;
  private final Runnable cancel;

  RpcSubscription(String method, BoundedPublisher<T> publisher, Runnable cancel) {
    this.method = method;
    this.publisher = publisher;
    this.cancel = cancel;
  }

  /** The subscribe method, such as {@code chain_subscribeNewHeads}. */
  public String method() {
    return method;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    publisher.subscribe(subscriber);
  }

  /**
   * Delivers every item to {@code onItem} as it arrives (unbounded demand; the buffer bound still
   * applies while the consumer is busy). The future completes when the stream ends.
   */
  public CompletableFuture<Void> forEach(Consumer<? super T> onItem) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<T>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(T item) {
            onItem.accept(item);
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    return done;
  }

  /** Items dropped because the subscriber was slower than the node (head streams only). */
  public long droppedItems() {
    return publisher.droppedItems();
  }

  /** True once the stream has ended or was cancelled. */
  public boolean isDone() {
    return publisher.isDone();
  }

  /** Stops the stream and unsubscribes on the node (best effort). */
  public void cancel() {
    cancel.run();
  }
}
