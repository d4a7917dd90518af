package io.joysync.logging;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Log lines waiting on disk for Elasticsearch, oldest first, in numbered segment files, never more
 * than {@code maxBytes} in all: a line that does not fit is refused and counted by the caller. What
 * has been indexed is recorded in a cursor file, so a restarted node replays only the rest (and a
 * line replayed twice is still stored once: its id is in the line). One appender at a time owns a
 * spool folder, by a file lock; a second node on the same machine takes the next free folder
 * ({@code <dir>-2}, {@code <dir>-3}, ...), and whoever opens a folder later replays what it holds.
 * Not thread-safe: the shipper's thread is its only user.
 */
final class LogSpool implements Closeable {

  private static final String PREFIX = "segment-";
  private static final String SUFFIX = ".ndjson";
  private static final int MAX_FOLDERS = 8;

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final TreeMap<Long, Long> segments = new TreeMap<>();
  private long headOffset;
  private long totalBytes;
  private long tailSeq;
  private OutputStream tail;
  private long peekedSeq = -1;
  private long peekedEnd;
  private long damagedLines;

  private LogSpool(Path dir, long maxBytes, FileChannel lockChannel, FileLock lock)
      throws IOException {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(64 * 1024, Math.min(16L << 20, maxBytes / 8));
    this.lockChannel = lockChannel;
    this.lock = lock;
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(this::addExisting);
    }
    restoreCursor();
    openTail(segments.isEmpty() ? 1 : segments.lastKey() + 1);
  }

  /** Opens the first spool folder from {@code base} on that no other process holds. */
  static LogSpool open(Path base, long maxBytes) throws IOException {
    for (int i = 1; i <= MAX_FOLDERS; i++) {
      Path dir = i == 1 ? base : base.resolveSibling(base.getFileName() + "-" + i);
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisProcess) {
        lock = null;
      }
      if (lock != null) {
        return new LogSpool(dir, maxBytes, channel, lock);
      }
      channel.close();
    }
    throw new IOException("all " + MAX_FOLDERS + " spool folders from " + base + " are in use");
  }

  Path dir() {
    return dir;
  }

  /** Bytes on disk, indexed or not, as counted against the bound. */
  long bytes() {
    return totalBytes;
  }

  /** True when lines wait to be indexed. */
  boolean hasPending() {
    return totalBytes - headOffset > 0;
  }

  /** Lines found damaged (a write cut short by a crash) and skipped so far. */
  long damagedLines() {
    return damagedLines;
  }

  /** Appends the lines in order; returns how many did not fit within the bound. */
  int append(List<LogLine> lines) throws IOException {
    int refused = 0;
    for (LogLine line : lines) {
      byte[] bytes = line.toSpool();
      if (totalBytes + bytes.length > maxBytes) {
        refused++;
        continue;
      }
      long tailSize = segments.get(tailSeq);
      if (tailSize > 0 && tailSize + bytes.length > segmentBytes) {
        tail.close();
        openTail(tailSeq + 1);
        tailSize = 0;
      }
      tail.write(bytes);
      segments.put(tailSeq, tailSize + bytes.length);
      totalBytes += bytes.length;
    }
    tail.flush();
    return refused;
  }

  /**
   * The oldest lines not yet indexed, at most {@code maxLines} and about {@code maxBytes}; they
   * stay in the spool until {@link #commit}.
   */
  List<LogLine> peek(int maxLines, long maxBytesRead) throws IOException {
    while (!segments.isEmpty()) {
      Map.Entry<Long, Long> head = segments.firstEntry();
      if (headOffset >= head.getValue()) {
        if (head.getKey() == tailSeq) {
          return List.of();
        }
        deleteHead();
        continue;
      }
      List<LogLine> lines = new ArrayList<>();
      long read = readLines(head.getKey(), head.getValue(), lines, maxLines, maxBytesRead);
      peekedSeq = head.getKey();
      peekedEnd = headOffset + read;
      if (!lines.isEmpty() || read == 0) {
        return lines;
      }
      commit();
    }
    return List.of();
  }

  /** Marks the lines of the last {@link #peek} as indexed. */
  void commit() throws IOException {
    if (peekedSeq < 0) {
      return;
    }
    headOffset = peekedEnd;
    peekedSeq = -1;
    Map.Entry<Long, Long> head = segments.firstEntry();
    if (headOffset >= head.getValue()) {
      if (head.getKey() != tailSeq) {
        deleteHead();
      } else if (segments.size() == 1) {
        tail.close();
        deleteHead();
        openTail(tailSeq + 1);
      }
    }
    writeCursor();
  }

  @Override
  public void close() throws IOException {
    try {
      tail.close();
      if (segments.get(tailSeq) == 0) {
        Files.deleteIfExists(segment(tailSeq));
      }
    } finally {
      lock.release();
      lockChannel.close();
    }
  }

  private long readLines(long seq, long size, List<LogLine> into, int maxLines, long maxBytesRead)
      throws IOException {
    long consumed = 0;
    try (FileChannel channel = FileChannel.open(segment(seq), StandardOpenOption.READ)) {
      channel.position(headOffset);
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      while (headOffset + consumed < size) {
        if (line.size() == 0 && (into.size() >= maxLines || consumed >= maxBytesRead)) {
          break;
        }
        int b = in.read();
        if (b < 0) {
          break;
        }
        consumed++;
        if (b != '\n') {
          line.write(b);
          continue;
        }
        LogLine.fromSpool(line.toString(StandardCharsets.UTF_8))
            .ifPresentOrElse(into::add, () -> damagedLines++);
        line.reset();
      }
      if (line.size() > 0 && seq != tailSeq) {
        // A line cut short by a crash: nothing will complete it, as a new run writes elsewhere.
        damagedLines++;
        return size - headOffset;
      }
      return consumed - line.size();
    }
  }

  private void addExisting(Path file) {
    String name = file.getFileName().toString();
    if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
      try {
        long seq = Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        long size = Files.size(file);
        segments.put(seq, size);
        totalBytes += size;
      } catch (NumberFormatException | IOException unreadable) {
        // Not one of ours, or gone: leave it alone.
      }
    }
  }

  private void restoreCursor() throws IOException {
    Path cursor = dir.resolve("cursor");
    if (!Files.exists(cursor)) {
      return;
    }
    String[] parts = Files.readString(cursor).trim().split(" ");
    try {
      long seq = Long.parseLong(parts[0]);
      long offset = Long.parseLong(parts[1]);
      while (!segments.isEmpty() && segments.firstKey() < seq) {
        deleteHead();
      }
      if (!segments.isEmpty() && segments.firstKey() == seq) {
        headOffset = Math.min(offset, segments.firstEntry().getValue());
      }
    } catch (RuntimeException damaged) {
      headOffset = 0;
    }
  }

  private void writeCursor() throws IOException {
    Path tmp = dir.resolve("cursor.tmp");
    long seq = segments.isEmpty() ? tailSeq : segments.firstKey();
    Files.writeString(tmp, seq + " " + headOffset + "\n");
    Files.move(
        tmp,
        dir.resolve("cursor"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private void deleteHead() throws IOException {
    Map.Entry<Long, Long> head = segments.pollFirstEntry();
    totalBytes -= head.getValue();
    headOffset = 0;
    Files.deleteIfExists(segment(head.getKey()));
  }

  private void openTail(long seq) throws IOException {
    tailSeq = seq;
    segments.put(seq, 0L);
    tail =
        new BufferedOutputStream(
            Files.newOutputStream(
                segment(seq), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            64 * 1024);
  }

  private Path segment(long seq) {
    return dir.resolve(String.format("%s%012d%s", PREFIX, seq, SUFFIX));
  }
}
