package io.joysync.joystream.colossus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.joystream.colossus.UploadOutcome.Reason;
import io.joysync.joystream.orion.BoundedBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client for a Colossus storage node: the {@code /api/v1/version} liveness probe and the asset
 * upload {@code POST /api/v1/files?dataObjectId&storageBucketId&bagId} with the file streamed from
 * disk as the multipart part {@code file}. Uploads never fail their future: every reply, timeout
 * and network error is mapped to an {@link UploadOutcome}, with "already exists" as success and
 * hash, size or missing-object rejections as final, as youtube-synch treats them. Redirects are not
 * followed (following one would resend the whole body). Thread-safe.
 */
public final class ColossusClient {
  private static final int MAX_REPLY_BYTES = 64 * 1024;
  private static final int MAX_MESSAGE_CHARS = 500;

  /** youtube-synch names every part this way; Colossus ignores the name. */
  private static final String FILE_NAME = "video.mp4";

  private final HttpClient http;
  private final Settings settings;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * Timeouts.
   *
   * @param probeTimeout for the version probe
   * @param stallTimeout an upload fails when the connection has taken none of its bytes for this
   *     long, or, once all are sent, the node has not answered within it: a slow node whose uploads
   *     keep moving is waited for, a stuck one is left
   * @param uploadBaseTimeout fixed part of an upload's longest time
   * @param minUploadBytesPerSecond slowest average rate tolerated even while bytes move; an upload
   *     of {@code n} bytes ends after {@code uploadBaseTimeout + n / minUploadBytesPerSecond}
   *     seconds at most
   */
  public record Settings(
      Duration probeTimeout,
      Duration stallTimeout,
      Duration uploadBaseTimeout,
      long minUploadBytesPerSecond) {
    public Settings {
      if (minUploadBytesPerSecond <= 0) {
        throw new IllegalArgumentException("minUploadBytesPerSecond must be positive");
      }
      if (stallTimeout.isNegative() || stallTimeout.isZero()) {
        throw new IllegalArgumentException("stallTimeout must be positive");
      }
    }

    /**
     * 10 s probe; an upload fails after 5 minutes without progress, and lasts at most 60 s plus one
     * second per 8 KiB. A storage node shared by several uploads gives each a share of its link: a
     * fixed rate per upload (joysync's rule before) cuts them all off on a slow node, again and
     * again, and nothing is ever stored. Progress is seen as the socket takes the body, in steps of
     * a share of its send buffer (a few MiB), so the stall timeout is minutes, not seconds.
     */
    public static Settings defaults() {
      return new Settings(
          Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), 8 * 1024);
    }

