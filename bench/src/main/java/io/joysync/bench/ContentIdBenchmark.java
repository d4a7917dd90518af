package io.joysync.bench;

import io.joysync.joystream.content.ContentIdHasher;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Content-id hashing throughput (BLAKE3-256 multihash, base58) over a 64 MB buffer fed in chunks
 * the size a downloader writes. One operation hashes the whole buffer, so MB/s = 64 / (seconds per
 * operation). Every downloaded asset goes through this hash, so it bounds the hashing stage.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ContentIdBenchmark {
  /** Size of the hashed buffer: 64 MiB. */
  public static final int SIZE = 64 * 1024 * 1024;

  @Param({"65536", "1048576"})
  public int chunkSize;

  private byte[] data;

  @Setup
  public void fill() {
    data = new byte[SIZE];
    new SplittableRandom(64).nextBytes(data);
  }

  @Benchmark
  public ContentIdHasher.HashedContent hash64MegabytesInChunks() {
    ContentIdHasher hasher = new ContentIdHasher();
    for (int off = 0; off < SIZE; off += chunkSize) {
      hasher.update(data, off, Math.min(chunkSize, SIZE - off));
    }
    return hasher.finish();
  }
}
