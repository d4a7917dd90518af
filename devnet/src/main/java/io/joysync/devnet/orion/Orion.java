package io.joysync.devnet.orion;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractWebSocketUpgrade;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.SwitchableServer;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.Genesis;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.joystream.keys.Ss58;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devnet's Orion: a processor that indexes the chain's blocks up to {@code best - lag} (plus
 * the fault switch's extra lag) into an {@link OrionIndex}, and a GraphQL endpoint at {@code
 * /graphql} answering over HTTP POST. "Down" stops the endpoint listening; processing goes on.
 */
public final class Orion implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Orion.class);
  private static final int MAX_BLOCKS_PER_TICK = 500;

  private final ActorSystem<?> system;
  private final ObjectMapper json;
  private final ChainNode chain;
  private final FaultSwitches faults;
  private final OrionIndex index;
  private final OrionSchema schema;
  private final int lagBlocks;
  private final SwitchableServer server;

  public Orion(
      ActorSystem<?> system,
      ObjectMapper json,
      ChainNode chain,
      Genesis genesis,
      FaultSwitches faults,
      String host,
      int lagBlocks,
      String storageNodeEndpoint) {
    this.system = system;
    this.json = json;
    this.chain = chain;
    this.faults = faults;
    this.server = new SwitchableServer(system, host, this::route);
    this.lagBlocks = lagBlocks;
    this.index =
        new OrionIndex(
            genesis.apps(),
            chain.read(rt -> rt.state().videoStateBloatBond()),
            chain.read(rt -> rt.state().dataObjectStateBloatBond()));
    seed(genesis);
    this.schema = new OrionSchema(index, chain, storageNodeEndpoint);
  }

  private void seed(Genesis genesis) {
    chain.read(
        rt -> {
          long members = rt.state().nextMemberId();
          for (long id = 0; id < members; id++) {
            rt.state()
                .member(id)
                .ifPresent(
                    m -> index.seedMember(m.id(), m.handle(), Ss58.encode(m.controller().bytes())));
          }
          for (Genesis.ChannelInfo c : genesis.channels()) {
            rt.state()
                .channel(c.id())
                .ifPresent(
                    ch -> index.seedChannel(c.id(), ch.ownerMember(), c.title(), c.language()));
          }
          return null;
        });
  }

  public OrionIndex index() {
    return index;
  }

  /** Starts the processor on the given scheduler. */
  public void startProcessing(ScheduledExecutorService scheduler, long pollMillis) {
    scheduler.scheduleWithFixedDelay(
        this::processSafely, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
  }

  private void processSafely() {
    try {
      processAvailable();
    } catch (RuntimeException e) {
      log.error("Orion processing failed", e);
    }
  }

  /** Indexes blocks up to the lagged head. */
  public void processAvailable() {
    long target = chain.best().number() - lagBlocks - faults.orionExtraLag();
    long next = index.lastProcessedBlock() + 1;
    for (int i = 0; next <= target && i < MAX_BLOCKS_PER_TICK; i++, next++) {
      Optional<Block> b = chain.block(next);
      if (b.isEmpty()) {
        return;
      }
      index.process(b.get(), Ss58::encode);
    }
  }

  public CompletionStage<InetSocketAddress> bind(int requested) {
    return server.bind(requested);
  }

  public int port() {
    return server.port();
  }

  /** The "Orion down" fault. */
  public CompletionStage<?> setDown(boolean down) {
    faults.setOrionDown(down);
    return server.setListening(!down);
  }

  Route route() {
    GraphQlWebSocket ws =
        new GraphQlWebSocket(
            system, json, this, index::lastProcessedBlock, java.time.Duration.ofMillis(100));
    return path(
        "graphql",
        () ->
            concat(
                extractWebSocketUpgrade(
                    upgrade ->
                        complete(upgrade.handleMessagesWith(ws.flow(), "graphql-transport-ws"))),
                post(
                    () ->
                        entity(
                            Unmarshaller.entityToString(),
                            body -> {
                              Answer a = answer(body);
                              return complete(
                                  HttpResponse.create()
                                      .withStatus(a.status())
                                      .withEntity(
                                          HttpEntities.create(
                                              ContentTypes.APPLICATION_JSON, a.body())));
                            }))));
  }

  /** A GraphQL HTTP answer. */
  public record Answer(int status, String body) {}

  /** Executes one GraphQL request body ({"query", "variables", "operationName"}). */
  public Answer answer(String body) {
    JsonNode request;
    try {
      request = json.readTree(body);
    } catch (java.io.IOException e) {
      return error(400, "Invalid JSON body.");
    }
    if (request == null || !request.path("query").isTextual()) {
      return error(400, "Must provide query string.");
    }
    GraphQlDocument doc;
    try {
      doc = GraphQlDocument.parse(request.get("query").asText());
    } catch (GraphQlException e) {
      return error(400, e.getMessage());
    }
    try {
      String op =
          request.path("operationName").isTextual() ? request.get("operationName").asText() : null;
      ObjectNode data;
      synchronized (index) {
        data = new GraphQlExecutor(json, doc, request.get("variables")).execute(op, schema.root());
      }
      ObjectNode out = json.createObjectNode();
      out.set("data", data);
      return new Answer(200, out.toString());
    } catch (GraphQlException e) {
      return error(200, e.getMessage());
    }
  }

  private Answer error(int status, String message) {
    ObjectNode out = json.createObjectNode();
    out.putArray("errors").addObject().put("message", message);
    return new Answer(status, out.toString());
  }

  @Override
  public void close() {
    server.close();
  }
}
