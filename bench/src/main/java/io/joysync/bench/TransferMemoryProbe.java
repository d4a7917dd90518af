package io.joysync.bench;

import io.joysync.joystream.colossus.ColossusClient;
import io.joysync.joystream.colossus.StorageBagId;
import io.joysync.joystream.colossus.StorageNode;
import io.joysync.joystream.colossus.UploadOutcome;
import io.joysync.joystream.colossus.UploadRequest;
import io.joysync.joystream.content.ContentIdHasher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@link TransferMemoryBenchmark}, in a JVM of its own so that its heap is the
 * transfers' alone: hashes and uploads {@code count} copies of a file at once, the way the node's
 * hash and upload stages do ({@code joysync}: BLAKE3 over a stream of the file, then {@link
 * ColossusClient}'s multipart body streamed from disk), or with the body held in memory ({@code
 * buffered}: the file read whole, hashed, and sent as one array, as an HTTP client that may have to
 * resend the body after a redirect holds it). Prints one line: {@code RESULT <mode> <bytes> <count>
 * <peak live heap> <peak heap> <idle live heap> <ms>}.
 *
 * <p>The live heap is the heap in use right after a full collection, taken every 100 ms while the
 * transfers run: the memory they keep, not the garbage they leave for the next collection. The peak
 * heap is the most in use at any sample, garbage included.
 */
public final class TransferMemoryProbe {

  private TransferMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    URI sink = URI.create(args[1]);
    int count = Integer.parseInt(args[2]);
    Path file = Path.of(args[3]);
    ColossusClient colossus = ColossusClient.create();
    HttpClient http = HttpClient.newHttpClient();
    // One small transfer first, so that what every transfer shares (classes, the HTTP client's
    // pools, the hasher's tables) is in the idle heap rather than counted per transfer.
    Path warmUp = Files.createTempFile("joysync-warm-up", ".bin");
    try {
      Files.write(warmUp, new byte[1_000_000]);
      transfer(mode, colossus, http, sink, count, warmUp);
    } finally {
      Files.delete(warmUp);
    }
    System.gc();
    long idle = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    Peaks peaks = new Peaks();
    long start = System.nanoTime();
    var pool = Executors.newFixedThreadPool(count);
    try {
      List<CompletableFuture<Void>> transfers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long dataObject = i;
        transfers.add(
            CompletableFuture.runAsync(
                () -> transfer(mode, colossus, http, sink, dataObject, file), pool));
      }
      CompletableFuture.allOf(transfers.toArray(CompletableFuture[]::new)).join();
    } finally {
      peaks.close();
      pool.shutdownNow();
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println(
        "RESULT "
            + mode
            + " "
            + Files.size(file)
            + " "
            + count
            + " "
            + peaks.live
            + " "
            + peaks.used
            + " "
            + idle
            + " "
            + ms);
  }

  /** Hashes and uploads the file as the mode does. */
  private static void transfer(
      String mode, ColossusClient colossus, HttpClient http, URI sink, long dataObject, Path file) {
    try {
      if (mode.equals("joysync")) {
        ContentIdHasher.of(file);
        UploadOutcome outcome =
            colossus
                .upload(
                    StorageNode.of(0, sink.toString()),
                    new UploadRequest(dataObject, StorageBagId.channel(1), file))
                .join();
        if (!(outcome instanceof UploadOutcome.Stored)) {
          throw new IllegalStateException("upload failed: " + outcome);
        }
      } else {
        buffered(http, sink, dataObject, file);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file read whole (one copy of it in memory), hashed, and posted from that copy. */
  private static void buffered(HttpClient http, URI sink, long dataObject, Path file)
      throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    ContentIdHasher.of(bytes);
    String boundary = "joysync-bench-" + dataObject;
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"video.mp4\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(sink.resolve("api/v1/files?dataObjectId=" + dataObject))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(
                    HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(bytes),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() != 201) {
      throw new IllegalStateException("upload answered " + reply.statusCode());
    }
  }

  /** The heap's peaks while the transfers run. */
  private static final class Peaks implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    volatile long live;
    volatile long used;

    Peaks() {
      timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
      used = Math.max(used, memory.getHeapMemoryUsage().getUsed());
      System.gc();
      live = Math.max(live, memory.getHeapMemoryUsage().getUsed());
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
