package io.joysync.logging;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Bulk-indexes log lines with the official Elasticsearch client. Each line is created under its own
 * id, so a batch sent again after an answer was lost stores nothing twice (Elasticsearch answers
 * 409 for the lines it already has, which counts as done). A line Elasticsearch refuses for good (a
 * mapping conflict) is indexed again as a plain document carrying the original JSON, so it is not
 * lost; only when that is refused too is it dropped.
 */
final class LogIndexer implements Closeable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KEPT_FIELDS =
      List.of(
          "@timestamp",
          "log.level",
          "message",
          "service.name",
          "host.name",
          "event.dataset",
          "log.logger");

  /** What became of a batch. */
  record Result(boolean retryLater, int dropped, String problem) {
    static final Result INDEXED = new Result(false, 0, "");
  }

  private final RestClient rest;
  private final ElasticsearchClient client;

  private LogIndexer(RestClient rest) {
    this.rest = rest;
    this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
  }

  /** A client of the Elasticsearch at {@code url}, with basic auth when a user name is given. */
  static LogIndexer connect(String url, String username, String password) {
    RestClientBuilder builder =
        RestClient.builder(HttpHost.create(url))
            .setRequestConfigCallback(
                rc ->
                    rc.setConnectTimeout(2_000)
                        .setConnectionRequestTimeout(2_000)
                        .setSocketTimeout(10_000));
    if (username != null && !username.isBlank()) {
      String basic =
          Base64.getEncoder()
              .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + basic)});
    }
    return new LogIndexer(builder.build());
  }

  ElasticsearchClient client() {
    return client;
  }

  /** Creates the lines in their indices. */
  Result index(List<LogLine> lines) {
    if (lines.isEmpty()) {
      return Result.INDEXED;
    }
    List<Refused> refused = new ArrayList<>();
    try {
      Result first = send(lines, refused);
      if (first.retryLater() || refused.isEmpty()) {
        return first;
      }
      List<LogLine> substitutes = refused.stream().map(LogIndexer::substitute).toList();
      List<Refused> refusedAgain = new ArrayList<>();
      Result second = send(substitutes, refusedAgain);
      if (second.retryLater() || refusedAgain.isEmpty()) {
        return second;
      }
      return new Result(
          false,
          refusedAgain.size(),
          "Elasticsearch refused "
              + refusedAgain.size()
              + " log lines: "
              + refusedAgain.get(0).reason());
    } catch (ElasticsearchException e) {
      return new Result(true, 0, "Elasticsearch answered " + e.status() + ": " + e.getMessage());
    } catch (TransportException e) {
      return new Result(
          true, 0, "Elasticsearch answered " + e.statusCode() + ": " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      return new Result(true, 0, "Elasticsearch cannot be reached: " + e);
    }
  }

  private Result send(List<LogLine> lines, List<Refused> refused) throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (LogLine line : lines) {
      BinaryData document =
          BinaryData.of(line.json().getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
      bulk.operations(op -> op.create(c -> c.index(line.index()).id(line.id()).document(document)));
    }
    BulkResponse response = client.bulk(bulk.build());
    if (!response.errors()) {
      return Result.INDEXED;
    }
    String retryProblem = null;
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      int status = item.status();
      if (status < 300 || status == 409) {
        continue;
      }
      String reason =
          item.error() == null
              ? "status " + status
              : item.error().type() + ": " + item.error().reason();
      if (status == 429 || status >= 500) {
        retryProblem = "Elasticsearch could not take a log line now (" + reason + ")";
      } else {
        refused.add(new Refused(lines.get(i), reason));
      }
    }
    return retryProblem == null ? Result.INDEXED : new Result(true, 0, retryProblem);
  }

  /** A plain document for a refused line: its main fields and the original JSON as text. */
  private static LogLine substitute(Refused refused) {
    ObjectNode doc = JSON.createObjectNode();
    JsonNode original;
    try {
      original = JSON.readTree(refused.line().json());
    } catch (IOException notJson) {
      original = JSON.createObjectNode();
    }
    for (String field : KEPT_FIELDS) {
      JsonNode value = original.get(field);
      if (value != null && value.isTextual()) {
        doc.put(field, value.asText());
      }
    }
    if (!doc.has("@timestamp")) {
      doc.put("@timestamp", Instant.now().toString());
    }
    doc.put("event.original", refused.line().json());
    doc.put("labels.elasticsearch_refused", truncate(refused.reason(), 1000));
    return new LogLine(refused.line().id(), refused.line().index(), doc.toString());
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  @Override
  public void close() throws IOException {
    rest.close();
  }

  private record Refused(LogLine line, String reason) {}
}
