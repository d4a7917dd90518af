package io.joysync.joystream.orion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A GraphQL endpoint on 127.0.0.1 answering each posted request with whatever the test's script
 * returns, and remembering the requests it got.
 */
final class ScriptedGraphqlServer implements AutoCloseable {
  record Reply(int status, String body) {
    static Reply data(String dataJson) {
      return new Reply(200, "{\"data\":" + dataJson + "}");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  ScriptedGraphqlServer(Function<JsonNode, Reply> script) throws IOException {
    ObjectMapper json = new ObjectMapper();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/graphql",
        exchange -> {
          try (exchange) {
            JsonNode request = json.readTree(exchange.getRequestBody());
            requests.add(request);
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            Reply reply = script.apply(request);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/graphql");
  }

  List<JsonNode> requests() {
    return requests;
  }

  List<String> contentTypes() {
    return contentTypes;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
