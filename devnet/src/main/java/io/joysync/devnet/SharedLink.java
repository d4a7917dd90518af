package io.joysync.devnet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;

/**
 * A network link of limited capacity that every transfer through it shares, as a host's uplink is
 * shared by all its connections: each chunk waits for its turn on the link, so that all the
 * transfers together never carry more than the link's rate (no burst above it), and one transfer
 * alone may take the whole of it. The rate is read for every chunk, so a switch takes effect at
 * once; 0 (or less) means the link is not shaped.
 */
public final class SharedLink {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final LongSupplier clock;
  private final AtomicLong carried = new AtomicLong();
  private long nextFree;

  public SharedLink() {
    this(System::nanoTime);
  }

  /** A link timed by {@code clock} (nanoseconds, as {@link System#nanoTime}). */
  SharedLink(LongSupplier clock) {
    this.clock = clock;
    this.nextFree = clock.getAsLong();
  }

  /**
   * Books {@code bytes} on the link at {@code bytesPerSecond} and answers how long (nanoseconds)
   * they wait before their turn: 0 when the link is idle, otherwise until what was booked before
   * them has gone through.
   */
  synchronized long book(long bytes, long bytesPerSecond) {
    long now = clock.getAsLong();
    long start = Math.max(now, nextFree);
    nextFree = start + bytes * NANOS_PER_SECOND / bytesPerSecond;
    return start - now;
  }

  /** The bytes that went through this link's stages, shaped or not, since it was made. */
  public long carried() {
    return carried.get();
  }

  /** A stage that passes each chunk on at its turn on this link, at the rate read then. */
  public Flow<ByteString, ByteString, NotUsed> flow(LongSupplier bytesPerSecond) {
    return Flow.<ByteString>create()
        .mapAsync(
            1,
            chunk -> {
              carried.addAndGet(chunk.size());
              long rate = bytesPerSecond.getAsLong();
              long wait = rate > 0 ? book(chunk.size(), rate) : 0;
              if (wait <= 0) {
                return CompletableFuture.completedFuture(chunk);
              }
              return CompletableFuture.supplyAsync(
                  () -> chunk, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS));
            });
  }
}
