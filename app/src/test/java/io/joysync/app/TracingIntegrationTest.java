package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint configured, a node exports its spans there: a request that arrives with a
 * W3C traceparent is answered within that trace (its traceresponse names it) and its server span,
 * named by the route, reaches the collector in the trace the caller started.
 */
@Needs(Service.CASSANDRA)
class TracingIntegrationTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final List<byte[]> exported = new CopyOnWriteArrayList<>();
  static HttpServer collector;
  static TestNodes.Started node;

  @BeforeAll
  static void start() throws Exception {
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          exported.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    node =
        TestNodes.start(
            TestCassandra.freshKeyspacePrefix("tracing"),
            Map.of(
                "joysync.tracing.otlp-endpoint",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (node != null) {
        node.stop();
      }
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void aRequestsSpanReachesTheCollectorInTheCallersTrace() throws Exception {
    int port = node.node().endpoints().toCompletableFuture().get().http().getPort();
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                    .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("traceresponse"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("00-" + TRACE_ID + "-"));
    byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
    byte[] name = "GET /status".getBytes(StandardCharsets.UTF_8);
    await("the span is exported over OTLP")
        .atMost(Duration.ofSeconds(30))
        .until(() -> exported.stream().anyMatch(b -> contains(b, traceId) && contains(b, name)));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
