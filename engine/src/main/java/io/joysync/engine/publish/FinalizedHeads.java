package io.joysync.engine.publish;

import io.joysync.joystream.rpc.ChainTypes.Header;
import io.joysync.joystream.rpc.RpcSubscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One finalized-heads subscription per node, shared by its accounts. It starts with the first
 * listener; the RPC client renews it after a reconnect, and a subscription that could not be made
 * or that ended is made again a little later.
 */
final class FinalizedHeads implements AutoCloseable {
  private static final long RETRY_SECONDS = 2;

  private final ChainReads chain;
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicReference<RpcSubscription<Header>> current = new AtomicReference<>();
  private volatile boolean closed;

  FinalizedHeads(ChainReads chain) {
    this.chain = chain;
  }

  AutoCloseable listen(LongConsumer listener) {
    listeners.add(listener);
    if (started.compareAndSet(false, true)) {
      subscribe();
    }
    return () -> listeners.remove(listener);
  }

  private void subscribe() {
    if (closed) {
      return;
    }
    CompletableFuture<RpcSubscription<Header>> sub;
    try {
      sub = chain.rpc().subscribeFinalizedHeads();
    } catch (RuntimeException e) {
      retry();
      return;
    }
    sub.whenComplete(
        (subscription, error) -> {
          if (error != null) {
            retry();
            return;
          }
          current.set(subscription);
          subscription
              .forEach(h -> listeners.forEach(l -> l.accept(h.number())))
              .whenComplete((done, failed) -> retry());
        });
  }

  private void retry() {
    if (!closed) {
      CompletableFuture.delayedExecutor(RETRY_SECONDS, TimeUnit.SECONDS).execute(this::subscribe);
    }
  }

  @Override
  public void close() {
    closed = true;
    RpcSubscription<Header> s = current.getAndSet(null);
    if (s != null) {
      s.cancel();
    }
  }
}
