package io.joysync.joystream.colossus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.joysync.joystream.colossus.FakeStorageNode.Reply;
import io.joysync.joystream.colossus.UploadOutcome.Reason;
import io.joysync.joystream.content.ContentIdHasher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColossusClientTest {
  private static final StorageBagId BAG = StorageBagId.channel(5);

  @TempDir Path dir;

  private Path randomFile(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new SplittableRandom(size).nextBytes(bytes);
    return Files.write(dir.resolve(name), bytes);
  }

  private static <T> T await(CompletableFuture<T> f) {
    return f.orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static ColossusClient client(Duration uploadBase) {
    return client(Duration.ofSeconds(5), uploadBase, 1024 * 1024);
  }

  private static ColossusClient client(Duration stall, Duration uploadBase, long minRate) {
    return new ColossusClient(
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        new ColossusClient.Settings(Duration.ofSeconds(5), stall, uploadBase, minRate));
  }

  /**
   * A storage node on a raw socket that reads one upload's body {@code step} bytes every 100 ms (0:
   * never), then answers 201 with a content id.
   */
  private static void pacedNode(ServerSocket server, int step) {
    CompletableFuture.runAsync(
        () -> {
          try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
              head.append((char) in.read());
            }
            long length =
                Long.parseLong(
                    head.toString()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
            if (step == 0) {
              // Holds the connection without reading until the client has long given up.
              Thread.sleep(15_000);
              return;
            }
            byte[] buffer = new byte[step];
            long read = 0;
            while (read < length) {
              Thread.sleep(100);
              int n = in.read(buffer, 0, (int) Math.min(step, length - read));
              if (n < 0) {
                return;
              }
              read += n;
            }
            String body = "{\"id\":\"paced\"}";
            s.getOutputStream()
                .write(
                    ("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length()
                            + "\r\nConnection: close\r\n\r\n"
                            + body)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          } catch (IOException | InterruptedException e) {
            // the client gave up: the test looks at its outcome
          }
        });
  }

  /** Uploads {@code file} with {@code client} to a {@link #pacedNode} on a socket of its own. */
  private static UploadOutcome uploadToPacedNode(
      ColossusClient client, Path file, int receiveBuffer, int step) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setReceiveBufferSize(receiveBuffer);
      pacedNode(server, step);
      return await(
          client.upload(
              new StorageNode(3, URI.create("http://127.0.0.1:" + server.getLocalPort())),
              new UploadRequest(1, BAG, file)));
    }
  }

  @Test
  void aSlowNodeThatKeepsReadingIsWaitedForPastTheStallTimeout() throws Exception {
    // 24 MiB read 256 KiB every 100 ms: about 10 s, more than three times the stall timeout.
    // (The client's writes move in steps: the socket's send buffer takes a few MiB at once, and
    // room for more only after a share of it has gone, so a stall timeout must be well above the
    // time a node takes to read that share.)
    Path file = randomFile("slow.bin", 24 * 1024 * 1024);
    UploadOutcome outcome =
        uploadToPacedNode(
            client(Duration.ofSeconds(3), Duration.ofSeconds(25), 1024),
            file,
            256 * 1024,
            256 * 1024);
    assertThat(outcome).isEqualTo(new UploadOutcome.Stored(Optional.of("paced")));
  }

  @Test
  void anUploadSlowerThanTheFloorEndsAtItsLongestTime() throws Exception {
    // The same slow node, but at most 1 s + 24 MiB at 4 MiB/s = 7 s, under the 10 s it needs.
    Path file = randomFile("floor.bin", 24 * 1024 * 1024);
    UploadOutcome outcome =
        uploadToPacedNode(
            client(Duration.ofSeconds(3), Duration.ofSeconds(1), 4 * 1024 * 1024),
            file,
            256 * 1024,
            256 * 1024);
    assertThat(outcome)
        .isEqualTo(new UploadOutcome.RetryableFailure(Reason.TIMEOUT, 0, "timed out"));
  }

  @Test
  void aNodeThatStopsReadingIsLeftAfterTheStallTimeout() throws Exception {
    // Far more than the sockets' buffers hold, so that the client's writes stop.
    Path file = randomFile("stuck.bin", 64 * 1024 * 1024);
    UploadOutcome outcome =
        uploadToPacedNode(
            client(Duration.ofMillis(500), Duration.ofMinutes(10), 1024), file, 16 * 1024, 0);
    assertThat(outcome)
        .isEqualTo(
            new UploadOutcome.RetryableFailure(
                Reason.TIMEOUT, 0, "stalled: no progress for 500 ms"));
  }

  @Test
  void uploadsTheFileAsTheSingleFilePartWithIdsInTheQueryString() throws IOException {
    Path file = randomFile("video.bin", 3 * 1024 * 1024 + 17);
    try (var node =
        new FakeStorageNode(
            r -> new Reply(201, "{\"id\":\"" + r.file().contentId().value() + "\"}"))) {
      UploadOutcome outcome =
          await(
              client(Duration.ofSeconds(30))
                  .upload(new StorageNode(3, node.endpoint()), new UploadRequest(300, BAG, file)));

      ContentIdHasher.HashedContent expected = ContentIdHasher.of(file);
      assertThat(outcome)
          .isEqualTo(new UploadOutcome.Stored(Optional.of(expected.contentId().value())));
      assertThat(outcome.succeeded()).isTrue();
      FakeStorageNode.Received r = node.received().get(0);
      assertThat(r.error()).isNull();
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.query())
          .containsExactly(
              Map.entry("dataObjectId", "300"),
              Map.entry("storageBucketId", "3"),
              Map.entry("bagId", "dynamic:channel:5"));
      assertThat(r.fieldName()).isEqualTo("file");
      assertThat(r.fileName()).isEqualTo("video.mp4");
      assertThat(r.file()).isEqualTo(expected);
      assertThat(r.contentType()).startsWith("multipart/form-data; boundary=");
      assertThat(r.contentLength()).isGreaterThan(expected.size());
    }
  }

  @Test
  void everyStorageNodeErrorMapsToItsOutcome() throws IOException {
    Path file = randomFile("a.bin", 10_000);
    record Case(int status, String body, UploadOutcome expected) {}
    String prefix = "{\"type\":\"upload\",\"message\":\"Error: ";
    List<Case> cases =
        List.of(
            new Case(
                400,
                prefix + "Data object 300 already exists (pending)\"}",
                new UploadOutcome.AlreadyStored("Error: Data object 300 already exists (pending)")),
            new Case(
                400,
                prefix
                    + "File multihash doesn't match the data object's ipfsContentId for data"
                    + " object ID = 300\"}",
                new UploadOutcome.FinalFailure(
                    Reason.HASH_MISMATCH,
                    400,
                    "Error: File multihash doesn't match the data object's ipfsContentId for"
                        + " data object ID = 300")),
            new Case(
                400,
                prefix
                    + "File size doesn't match the data object's size for data object ID ="
                    + " 300\"}",
                new UploadOutcome.FinalFailure(
                    Reason.SIZE_MISMATCH,
                    400,
                    "Error: File size doesn't match the data object's size for data object ID ="
                        + " 300")),
            new Case(
                400,
                prefix + "Data object 300 doesn't exist in storage bag dynamic:channel:5\"}",
                new UploadOutcome.FinalFailure(
                    Reason.OBJECT_NOT_IN_BAG,
                    400,
                    "Error: Data object 300 doesn't exist in storage bag dynamic:channel:5")),
            new Case(
                503,
                prefix + "Server is not accepting uploads into this bucket\"}",
                new UploadOutcome.RetryableFailure(
                    Reason.NOT_ACCEPTING_UPLOADS,
                    503,
                    "Error: Server is not accepting uploads into this bucket")),
            new Case(
                400,
                prefix + "Incorrect storage bucket ID.\"}",
                new UploadOutcome.RetryableFailure(
                    Reason.REJECTED, 400, "Error: Incorrect storage bucket ID.")),
            new Case(
                500,
                "<html>Internal Server Error</html>",
                new UploadOutcome.RetryableFailure(
                    Reason.SERVER_ERROR, 500, "<html>Internal Server Error</html>")),
            new Case(201, "not json", new UploadOutcome.Stored(Optional.empty())));
    for (Case c : cases) {
      try (var node = new FakeStorageNode(r -> new Reply(c.status(), c.body()))) {
        UploadOutcome outcome =
            await(
                client(Duration.ofSeconds(30))
                    .upload(
                        new StorageNode(3, node.endpoint()), new UploadRequest(300, BAG, file)));
        assertThat(outcome).as(c.body()).isEqualTo(c.expected());
      }
    }
  }

  @Test
  void rejectionBeforeTheBodyWithADroppedConnectionIsNeverASuccess() throws IOException {
    Path file = randomFile("big.bin", 8 * 1024 * 1024);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/files",
        exchange -> {
          byte[] body =
              "{\"type\":\"upload\",\"message\":\"Error: Data object 9 doesn't exist in storage bag dynamic:channel:5\"}"
                  .getBytes();
          exchange.sendResponseHeaders(400, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
          exchange.close();
        });
    server.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      UploadOutcome outcome =
          await(
              client(Duration.ofSeconds(30))
                  .upload(new StorageNode(3, endpoint), new UploadRequest(9, BAG, file)));
      // Depending on timing the client reads the rejection or sees the connection drop; it
      // must never report success, and a dropped connection must stay retryable.
      assertThat(outcome.succeeded()).isFalse();
      if (outcome instanceof UploadOutcome.FinalFailure f) {
        assertThat(f.reason()).isEqualTo(Reason.OBJECT_NOT_IN_BAG);
      } else {
        assertThat(outcome).isInstanceOf(UploadOutcome.RetryableFailure.class);
        assertThat(((UploadOutcome.RetryableFailure) outcome).reason())
            .isEqualTo(Reason.UNREACHABLE);
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void slowNodeTimesOutAsRetryable() throws IOException {
    Path file = randomFile("t.bin", 1000);
    CountDownLatch release = new CountDownLatch(1);
    try (var node =
        new FakeStorageNode(
            r -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new Reply(201, "{}");
            })) {
      UploadOutcome outcome =
          await(
              client(Duration.ofMillis(300))
                  .upload(new StorageNode(3, node.endpoint()), new UploadRequest(1, BAG, file)));
      assertThat(outcome)
          .isEqualTo(new UploadOutcome.RetryableFailure(Reason.TIMEOUT, 0, "timed out"));
    } finally {
      release.countDown();
    }
  }

  @Test
  void unreachableNodeAndMissingFile() throws IOException {
    Path file = randomFile("u.bin", 1000);
    URI closed;
    try (var node = new FakeStorageNode(r -> new Reply(201, "{}"))) {
      closed = node.endpoint();
    }
    ColossusClient client = client(Duration.ofSeconds(5));
    UploadOutcome outcome =
        await(client.upload(new StorageNode(3, closed), new UploadRequest(1, BAG, file)));
    assertThat(outcome)
        .isEqualTo(new UploadOutcome.RetryableFailure(Reason.UNREACHABLE, 0, "connection refused"));
    UploadOutcome missing =
        await(
            client.upload(
                new StorageNode(3, closed), new UploadRequest(1, BAG, dir.resolve("nope.mp4"))));
    assertThat(missing).isInstanceOf(UploadOutcome.FinalFailure.class);
    assertThat(((UploadOutcome.FinalFailure) missing).reason())
        .isEqualTo(Reason.LOCAL_FILE_UNREADABLE);
    assertThat(await(client.probe(new StorageNode(3, closed)))).isInstanceOf(NodeProbe.Down.class);
  }

  @Test
  void versionProbe() throws IOException {
    try (var node = new FakeStorageNode(r -> new Reply(201, "{}"))) {
      StorageNode storageNode = new StorageNode(3, node.endpoint());
      assertThat(await(client(Duration.ofSeconds(5)).probe(storageNode)))
          .isEqualTo(new NodeProbe.Alive(storageNode, "4.4.0", "Colossus"));
    }
  }

  @Test
  void endpointsAndBagIdsAreValidated() {
    assertThat(StorageNode.of(1, "https://a.example/storage").apiBase())
        .isEqualTo(URI.create("https://a.example/storage/api/v1/"));
    assertThat(StorageNode.of(1, "https://a.example/storage/").apiBase())
        .isEqualTo(URI.create("https://a.example/storage/api/v1/"));
    assertThatThrownBy(() -> StorageNode.of(1, "ftp://a.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an absolute http(s) URL");
    assertThatThrownBy(() -> StorageNode.of(1, "not a url"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(StorageBagId.member(4).value()).isEqualTo("dynamic:member:4");
    assertThat(new StorageBagId("static:wg:storage").value()).isEqualTo("static:wg:storage");
    assertThatThrownBy(() -> new StorageBagId("dynamic:channel:x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a storage bag id");
    assertThatThrownBy(
            () ->
                new ColossusClient(
                    HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(),
                    ColossusClient.Settings.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
