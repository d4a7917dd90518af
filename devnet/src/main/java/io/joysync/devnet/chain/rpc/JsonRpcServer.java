package io.joysync.devnet.chain.rpc;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractWebSocketUpgrade;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The node's JSON-RPC endpoint: WebSocket (with subscriptions) and plain HTTP POST on one port, as
 * a Substrate node serves them. Each connection has a bounded outbox; a message larger than the
 * request limit is answered -32007 and skipped without being buffered; garbage gets a JSON-RPC
 * error and the connection stays open. {@link #restart(Duration)} simulates a node restart: every
 * connection is cut (subscriptions end), the pool is lost, and the port comes back after a pause.
 */
public final class JsonRpcServer implements AutoCloseable {
  private static final int OUTBOX = 4096;

  private final ActorSystem<?> system;
  private final ObjectMapper json;
  private final JsonRpcHandler handler;
  private final Runnable onRestart;
  private final String host;
  private final int maxRequestBytes;
  private volatile SharedKillSwitch connections = KillSwitches.shared("rpc-connections");
  private volatile ServerBinding binding;
  private volatile int port;

  public JsonRpcServer(
      ActorSystem<?> system,
      ObjectMapper json,
      JsonRpcHandler handler,
      Runnable onRestart,
      String host,
      int maxRequestBytes) {
    this.system = system;
    this.json = json;
    this.handler = handler;
    this.onRestart = onRestart;
    this.host = host;
    this.maxRequestBytes = maxRequestBytes;
  }

  public CompletionStage<InetSocketAddress> bind(int requestedPort) {
    return Http.get(system)
        .newServerAt(host, requestedPort)
        .bind(route())
        .thenApply(
            b -> {
              binding = b;
              port = b.localAddress().getPort();
              return b.localAddress();
            });
  }

  public int port() {
    return port;
  }

  Route route() {
    return concat(
        extractWebSocketUpgrade(upgrade -> complete(upgrade.handleMessagesWith(connectionFlow()))),
        post(
            () ->
                entity(
                    Unmarshaller.entityToString(),
                    body -> {
                      if (body.length() > maxRequestBytes) {
                        return complete(jsonResponse(handler.tooBig()));
                      }
                      RpcSession session = new RpcSession(json, text -> {});
                      try {
                        String out = handler.respond(body, session);
                        return complete(jsonResponse(out == null ? "" : out));
                      } finally {
                        session.close();
                      }
                    })));
  }

  private static HttpResponse jsonResponse(String body) {
    return HttpResponse.create()
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }

  private Flow<Message, Message, ?> connectionFlow() {
    Materializer mat = Materializer.matFromSystem(system);
    var pair = Source.<Message>queue(OUTBOX).preMaterialize(mat);
    BoundedSourceQueue<Message> queue = pair.first();
    RpcSession[] holder = new RpcSession[1];
    RpcSession session =
        new RpcSession(
            json,
            text -> {
              QueueOfferResult r = queue.offer(TextMessage.create(text));
              if (r != QueueOfferResult.enqueued()) {
                queue.fail(new IllegalStateException("client does not read its notifications"));
                holder[0].close();
              }
            });
    holder[0] = session;
    Sink<Message, ?> in =
        Flow.<Message>create()
            .mapAsync(1, m -> collect(m, mat))
            .to(
                Sink.<java.util.Optional<String>>foreach(
                        text -> {
                          if (text.isEmpty()) {
                            session.send(handler.tooBig());
                          } else {
                            handler.handle(text.get(), session);
                          }
                        })
                    .mapMaterializedValue(
                        done -> {
                          done.whenComplete((d, e) -> session.close());
                          return done;
                        }));
    return Flow.fromSinkAndSourceCoupled(in, pair.second()).via(connections.flow());
  }

  /** The message's text, or empty when it exceeds the request limit (drained, not kept). */
  private CompletionStage<java.util.Optional<String>> collect(Message m, Materializer mat) {
    Source<ByteString, ?> bytes =
        m.isText()
            ? ((TextMessage) m).getStreamedText().map(ByteString::fromString)
            : ((BinaryMessage) m).getStreamedData();
    int limit = maxRequestBytes;
    return bytes
        .runFold(
            new StringBuilder[] {new StringBuilder()},
            (acc, chunk) -> {
              if (acc[0] != null) {
                if (acc[0].length() + chunk.size() > limit) {
                  acc[0] = null;
                } else {
                  acc[0].append(chunk.decodeString(StandardCharsets.UTF_8));
                }
              }
              return acc;
            },
            mat)
        .thenApply(acc -> java.util.Optional.ofNullable(acc[0]).map(StringBuilder::toString));
  }

  /**
   * Cuts every connection, loses the pool and stops listening; listens again on the same port after
   * {@code downtime}.
   */
  public CompletionStage<InetSocketAddress> restart(Duration downtime) {
    SharedKillSwitch old = connections;
    connections = KillSwitches.shared("rpc-connections");
    old.shutdown();
    onRestart.run();
    ServerBinding b = binding;
    CompletionStage<?> unbound =
        b == null ? CompletableFuture.completedFuture(null) : b.terminate(Duration.ofMillis(200));
    int samePort = port;
    return unbound
        .thenCompose(
            x ->
                CompletableFuture.runAsync(
                    () -> {},
                    CompletableFuture.delayedExecutor(downtime.toMillis(), TimeUnit.MILLISECONDS)))
        .thenCompose(x -> bind(samePort));
  }

  @Override
  public void close() {
    connections.shutdown();
    ServerBinding b = binding;
    if (b != null) {
      b.unbind();
    }
  }
}
