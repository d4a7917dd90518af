package io.joysync.engine.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The local disk space downloads may use on one node. A download reserves its expected size before
 * it starts and waits (without a thread) while there is no room; the reservation is corrected to
 * the real size once the file is there and released when the file is removed. Waiters are served in
 * order, so a large download is not overtaken forever by small ones. A single reservation larger
 * than the whole budget is granted alone, when nothing else is reserved.
 */
public final class DiskBudget {

  private record Waiter(long bytes, CompletableFuture<Long> granted) {}

  private final long capacity;
  private final Deque<Waiter> waiting = new ArrayDeque<>();
  private long reserved;
  private long highWater;

  public DiskBudget(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("the disk budget must be positive");
    }
    this.capacity = capacity;
  }

  /** Completes with the bytes reserved once there is room for them. */
  public CompletionStage<Long> reserve(long bytes) {
    long wanted = Math.max(0, bytes);
    CompletableFuture<Long> granted = new CompletableFuture<>();
    synchronized (this) {
      waiting.addLast(new Waiter(wanted, granted));
    }
    grant();
    return granted;
  }

  /** Takes note of files found on disk at start (already there, whatever the budget). */
  public synchronized void claim(long bytes) {
    reserved += Math.max(0, bytes);
    highWater = Math.max(highWater, reserved);
  }

  /** Changes a reservation to the real size of what was written. */
  public void adjust(long reservedBytes, long actualBytes) {
    synchronized (this) {
      reserved += actualBytes - reservedBytes;
      highWater = Math.max(highWater, reserved);
    }
    grant();
  }

  public void release(long bytes) {
    synchronized (this) {
      reserved = Math.max(0, reserved - bytes);
    }
    grant();
  }

  public synchronized long reserved() {
    return reserved;
  }

  public synchronized long highWater() {
    return highWater;
  }

  public long capacity() {
    return capacity;
  }

  public synchronized int waiting() {
    return waiting.size();
  }

  private void grant() {
    while (true) {
      Waiter next;
      synchronized (this) {
        next = waiting.peekFirst();
        if (next == null) {
          return;
        }
        boolean fits = reserved + next.bytes() <= capacity;
        boolean aloneTooBig = next.bytes() > capacity && reserved == 0;
        if (!fits && !aloneTooBig) {
          return;
        }
        waiting.pollFirst();
        reserved += next.bytes();
        highWater = Math.max(highWater, reserved);
      }
      next.granted().complete(next.bytes());
    }
  }
}