    Duration uploadTimeout(long bytes) {
      return uploadBaseTimeout.plusSeconds(bytes / minUploadBytesPerSecond);
    }
  }

  /**
   * @param http an HTTP client that does not follow redirects
   */
  public ColossusClient(HttpClient http, Settings settings) {
    if (http.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("storage uploads need an HttpClient with Redirect.NEVER");
    }
    this.http = http;
    this.settings = settings;
  }

  /** A client with its own HTTP client (10 s connect timeout) and default settings. */
  public static ColossusClient create() {
    return new ColossusClient(
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        Settings.defaults());
  }

  /** Asks the node for its version; any failure is a {@link NodeProbe.Down}, never an error. */
  public CompletableFuture<NodeProbe> probe(StorageNode node) {
    HttpRequest request =
        HttpRequest.newBuilder(node.apiBase().resolve("version"))
            .timeout(settings.probeTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    return http.sendAsync(request, BoundedBody.handler(MAX_REPLY_BYTES))
        .handle(
            (response, failure) -> {
              if (failure != null) {
                return new NodeProbe.Down(node, describe(unwrap(failure)));
              }
              if (response.statusCode() != 200
                  || !(response.body() instanceof BoundedBody.Complete body)) {
                return new NodeProbe.Down(
                    node, "version endpoint answered " + response.statusCode());
              }
              try {
                JsonNode reply = json.readTree(body.bytes());
                if (reply == null || !reply.path("version").isTextual()) {
                  return new NodeProbe.Down(node, "version reply has no version field");
                }
                return new NodeProbe.Alive(
                    node, reply.get("version").asText(), reply.path("userAgent").asText(""));
              } catch (IOException e) {
                return new NodeProbe.Down(node, "version reply is not JSON");
              }
            });
  }

  /** Uploads one asset to the node, into the node's bucket. */
  public CompletableFuture<UploadOutcome> upload(StorageNode node, UploadRequest upload) {
    MultipartFileBody body;
    try {
      if (!Files.isRegularFile(upload.file()) || !Files.isReadable(upload.file())) {
        return CompletableFuture.completedFuture(
            new UploadOutcome.FinalFailure(
                Reason.LOCAL_FILE_UNREADABLE, 0, "cannot read " + upload.file()));
      }
      body = new MultipartFileBody("file", FILE_NAME, upload.file());
    } catch (IOException | UncheckedIOException e) {
      return CompletableFuture.completedFuture(
          new UploadOutcome.FinalFailure(
              Reason.LOCAL_FILE_UNREADABLE, 0, "cannot read " + upload.file() + ": " + e));
    }
    URI uri =
        node.apiBase()
            .resolve(
                "files?dataObjectId="
                    + Long.toUnsignedString(upload.dataObjectId())
                    + "&storageBucketId="
                    + Long.toUnsignedString(node.bucketId())
                    + "&bagId="
                    + upload.bagId().value());
    Progress progress = new Progress();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.uploadTimeout(body.contentLength()))
            .header("Content-Type", body.contentType())
            .header("Accept", "application/json")
            .POST(progress.watch(body.publisher()))
            .build();
    CompletableFuture<HttpResponse<BoundedBody.Result>> exchange =
        http.sendAsync(request, BoundedBody.handler(MAX_REPLY_BYTES));
    progress.cancelWhenStalled(exchange, settings.stallTimeout());
    return exchange.handle(
        (response, failure) -> {
          if (progress.stalled()) {
            return new UploadOutcome.RetryableFailure(
                Reason.TIMEOUT, 0, "stalled: no progress for " + span(settings.stallTimeout()));
          }
          return failure != null
              ? networkFailure(unwrap(failure))
              : UploadReplies.classify(response.statusCode(), text(response.body()), json);
        });
  }

  /**
   * An upload's progress: when the connection last took bytes of its body (or the body was all
   * sent), and a watch that cancels the exchange once that is longer ago than the stall timeout.
   */
  private static final class Progress {
    private final AtomicLong lastMoved = new AtomicLong(System.nanoTime());
    private volatile boolean stalled;

    HttpRequest.BodyPublisher watch(HttpRequest.BodyPublisher body) {
      Flow.Publisher<ByteBuffer> counted =
          subscriber ->
              body.subscribe(
                  new Flow.Subscriber<ByteBuffer>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                      subscriber.onSubscribe(subscription);
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                      lastMoved.set(System.nanoTime());
                      subscriber.onNext(item);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                      subscriber.onError(throwable);
                    }

                    @Override
                    public void onComplete() {
                      lastMoved.set(System.nanoTime());
                      subscriber.onComplete();
                    }
                  });
      return HttpRequest.BodyPublishers.fromPublisher(counted, body.contentLength());
    }

    void cancelWhenStalled(CompletableFuture<?> exchange, Duration stallTimeout) {
      long limit = stallTimeout.toNanos();
      long every = Math.max(50_000_000L, limit / 4);
      CompletableFuture.delayedExecutor(every, TimeUnit.NANOSECONDS)
          .execute(
              () -> {
                if (exchange.isDone()) {
                  return;
                }
                if (System.nanoTime() - lastMoved.get() > limit) {
                  stalled = true;
                  exchange.cancel(true);
                  return;
                }
                cancelWhenStalled(exchange, stallTimeout);
              });
    }

    boolean stalled() {
      return stalled;
    }
  }

  private UploadOutcome networkFailure(Throwable failure) {
    Reason reason =
        failure instanceof HttpTimeoutException
            ? Reason.TIMEOUT
            : failure instanceof UncheckedIOException ? Reason.LOCAL_FILE_UNREADABLE : null;
    if (reason == Reason.LOCAL_FILE_UNREADABLE) {
      return new UploadOutcome.FinalFailure(reason, 0, describe(failure));
    }
    return new UploadOutcome.RetryableFailure(
        reason == null ? Reason.UNREACHABLE : reason, 0, describe(failure));
  }

  private static String span(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String text(BoundedBody.Result body) {
    if (body instanceof BoundedBody.Complete complete) {
      String s = new String(complete.bytes(), StandardCharsets.UTF_8);
      return s.length() > MAX_MESSAGE_CHARS ? s.substring(0, MAX_MESSAGE_CHARS) + "..." : s;
    }
    return "(reply over " + MAX_REPLY_BYTES + " bytes)";
  }

  private static String describe(Throwable failure) {
    if (failure instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
