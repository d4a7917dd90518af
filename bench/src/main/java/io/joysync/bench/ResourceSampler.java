package io.joysync.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples this JVM (the node alone; the devnet runs in its own) every few seconds: heap in use and
 * CPU time, so that a phase reports its peak heap and its average cores.
 */
final class ResourceSampler implements AutoCloseable {

  /** A phase's figures: average cores used, peak heap in use (MB). */
  record Usage(double cores, long peakHeapMb) {}

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private volatile long peakHeap;
  private long cpuAtStart;
  private long wallAtStart;

  ResourceSampler() {
    timer.scheduleAtFixedRate(this::sample, 0, 2, TimeUnit.SECONDS);
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    if (used > peakHeap) {
      peakHeap = used;
    }
  }

  /** Starts a phase. */
  synchronized void reset() {
    peakHeap = 0;
    cpuAtStart = os.getProcessCpuTime();
    wallAtStart = System.nanoTime();
  }

  /** The phase so far. */
  synchronized Usage usage() {
    sample();
    double cores =
        (os.getProcessCpuTime() - cpuAtStart)
            / (double) Math.max(1, System.nanoTime() - wallAtStart);
    return new Usage(cores, peakHeap / 1_000_000);
  }

  /** Heap in use after a full collection (MB): what the node keeps. */
  long retainedHeapMb() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed() / 1_000_000;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
