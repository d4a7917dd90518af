package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.harness.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The alert rules of {@code kibana/rules}, run as Kibana's Elasticsearch-query rule runs them: the
 * rule's query within its time window over the log indices, the count compared with its threshold.
 */
final class KibanaRules {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KibanaRules() {}

  /** What a rule found: the messages it matched, and whether it would fire. */
  record Evaluation(Set<String> messages, long count, boolean fires) {}

  /** Every rule file, by name (the file name without {@code .json}). */
  static Map<String, JsonNode> load() {
    Map<String, JsonNode> rules = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("..", "kibana", "rules"))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        rules.put(name.substring(0, name.length() - ".json".length()), JSON.readTree(f.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rules;
  }

  /** Runs {@code rule} now over {@code indices} (a name, a list or a pattern). */
  /**
   * Runs every rule over {@code indices} and checks that {@code firing} fire, with matches each
   * satisfying {@code match}, and that no other rule matches anything.
   */
  static void assertOnlyFire(String indices, Consumer<String> match, String... firing) {
    Set<String> expected = Set.of(firing);
    load()
        .forEach(
            (name, rule) -> {
              Evaluation e = evaluate(rule, indices);
              if (expected.contains(name)) {
                assertThat(e.fires()).as("%s fires", name).isTrue();
                assertThat(e.messages()).as("what %s matched", name).isNotEmpty().allSatisfy(match);
              } else {
                assertThat(e.messages()).as("%s, which should stay quiet", name).isEmpty();
              }
            });
  }

  static Evaluation evaluate(JsonNode rule, String indices) {
    JsonNode params = rule.path("params");
    JsonNode query;
    try {
      query = JSON.readTree(params.path("esQuery").asText()).path("query");
    } catch (IOException e) {
      throw new AssertionError(rule.path("name").asText() + ": esQuery is not JSON", e);
    }
    ObjectNode search = JSON.createObjectNode();
    search.put("size", 1000);
    search.put("track_total_hits", true);
    ArrayNode filter = search.putObject("query").putObject("bool").putArray("filter");
    filter.add(query);
    filter
        .addObject()
        .putObject("range")
        .putObject(params.path("timeField").asText())
        .put(
            "gte",
            "now-" + params.path("timeWindowSize").asInt() + params.path("timeWindowUnit").asText())
        .put("lte", "now")
        .put("format", "strict_date_optional_time");
    JsonNode answer = send("POST", "/" + indices + "/_search", search.toString());
    assertThat(answer.has("error"))
        .as(rule.path("name").asText() + ": " + answer.path("error"))
        .isFalse();
    Set<String> messages = new TreeSet<>();
    answer
        .path("hits")
        .path("hits")
        .forEach(h -> messages.add(h.path("_source").path("message").asText()));
    long count = answer.path("hits").path("total").path("value").asLong();
    double threshold = params.path("threshold").get(0).asDouble();
    boolean fires =
        switch (params.path("thresholdComparator").asText()) {
          case ">" -> count > threshold;
          case ">=" -> count >= threshold;
          case "<" -> count < threshold;
          case "<=" -> count <= threshold;
          default -> throw new AssertionError("comparator " + params.path("thresholdComparator"));
        };
    return new Evaluation(messages, count, fires);
  }

  /**
   * Deletes the test Elasticsearch's indices matching {@code pattern} (clean-up: Elasticsearch 8
   * deletes indices by name only, a wildcard in a DELETE is refused).
   */
  static void deleteIndices(String pattern) {
    send("GET", "/_resolve/index/" + pattern, null)
        .path("indices")
        .forEach(i -> send("DELETE", "/" + i.path("name").asText(), null));
  }

  /** A request to the test Elasticsearch; its JSON answer (empty for an empty body). */
  static JsonNode send(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(TestEnvironment.elasticsearchUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .header(
                "Content-Type",
                path.contains("_bulk") ? "application/x-ndjson" : "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return reply.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
