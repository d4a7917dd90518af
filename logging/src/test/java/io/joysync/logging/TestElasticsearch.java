package io.joysync.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.harness.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The test's own view of the real Elasticsearch, over plain HTTP, independent of the appender. */
final class TestElasticsearch {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  String url() {
    return TestElasticsearch.baseUrl();
  }

  static String baseUrl() {
    return TestEnvironment.elasticsearchUrl();
  }

  /** The documents of the indices {@code pattern}, in the order they were indexed (one shard). */
  List<JsonNode> documents(String pattern) {
    send("POST", "/" + pattern + "/_refresh?allow_no_indices=true", null);
    JsonNode answer =
        send(
            "POST",
            "/" + pattern + "/_search?allow_no_indices=true&ignore_unavailable=true",
            "{\"size\":10000,\"seq_no_primary_term\":true,"
                + "\"sort\":[{\"_index\":\"asc\"},{\"_seq_no\":\"asc\"}]}");
    List<JsonNode> docs = new ArrayList<>();
    answer.path("hits").path("hits").forEach(docs::add);
    return docs;
  }

  JsonNode send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return reply.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deletes the indices and the template a test made under {@code prefix}. */
  void deleteAll(String prefix) {
    JsonNode indices = send("GET", "/" + prefix + "-*?allow_no_indices=true", null);
    indices.fieldNames().forEachRemaining(name -> send("DELETE", "/" + name, null));
    send("DELETE", "/_index_template/" + prefix, null);
  }
}
