package io.joysync.devnet.faults;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.devnet.chain.rpc.JsonRpcServer;
import io.joysync.devnet.colossus.ColossusServer;
import io.joysync.devnet.faucet.FaucetServer;
import io.joysync.devnet.orion.Orion;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The devnet admin HTTP API (default port 9955) that switches faults at run time:
 *
 * <ul>
 *   <li>{@code GET /faults}: the switches; {@code PUT /faults} with any subset of {@code
 *       dropExtrinsics, dropExtrinsicsShare (0 to 1), announceDrops, extrinsicDelayMillis,
 *       answerInvalid (string or null), stallFinality, stallInclusion, runtimeUpgrade ({atBlock?,
 *       specVersion?, transactionVersion?} or null), orionExtraLag, orionDown, storageDown,
 *       storageDelayMillis, storageLinkBytesPerSecond, storageErrors, storageErrorShare (0 to 1),
 *       faucetDown, faucetErrors, faucetAnswerLost}; {@code POST /faults/reset}.
 *   <li>{@code POST /actions/restart-node {downtimeMillis}}, {@code /actions/bucket-full
 *       {bucketId}}, {@code /actions/remove-collaborator {channelId, memberId}}, {@code
 *       /actions/delete-channel {channelId}}, {@code /actions/delete-video {videoId}}, {@code
 *       /actions/produce-block}.
 *   <li>{@code GET /status}: best and finalized block, pool size, Orion's processed height, the
 *       runtime versions.
 * </ul>
 *
 * Bad input gets 400 {@code {"code","message"}}; unknown ids 404. Owner and operator actions take
 * effect in the next block, with their events.
 */
public final class AdminApi {
  private final ObjectMapper json;
  private final FaultSwitches faults;
  private final ChainNode chain;
  private final JsonRpcServer rpc;
  private final Orion orion;
  private final ColossusServer colossus;
  private final FaucetServer faucet;

