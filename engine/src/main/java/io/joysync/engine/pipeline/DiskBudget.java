package io.joysync.engine.pipeline;

/**
 * The local disk space downloads may use on one node. A download reserves its expected size before
 * it starts; when there is no room it does not start (and does not wait in a stage, where it would
 * hold up videos whose files are already on disk and only need uploading); the reservation is
 * corrected to the real size once the file is there and released when the file is removed. A single
 * reservation larger than the whole budget is granted when nothing else is reserved, so no video
 * waits forever.
 */
public final class DiskBudget {

  private final long capacity;
  private long reserved;
  private long highWater;

  public DiskBudget(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("the disk budget must be positive");
    }
    this.capacity = capacity;
  }

  /** Reserves the bytes if there is room for them now. */
  public synchronized boolean tryReserve(long bytes) {
    long wanted = Math.max(0, bytes);
    if (reserved + wanted > capacity && reserved > 0) {
      return false;
    }
    reserved += wanted;
    highWater = Math.max(highWater, reserved);
    return true;
  }

  /** Takes note of files found on disk at start (already there, whatever the budget). */
  public synchronized void claim(long bytes) {
    reserved += Math.max(0, bytes);
    highWater = Math.max(highWater, reserved);
  }

  /** Changes a reservation to the real size of what was written. */
  public synchronized void adjust(long reservedBytes, long actualBytes) {
    reserved = Math.max(0, reserved + actualBytes - reservedBytes);
    highWater = Math.max(highWater, reserved);
  }

  public synchronized void release(long bytes) {
    reserved = Math.max(0, reserved - bytes);
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
}
