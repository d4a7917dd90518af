package io.joysync.devnet.colossus;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.head;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.SharedLink;
import io.joysync.devnet.SwitchableServer;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.joystream.content.ContentId;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Multipart;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * The Colossus storage node API under {@code /api/v1}: upload ({@code POST
 * /files?dataObjectId&storageBucketId&bagId} with one {@code file} part, streamed to disk while
 * hashed with BLAKE3), {@code /version}, {@code GET|HEAD /files/{id}}, {@code /status} and the
 * {@code /state} listings. Faults: down (not listening), slow (each request delayed), a link of
 * limited capacity that all uploads to this node share, 5xx.
 */
public final class ColossusServer implements AutoCloseable {
  private final ActorSystem<?> system;
  private final ObjectMapper json;
  private final ColossusStore store;
  private final FaultSwitches faults;

  /** This node's link, shaped by {@link FaultSwitches#storageLinkBytesPerSecond}. */
  private final SharedLink link = new SharedLink();

  private final long maxFileSize;
  private final SwitchableServer server;

  public ColossusServer(
      ActorSystem<?> system,
      ObjectMapper json,
      ColossusStore store,
      FaultSwitches faults,
      String host,
      long maxFileSize) {
    this.system = system;
    this.json = json;
    this.store = store;
    this.faults = faults;
    this.server = new SwitchableServer(system, host, this::route);
    this.maxFileSize = maxFileSize;
  }

  public CompletionStage<InetSocketAddress> bind(int requested) {
    return server.bind(requested);
  }

  public int port() {
    return server.port();
  }

  /** The "storage node down" fault: stop listening, or listen again on the same port. */
  public CompletionStage<?> setDown(boolean down) {
    faults.setStorageDown(down);
    return server.setListening(!down);
  }

