package io.joysync.joystream.rpc;

import io.joysync.joystream.rpc.SubscriptionRequest.Overflow;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;

/**
 * A single-subscriber {@link Flow.Publisher} with a bounded buffer, fed by the connection's reader
 * thread and drained on an executor, so that a slow subscriber never blocks the socket. Items
 * offered before anyone subscribes are kept (up to the bound), so no early item is lost. When the
 * buffer is full it either drops the oldest item (head streams, where only the newest matters) or
 * ends the stream with {@link RpcOverloadedException} (streams where every item counts).
 */
final class BoundedPublisher<T> implements Flow.Publisher<T> {

  private final Executor executor;
  private final int capacity;
  private final Overflow overflow;
  private final Runnable onCancel;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private Flow.Subscriber<? super T> subscriber;
  private long demand;
  private boolean completed;
  private boolean terminated;
  private boolean cancelled;
  private boolean draining;
  private Throwable error;
  private long dropped;

  BoundedPublisher(Executor executor, int capacity, Overflow overflow, Runnable onCancel) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer capacity must be at least 1, got " + capacity);
    }
    this.executor = executor;
    this.capacity = capacity;
    this.overflow = overflow;
    this.onCancel = onCancel;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> s) {
    synchronized (this) {
      if (subscriber == null) {
        subscriber = s;
      } else {
        s.onSubscribe(new NoSubscription());
        s.onError(new IllegalStateException("this subscription stream has a subscriber already"));
        return;
      }
    }
    s.onSubscribe(new Demand());
    synchronized (this) {
      schedule();
    }
  }

  /** Adds an item; false when the stream is over or the item could not be buffered. */
  boolean offer(T item) {
    synchronized (this) {
      if (completed || cancelled) {
        return false;
      }
      if (buffer.size() >= capacity) {
        if (overflow == Overflow.DROP_OLDEST) {
          buffer.poll();
          dropped++;
        } else {
          buffer.clear();
          completed = true;
          error =
              new RpcOverloadedException(
                  "subscriber fell behind: " + capacity + " items were waiting, stream ended");
          schedule();
          return false;
        }
      }
      buffer.add(item);
      schedule();
      return true;
    }
  }

  void complete() {
    finish(null);
  }

  void fail(Throwable t) {
    finish(t);
  }

  private synchronized void finish(Throwable t) {
    if (completed || cancelled) {
      return;
    }
    completed = true;
    error = t;
    schedule();
  }

  synchronized boolean isDone() {
    return completed || cancelled;
  }

  synchronized long droppedItems() {
    return dropped;
  }

  private void schedule() {
    if (!draining && subscriber != null && !terminated && !cancelled) {
      draining = true;
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException closedClient) {
        ForkJoinPool.commonPool().execute(this::drain);
      }
    }
  }

  private void drain() {
    while (true) {
      Flow.Subscriber<? super T> s;
      T next = null;
      boolean end = false;
      Throwable err = null;
      synchronized (this) {
        s = subscriber;
        if (cancelled) {
          draining = false;
          return;
        }
        if (demand > 0 && !buffer.isEmpty()) {
          next = buffer.poll();
          demand--;
        } else if (buffer.isEmpty() && completed && !terminated) {
          terminated = true;
          end = true;
          err = error;
        } else {
          draining = false;
          return;
        }
      }
      if (next != null) {
        s.onNext(next);
      } else if (end) {
        if (err == null) {
          s.onComplete();
        } else {
          s.onError(err);
        }
      }
    }
  }

  private final class Demand implements Flow.Subscription {
    @Override
    public void request(long n) {
      synchronized (BoundedPublisher.this) {
        if (n <= 0) {
          buffer.clear();
          completed = true;
          error = new IllegalArgumentException("request(" + n + "): demand must be positive");
        } else {
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        schedule();
      }
    }

    @Override
    public void cancel() {
      boolean first;
      synchronized (BoundedPublisher.this) {
        first = !cancelled && !terminated;
        cancelled = true;
        buffer.clear();
      }
      if (first) {
        onCancel.run();
      }
    }
  }

  private static final class NoSubscription implements Flow.Subscription {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }
}
