package io.joysync.logging;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What log shipping has done since the appender started, read by the node's metrics: lines indexed,
 * lines dropped (the memory queue or the spool full, or refused by Elasticsearch twice) and the
 * spool's size. Drops not yet reported in a log line are kept apart for that report.
 */
final class ShippingCounters {

  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicReference<String> lastDropReason = new AtomicReference<>("");
  private volatile long spoolBytes;

  void indexed(long lines) {
    indexed.addAndGet(lines);
  }

  void dropped(long lines, String reason) {
    if (lines > 0) {
      dropped.addAndGet(lines);
      unreported.addAndGet(lines);
      lastDropReason.set(reason);
    }
  }

  void spoolBytes(long bytes) {
    spoolBytes = bytes;
  }

  long indexed() {
    return indexed.get();
  }

  long dropped() {
    return dropped.get();
  }

  long spoolBytes() {
    return spoolBytes;
  }

  /** Drops since the last call, with the latest reason. */
  DropReport takeDropReport() {
    return new DropReport(unreported.getAndSet(0), lastDropReason.get(), dropped.get());
  }

  record DropReport(long lines, String reason, long total) {}
}
