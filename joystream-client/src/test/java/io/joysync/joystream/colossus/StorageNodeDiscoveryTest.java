package io.joysync.joystream.colossus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.joysync.joystream.colossus.FakeStorageNode.Reply;
import io.joysync.joystream.orion.OrionClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StorageNodeDiscoveryTest {

  /** An Orion stand-in whose storageBuckets reply lists the given endpoints as buckets 1..n. */
  private static HttpServer orionListing(String... endpoints) throws IOException {
    StringBuilder buckets = new StringBuilder();
    for (int i = 0; i < endpoints.length; i++) {
      buckets
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(i + 1)
          .append("\",\"dataObjectsSize\":\"0\",\"dataObjectsSizeLimit\":\"100\",")
          .append("\"dataObjectsCount\":\"0\",\"dataObjectCountLimit\":\"10\",")
          .append("\"operatorMetadata\":{\"nodeEndpoint\":\"")
          .append(endpoints[i])
          .append("\"}}");
    }
    byte[] body =
        ("{\"data\":{\"storageBuckets\":[" + buckets + "]}}").getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/graphql",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
          exchange.close();
        });
    server.start();
    return server;
  }

  private static StorageNodeDiscovery discovery(HttpServer orion, long seed) {
    OrionClient client =
        new OrionClient(
            HttpClient.newHttpClient(),
            URI.create("http://127.0.0.1:" + orion.getAddress().getPort() + "/graphql"),
            Duration.ofSeconds(5));
    return new StorageNodeDiscovery(client, ColossusClient.create(), new Random(seed));
  }

  @Test
  void picksTheNodeThatAnswersWhateverTheShuffle() throws IOException {
    URI dead;
    try (var gone = new FakeStorageNode(r -> new Reply(201, "{}"))) {
      dead = gone.endpoint();
    }
    try (var alive = new FakeStorageNode(r -> new Reply(201, "{}"))) {
      HttpServer orion = orionListing(dead.toString(), "httpx-not-a-url", alive.endpoint() + "/");
      try {
        for (long seed = 0; seed < 6; seed++) {
          StorageNodeDiscovery discovery = discovery(orion, seed);
          assertThat(
                  discovery
                      .candidates(StorageBagId.channel(5))
                      .orTimeout(20, TimeUnit.SECONDS)
                      .join())
              .hasSize(2);
          Optional<StorageNode> node =
              discovery
                  .findUploadNode(StorageBagId.channel(5))
                  .orTimeout(20, TimeUnit.SECONDS)
                  .join();
          assertThat(node).map(StorageNode::bucketId).contains(3L);
        }
      } finally {
        orion.stop(0);
      }
    }
  }

  @Test
  void noNodeAnswersGivesEmpty() throws IOException {
    URI dead;
    try (var gone = new FakeStorageNode(r -> new Reply(201, "{}"))) {
      dead = gone.endpoint();
    }
    HttpServer orion = orionListing(dead.toString());
    try {
      assertThat(
              discovery(orion, 1)
                  .findUploadNode(StorageBagId.channel(5))
                  .orTimeout(20, TimeUnit.SECONDS)
                  .join())
          .isEmpty();
    } finally {
      orion.stop(0);
    }
  }
}