  private HttpResponse jsonResponse(int status, Object body) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(
            HttpEntities.create(ContentTypes.APPLICATION_JSON, json.valueToTree(body).toString()));
  }

  private HttpResponse uploadError(UploadError e) {
    ObjectNode body = json.createObjectNode();
    body.put("type", "upload");
    body.put("message", e.getMessage());
    return jsonResponse(e.status(), body);
  }

  /** Bytes of uploaded files this node has taken in since it started, finished or not. */
  public long bytesReceived() {
    return link.carried();
  }

  Route route() {
    return pathPrefix(
        "api",
        () ->
            pathPrefix(
                "v1",
                () ->
                    concat(
                        path("version", () -> get(() -> slow(this::version))),
                        path("status", () -> get(() -> slow(this::status))),
                        path(
                            PathMatchers.segment("files").slash(PathMatchers.longSegment()),
                            id -> concat(get(() -> file(id)), head(() -> file(id)))),
                        path("files", () -> post(this::upload)),
                        pathPrefix("state", this::stateRoutes))));
  }

  /**
   * The "slow storage node" fault, read for every request (a route is built once, when the server
   * binds: a delay read then would miss one set after, as in a switch that turns the node on and
   * slows it at once).
   */
  private Route slow(java.util.function.Supplier<Route> inner) {
    return extractRequest(
        request -> {
          long ms = faults.storageDelay().toMillis();
          if (ms == 0) {
            return inner.get();
          }
          CompletableFuture<Void> later = new CompletableFuture<>();
          system
              .scheduler()
              .scheduleOnce(
                  java.time.Duration.ofMillis(ms),
                  () -> later.complete(null),
                  system.executionContext());
          return onComplete(later, x -> inner.get());
        });
  }

  private Route version() {
    ObjectNode body = json.createObjectNode();
    body.put("version", "4.4.0");
    body.put("userAgent", "Colossus (joysync devnet)");
    return complete(jsonResponse(200, body));
  }

  private Route status() {
    ObjectNode body = json.createObjectNode();
    body.put("version", "4.4.0");
    ArrayNode up = body.putArray("uploadBuckets");
    store.buckets().forEach(b -> up.add(Long.toString(b)));
    ArrayNode down = body.putArray("downloadBuckets");
    store.buckets().forEach(b -> down.add(Long.toString(b)));
    body.putObject("sync").put("enabled", false);
    body.putObject("cleanup").put("enabled", false);
    return complete(jsonResponse(200, body));
  }

  private Route file(long id) {
    Optional<Path> f = store.file(id);
    if (f.isEmpty()) {
      ObjectNode body = json.createObjectNode();
      body.put("type", "files");
      body.put("message", "File not found.");
      return complete(jsonResponse(404, body));
    }
    return complete(
        HttpResponse.create()
            .withEntity(
                HttpEntities.create(
                    ContentTypes.APPLICATION_OCTET_STREAM,
                    f.get().toFile().length(),
                    FileIO.fromPath(f.get()))));
  }

  private Route stateRoutes() {
    return concat(
        path(
            "data-objects",
            () -> get(() -> complete(jsonResponse(200, idsJson(store.storedIds()))))),
        path(
            PathMatchers.segment("bags").slash(PathMatchers.segment()).slash("data-objects"),
            bag -> get(() -> complete(jsonResponse(200, idsJson(store.storedIds()))))),
        path(
            "data",
            () ->
                get(
                    () -> {
                      ObjectNode body = json.createObjectNode();
                      body.put("totalSize", store.storedBytes());
                      body.put("objectNumber", store.storedIds().size());
                      body.put("tempDirSize", 0);
                      body.put("tempDownloads", 0);
                      return complete(jsonResponse(200, body));
                    })));
  }

  private ArrayNode idsJson(java.util.List<Long> ids) {
    ArrayNode a = json.createArrayNode();
    ids.forEach(i -> a.add(Long.toString(i)));
    return a;
  }

  private Route upload() {
    return parameterOptional(
        "dataObjectId",
        objectId ->
            parameterOptional(
                "storageBucketId",
                bucketId ->
                    parameterOptional(
                        "bagId",
                        bagId ->
                            slow(
                                () -> {
                                  if (faults.failsUpload()) {
                                    ObjectNode body = json.createObjectNode();
                                    body.put("type", "exception");
                                    body.put(
                                        "message", "Error: the storage node failed (devnet fault)");
                                    return complete(jsonResponse(500, body));
                                  }
                                  ColossusStore.Target target;
                                  try {
                                    target =
                                        store.precheck(
                                            objectId.orElse(null),
                                            bucketId.orElse(null),
                                            bagId.orElse(null));
                                  } catch (UploadError e) {
                                    return complete(uploadError(e));
                                  }
                                  return withSizeLimit(
                                      maxFileSize + 1_048_576,
                                      () ->
                                          entity(
                                              Unmarshaller.entityToMultipartFormData(),
                                              form -> receive(target, form)));
                                }))));
  }

  private Route receive(ColossusStore.Target target, Multipart.FormData form) {
    Materializer mat = Materializer.matFromSystem(system);
    Path temp = store.newTempFile();
    Blake3Digest digest = new Blake3Digest(256);
    AtomicLong size = new AtomicLong();
    AtomicLong fileParts = new AtomicLong();
    long limit = maxFileSize;
    CompletionStage<HttpResponse> done =
        form.getParts()
            .mapAsync(
                1,
                part -> {
                  if (!"file".equals(part.getName()) || fileParts.getAndIncrement() > 0) {
                    return part.getEntity()
                        .discardBytes(mat)
                        .completionStage()
                        .thenApply(d -> false);
                  }
                  return part.getEntity()
                      .getDataBytes()
                      .via(link.flow(faults::storageLinkBytesPerSecond))
                      .map(
                          (ByteString chunk) -> {
                            if (size.addAndGet(chunk.size()) > limit) {
                              throw new UploadError(
                                  400, "Error: File size exceeds the limit of " + limit + " bytes");
                            }
                            byte[] b = chunk.toArray();
                            digest.update(b, 0, b.length);
                            return chunk;
                          })
                      .runWith(FileIO.toPath(temp), mat)
                      .thenApply(io -> true);
                })
            .runWith(Sink.seq(), mat)
            .thenApply(
                parts -> {
                  if (fileParts.get() != 1) {
                    throw new UploadError(400, "Error: One file part named 'file' is required");
                  }
                  byte[] out = new byte[32];
                  digest.doFinal(out, 0);
                  String cid = ContentId.fromDigest(out).value();
                  store.complete(target, temp, size.get(), cid);
                  ObjectNode body = json.createObjectNode();
                  body.put("id", cid);
                  return jsonResponse(201, body);
                })
            .exceptionally(
                e -> {
                  store.discard(temp);
                  Throwable cause =
                      e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                          ? e.getCause()
                          : e;
                  while (!(cause instanceof UploadError) && cause.getCause() != null) {
                    cause = cause.getCause();
                  }
                  if (cause instanceof UploadError u) {
                    return uploadError(u);
                  }
                  ObjectNode body = json.createObjectNode();
                  body.put("type", "exception");
                  body.put("message", "Error: " + cause.getMessage());
                  return jsonResponse(500, body);
                });
    return completeWithFuture(done);
  }

  @Override
  public void close() {
    server.close();
  }
}