  /**
   * Where switch changes wait for a server to stop or start listening: off the dispatcher that
   * routes requests and binds servers, which a waiting request thread would hold.
   */
  private final ExecutorService switching =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "devnet-fault-switching");
            t.setDaemon(true);
            return t;
          });

  public AdminApi(
      ObjectMapper json,
      FaultSwitches faults,
      ChainNode chain,
      JsonRpcServer rpc,
      Orion orion,
      ColossusServer colossus,
      FaucetServer faucet) {
    this.json = json;
    this.faults = faults;
    this.chain = chain;
    this.rpc = rpc;
    this.orion = orion;
    this.colossus = colossus;
    this.faucet = faucet;
  }

  private HttpResponse reply(int status, JsonNode body) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }

  private HttpResponse problem(int status, String code, String message) {
    ObjectNode o = json.createObjectNode();
    o.put("code", code);
    o.put("message", message);
    return reply(status, o);
  }

  public ObjectNode faultsJson() {
    ObjectNode o = json.createObjectNode();
    o.put("dropExtrinsics", faults.dropExtrinsics());
    o.put("dropExtrinsicsShare", faults.dropExtrinsicsShare());
    o.put("announceDrops", faults.announceDrops());
    o.put("extrinsicDelayMillis", faults.extrinsicDelay().toMillis());
    o.put("answerInvalid", faults.answerInvalid().orElse(null));
    o.put("stallFinality", faults.stallFinality());
    o.put("stallInclusion", faults.stallInclusion());
    faults
        .runtimeUpgrade()
        .ifPresentOrElse(
            u ->
                o.putObject("runtimeUpgrade")
                    .put("atBlock", u.atBlock())
                    .put("specVersion", u.specVersion())
                    .put("transactionVersion", u.transactionVersion()),
            () -> o.putNull("runtimeUpgrade"));
    o.put("orionExtraLag", faults.orionExtraLag());
    o.put("orionDown", faults.orionDown());
    o.put("storageDown", faults.storageDown());
    o.put("storageDelayMillis", faults.storageDelay().toMillis());
    o.put("storageLinkBytesPerSecond", faults.storageLinkBytesPerSecond());
    o.put("storageErrors", faults.storageErrors());
    o.put("storageErrorShare", faults.storageErrorShare());
    o.put("faucetDown", faults.faucetDown());
    o.put("faucetErrors", faults.faucetErrors());
    o.put("faucetAnswerLost", faults.faucetAnswerLost());
    return o;
  }

  /** Applies a PUT /faults body; throws IllegalArgumentException on a bad field. */
  public void applyFaults(JsonNode body) {
    if (!body.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object of switches");
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              JsonNode v = body.get(name);
              switch (name) {
                case "dropExtrinsics" ->
                    faults.setDropExtrinsics(bool(name, v), faults.announceDrops());
                case "dropExtrinsicsShare" -> faults.setDropExtrinsicsShare(share(name, v));
                case "announceDrops" ->
                    faults.setDropExtrinsics(faults.dropExtrinsics(), bool(name, v));
                case "extrinsicDelayMillis" ->
                    faults.setExtrinsicDelay(Duration.ofMillis(number(name, v)));
                case "answerInvalid" ->
                    faults.setAnswerInvalid(
                        v.isNull() ? Optional.empty() : Optional.of(text(name, v)));
                case "stallFinality" -> faults.setStallFinality(bool(name, v));
                case "stallInclusion" -> faults.setStallInclusion(bool(name, v));
                case "runtimeUpgrade" ->
                    faults.setRuntimeUpgrade(
                        v.isNull() ? Optional.empty() : Optional.of(runtimeUpgrade(v)));
                case "orionExtraLag" -> faults.setOrionExtraLag((int) number(name, v));
                case "orionDown" -> settle(orion.setDown(bool(name, v)));
                case "storageDown" -> settle(colossus.setDown(bool(name, v)));
                case "storageDelayMillis" ->
                    faults.setStorageDelay(Duration.ofMillis(number(name, v)));
                case "storageLinkBytesPerSecond" ->
                    faults.setStorageLinkBytesPerSecond(number(name, v));
                case "storageErrors" -> faults.setStorageErrors(bool(name, v));
                case "storageErrorShare" -> faults.setStorageErrorShare(share(name, v));
                case "faucetDown" -> settle(faucet.setDown(bool(name, v)));
                case "faucetErrors" -> faults.setFaucetErrors(bool(name, v));
                case "faucetAnswerLost" -> faults.setFaucetAnswerLost(bool(name, v));
                default ->
                    throw new IllegalArgumentException("unknown fault switch '" + name + "'");
              }
            });
  }

  /** Waits until a server stopped or started listening, so the switch holds when we answer. */
  private static void settle(CompletionStage<?> change) {
    try {
      change.toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("switching the server failed: " + e, e);
    }
  }

  /**
   * A runtime upgrade to schedule: at {@code atBlock} (default: the next block), to {@code
   * specVersion} (default: one above the current) and {@code transactionVersion} (default: the
   * current). The spec version must go up, as the runtime requires of new code.
   */
  private RuntimeUpgrade runtimeUpgrade(JsonNode v) {
    if (!v.isObject()) {
      throw new IllegalArgumentException(
          "runtimeUpgrade must be {\"atBlock\", \"specVersion\", \"transactionVersion\"} or null");
    }
    v.fieldNames()
        .forEachRemaining(
            f -> {
              if (!Set.of("atBlock", "specVersion", "transactionVersion").contains(f)) {
                throw new IllegalArgumentException("unknown runtimeUpgrade field '" + f + "'");
              }
            });
    io.joysync.devnet.chain.ChainIdentity now = chain.runtime().identity();
    long next = chain.best().number() + 1;
    long at = v.has("atBlock") ? number("runtimeUpgrade.atBlock", v.get("atBlock")) : next;
    long spec =
        v.has("specVersion")
            ? number("runtimeUpgrade.specVersion", v.get("specVersion"))
            : now.specVersion() + 1;
    long tx =
        v.has("transactionVersion")
            ? number("runtimeUpgrade.transactionVersion", v.get("transactionVersion"))
            : now.transactionVersion();
    if (spec <= now.specVersion()) {
      throw new IllegalArgumentException(
          "runtimeUpgrade.specVersion must be above the current spec version "
              + now.specVersion()
              + ", got "
              + spec);
    }
    return new RuntimeUpgrade(Math.max(at, next), spec, tx);
  }

  private static boolean bool(String name, JsonNode v) {
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(name + " must be true or false");
    }
    return v.booleanValue();
  }

  private static long number(String name, JsonNode v) {
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw new IllegalArgumentException(name + " must be a non-negative integer");
    }
    return v.asLong();
  }

  private static double share(String name, JsonNode v) {
    if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
      throw new IllegalArgumentException(name + " must be a number from 0 to 1");
    }
    return v.asDouble();
  }

  private static String text(String name, JsonNode v) {
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(name + " must be a non-empty string or null");
    }
    return v.asText();
  }

  private JsonNode parse(String body) {
    try {
      JsonNode n = body.isBlank() ? json.createObjectNode() : json.readTree(body);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return n;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the body is not valid JSON");
    }
  }

  private Route withBody(java.util.function.Function<JsonNode, HttpResponse> handler) {
    return entity(
        Unmarshaller.entityToString(),
        body -> {
          try {
            return complete(handler.apply(parse(body)));
          } catch (IllegalArgumentException e) {
            return complete(problem(400, "bad_request", e.getMessage()));
          }
        });
  }

  private HttpResponse ok() {
    return reply(200, json.createObjectNode().put("ok", true));
  }

  private long requiredId(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isIntegralNumber() || v.asLong() < 0) {
      throw new IllegalArgumentException(field + " is required (a non-negative integer)");
    }
    return v.asLong();
  }

  private HttpResponse ownerAction(
      boolean exists, String what, Consumer<io.joysync.devnet.chain.Runtime> action) {
    if (!exists) {
      return problem(404, "not_found", what + " does not exist");
    }
    if (!chain.enqueueOperatorAction(action)) {
      return problem(503, "busy", "too many pending actions; retry after the next block");
    }
    return ok();
  }

  public Route route() {
    return concat(
        path(
            "faults",
            () ->
                concat(
                    get(() -> complete(reply(200, faultsJson()))),
                    put(
                        () ->
                            entity(
                                Unmarshaller.entityToString(),
                                body ->
                                    completeWithFuture(
                                        CompletableFuture.supplyAsync(
                                            () -> {
                                              try {
                                                applyFaults(parse(body));
                                                return reply(200, faultsJson());
                                              } catch (IllegalArgumentException e) {
                                                return problem(400, "bad_request", e.getMessage());
                                              }
                                            },
                                            switching)))))),
        path(
            pathSegments("faults", "reset"),
            () ->
                post(
                    () ->
                        completeWithFuture(
                            CompletableFuture.supplyAsync(
                                () -> {
                                  faults.reset();
                                  settle(orion.setDown(false));
                                  settle(colossus.setDown(false));
                                  settle(faucet.setDown(false));
                                  return reply(200, faultsJson());
                                },
                                switching)))),
        path("status", () -> get(() -> complete(reply(200, status())))),
        pathPrefix("actions", this::actions));
  }

  private static org.apache.pekko.http.javadsl.server.PathMatcher0 pathSegments(
      String a, String b) {
    return org.apache.pekko.http.javadsl.server.PathMatchers.segment(a).slash(b);
  }

  private Route actions() {
    return post(
        () ->
            concat(
                path(
                    "restart-node",
                    () ->
                        entity(
                            Unmarshaller.entityToString(),
                            body -> {
                              long downtime;
                              try {
                                JsonNode b = parse(body);
                                downtime =
                                    b.has("downtimeMillis")
                                        ? number("downtimeMillis", b.get("downtimeMillis"))
                                        : 1000;
                              } catch (IllegalArgumentException e) {
                                return complete(problem(400, "bad_request", e.getMessage()));
                              }
                              CompletionStage<HttpResponse> done =
                                  rpc.restart(Duration.ofMillis(downtime)).thenApply(a -> ok());
                              return completeWithFuture(done);
                            })),
                path(
                    "bucket-full",
                    () ->
                        withBody(
                            b -> {
                              long id = requiredId(b, "bucketId");
                              Optional<StorageBucket> bucket =
                                  chain.read(rt -> rt.state().bucket(id));
                              return ownerAction(
                                  bucket.isPresent(),
                                  "storage bucket " + id,
                                  rt -> {
                                    StorageBucket now = rt.state().bucket(id).orElseThrow();
                                    rt.setBucketLimits(id, now.sizeUsed(), now.objectsUsed());
                                  });
                            })),
                path(
                    "remove-collaborator",
                    () ->
                        withBody(
                            b -> {
                              long channel = requiredId(b, "channelId");
                              long member = requiredId(b, "memberId");
                              boolean exists =
                                  chain.read(
                                      rt ->
                                          rt.state()
                                              .channel(channel)
                                              .map(c -> c.collaborators().containsKey(member))
                                              .orElse(false));
                              return ownerAction(
                                  exists,
                                  "collaborator " + member + " of channel " + channel,
                                  rt -> rt.removeCollaborator(channel, member));
                            })),
                path(
                    "delete-channel",
                    () ->
                        withBody(
                            b -> {
                              long channel = requiredId(b, "channelId");
                              boolean exists =
                                  chain.read(rt -> rt.state().channel(channel).isPresent());
                              return ownerAction(
                                  exists,
                                  "channel " + channel,
                                  rt -> rt.deleteChannelAsOwner(channel));
                            })),
                path(
                    "delete-video",
                    () ->
                        withBody(
                            b -> {
                              long video = requiredId(b, "videoId");
                              boolean exists =
                                  chain.read(rt -> rt.state().video(video).isPresent());
                              return ownerAction(
                                  exists, "video " + video, rt -> rt.deleteVideoAsOwner(video));
                            })),
                path(
                    "produce-block",
                    () ->
                        complete(
                            reply(
                                200,
                                json.createObjectNode()
                                    .put("number", chain.produceBlock().number()))))));
  }

  private ObjectNode status() {
    ObjectNode o = json.createObjectNode();
    o.put("best", chain.best().number());
    o.put("bestHash", chain.best().hashHex());
    o.put("finalized", chain.finalizedBlock().number());
    o.put("poolSize", chain.poolSize());
    o.put("orionProcessed", orion.index().lastProcessedBlock());
    o.put("genesisHash", chain.genesisHashHex());
    o.put("specVersion", chain.runtime().identity().specVersion());
    o.put("transactionVersion", chain.runtime().identity().transactionVersion());
    return o;
  }
}
