package io.joysync.devnet.orion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * GraphQL over WebSocket with the graphql-transport-ws protocol (what the graphql-ws library, and
 * so youtube-synch's processorState subscription, speaks): connection_init/ack, ping/pong,
 * subscribe with "next" results and "complete". A subscription is re-run whenever Orion's processed
 * height changes; a query or a subscription on anything else is answered once. At most 64
 * operations per connection; its outbox is bounded.
 */
final class GraphQlWebSocket {
  private static final int OUTBOX = 256;
  private static final int MAX_OPERATIONS = 64;
  private static final long MAX_MESSAGE_CHARS = 100_000;

  private final ActorSystem<?> system;
  private final ObjectMapper json;
  private final Orion orion;
  private final LongSupplier height;
  private final Duration poll;

  GraphQlWebSocket(
      ActorSystem<?> system, ObjectMapper json, Orion orion, LongSupplier height, Duration poll) {
    this.system = system;
    this.json = json;
    this.orion = orion;
    this.height = height;
    this.poll = poll;
  }

  Flow<Message, Message, ?> flow() {
    Materializer mat = Materializer.matFromSystem(system);
    var pair = Source.<Message>queue(OUTBOX).preMaterialize(mat);
    BoundedSourceQueue<Message> out = pair.first();
    Map<String, Cancellable> operations = new ConcurrentHashMap<>();
    Sink<Message, ?> in =
        Flow.<Message>create()
            .mapAsync(1, m -> strict(m, mat))
            .to(
                Sink.<TextMessage>foreach(m -> handle(m.getStrictText(), out, operations))
                    .mapMaterializedValue(
                        done -> {
                          done.whenComplete(
                              (d, e) -> operations.values().forEach(Cancellable::cancel));
                          return done;
                        }));
    return Flow.fromSinkAndSourceCoupled(in, pair.second());
  }

  private static java.util.concurrent.CompletionStage<TextMessage> strict(
      Message m, Materializer mat) {
    if (!m.isText()) {
      m.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), mat);
      return java.util.concurrent.CompletableFuture.completedFuture(TextMessage.create(""));
    }
    return m.asTextMessage()
        .getStreamedText()
        .limitWeighted(MAX_MESSAGE_CHARS, s -> (long) s.length())
        .runFold(new StringBuilder(), StringBuilder::append, mat)
        .thenApply(sb -> TextMessage.create(sb.toString()));
  }

  private void send(BoundedSourceQueue<Message> out, ObjectNode message) {
    out.offer(TextMessage.create(message.toString()));
  }

  private void handle(String text, BoundedSourceQueue<Message> out, Map<String, Cancellable> ops) {
    JsonNode msg;
    try {
      msg = json.readTree(text);
    } catch (java.io.IOException e) {
      out.complete();
      return;
    }
    String type = msg == null ? "" : msg.path("type").asText("");
    String id = msg == null ? "" : msg.path("id").asText("");
    switch (type) {
      case "connection_init" -> send(out, json.createObjectNode().put("type", "connection_ack"));
      case "ping" -> send(out, json.createObjectNode().put("type", "pong"));
      case "complete" -> {
        Cancellable c = ops.remove(id);
        if (c != null) {
          c.cancel();
        }
      }
      case "subscribe" -> subscribe(id, msg.path("payload"), out, ops);
      default -> {
        if (!type.equals("pong")) {
          out.complete();
        }
      }
    }
  }

  private void subscribe(
      String id, JsonNode payload, BoundedSourceQueue<Message> out, Map<String, Cancellable> ops) {
    if (id.isEmpty() || ops.containsKey(id) || ops.size() >= MAX_OPERATIONS) {
      out.complete();
      return;
    }
    String body = payload.toString();
    boolean watchesHeight = payload.path("query").asText("").contains("processorState");
    if (!watchesHeight) {
      next(id, body, out);
      send(out, json.createObjectNode().put("type", "complete").put("id", id));
      return;
    }
    long[] last = {-1};
    Cancellable c =
        system
            .scheduler()
            .scheduleWithFixedDelay(
                Duration.ZERO,
                poll,
                () -> {
                  long h = height.getAsLong();
                  if (h != last[0]) {
                    last[0] = h;
                    next(id, body, out);
                  }
                },
                system.executionContext());
    ops.put(id, c);
  }

  private void next(String id, String body, BoundedSourceQueue<Message> out) {
    Orion.Answer a = orion.answer(body);
    ObjectNode m =
        json.createObjectNode().put("type", a.status() == 200 ? "next" : "error").put("id", id);
    try {
      JsonNode result = json.readTree(a.body());
      m.set("payload", a.status() == 200 ? result : result.path("errors"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Orion produced invalid JSON", e);
    }
    send(out, m);
  }
}
