package io.joysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.app.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A node's log lines as its JSON log file holds them against the lines Elasticsearch holds in the
 * node's indices: a line is the same when its time, logger and message are. Only lines older than a
 * cut-off a few seconds back are compared, once Elasticsearch has taken in what it is going to (its
 * count of them has not moved for longer than the shipper's longest pause between retries). Lines
 * of Elasticsearch's own client are never shipped, so they are left out of the file's side.
 */
final class LogLedger {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NOT_SHIPPED = {
    "org.elasticsearch.client", "co.elastic.clients", "org.apache.http"
  };

  private LogLedger() {}

  /**
   * One node's comparison.
   *
   * @param inFile lines in the file (older than the cut-off)
   * @param inElasticsearch documents in the node's indices (older than the cut-off)
   * @param notShipped lines in the file that Elasticsearch does not hold: lost on their way
   * @param notInFile lines Elasticsearch holds that the file does not (the file lost them)
   * @param examples a few of the lines not shipped
   */
  record Comparison(
      int node,
      long inFile,
      long inElasticsearch,
      long notShipped,
      long notInFile,
      List<String> examples) {}

  static Comparison compare(int node, Path logDir, URI elasticsearch, String index)
      throws Exception {
    // Whole milliseconds: Elasticsearch keeps @timestamp (a date) to the millisecond and compares
    // a finer bound as its millisecond, so a line of the cut's own millisecond would count on the
    // file's side only (the one line "lost" of the third chaos run, 2026-12-07, was that).
    Instant cut = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
    String pattern = index + "-*";
    long[] last = {-1};
    Instant[] since = {Instant.now()};
    org.awaitility.Awaitility.await("node " + node + "'s lines in Elasticsearch")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              send(elasticsearch, "POST", "/" + pattern + "/_refresh", null);
              long n =
                  send(elasticsearch, "POST", "/" + pattern + "/_count", olderThan(cut).toString())
                      .path("count")
                      .asLong();
              if (n != last[0]) {
                last[0] = n;
                since[0] = Instant.now();
              }
              return Duration.between(since[0], Instant.now()).toSeconds() >= 40;
            });
    Map<String, Integer> file = fileLines(logDir, cut);
    Map<String, Integer> shipped = shippedLines(elasticsearch, pattern, cut);
    long inFile = file.values().stream().mapToLong(Integer::longValue).sum();
    long inElasticsearch = shipped.values().stream().mapToLong(Integer::longValue).sum();
    long notShipped = 0;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<String, Integer> e : file.entrySet()) {
      int missing = e.getValue() - shipped.getOrDefault(e.getKey(), 0);
      if (missing > 0) {
        notShipped += missing;
        if (examples.size() < 5) {
          examples.add(e.getKey());
        }
      }
    }
    long notInFile = 0;
    for (Map.Entry<String, Integer> e : shipped.entrySet()) {
      notInFile += Math.max(0, e.getValue() - file.getOrDefault(e.getKey(), 0));
    }
    return new Comparison(node, inFile, inElasticsearch, notShipped, notInFile, examples);
  }

  /**
   * Removes the node's indices and their template (clean-up only; Elasticsearch deletes indices by
   * name, not by pattern). A retention policy, where the distribution has index lifecycles, is
   * left.
   */
  static void delete(URI elasticsearch, String index) {
    try {
      List<String> paths = new ArrayList<>();
      send(elasticsearch, "GET", "/_resolve/index/" + index + "-*", null)
          .path("indices")
          .forEach(i -> paths.add("/" + i.path("name").asText()));
      paths.add("/_index_template/" + index);
      for (String path : paths) {
        send(elasticsearch, "DELETE", path, null);
      }
    } catch (Exception e) {
      System.err.println("clean-up of " + index + "-* failed: " + e.getMessage());
    }
  }

  private static ObjectNode olderThan(Instant cut) {
    ObjectNode q = JSON.createObjectNode();
    q.putObject("query").putObject("range").putObject("@timestamp").put("lt", cut.toString());
    return q;
  }

  private static String key(JsonNode line) {
    return line.path("@timestamp").asText()
        + " "
        + line.path("log.logger").asText()
        + " "
        + line.path("message").asText();
  }

  /** The file's lines older than {@code cut}, the rolled-over files included, by key. */
  private static Map<String, Integer> fileLines(Path logDir, Instant cut) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    List<Path> files;
    try (Stream<Path> all = Files.list(logDir)) {
      files =
          all.filter(p -> p.getFileName().toString().matches("joysync.*\\.json(\\.gz)?")).toList();
    }
    for (Path f : files) {
      InputStream in = Files.newInputStream(f);
      if (f.toString().endsWith(".gz")) {
        in = new GZIPInputStream(in);
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String text;
        while ((text = r.readLine()) != null) {
          JsonNode line;
          try {
            line = JSON.readTree(text);
          } catch (IOException cutShortByAKill) {
            continue;
          }
          if (line == null || !line.has("@timestamp")) {
            continue;
          }
          String logger = line.path("log.logger").asText();
          if (Stream.of(NOT_SHIPPED).anyMatch(logger::startsWith)
              || !Instant.parse(line.path("@timestamp").asText()).isBefore(cut)) {
            continue;
          }
          lines.merge(key(line), 1, Integer::sum);
        }
      }
    }
    return lines;
  }

  /** The documents of the node's indices older than {@code cut}, by key (a scroll over them). */
  private static Map<String, Integer> shippedLines(URI elasticsearch, String pattern, Instant cut)
      throws Exception {
    Map<String, Integer> lines = new HashMap<>();
    ObjectNode search = olderThan(cut);
    search.put("size", 5000);
    search.putArray("_source").add("@timestamp").add("log.logger").add("message");
    search.putArray("sort").add("_doc");
    JsonNode page =
        send(elasticsearch, "POST", "/" + pattern + "/_search?scroll=2m", search.toString());
    String scroll = page.path("_scroll_id").asText();
    try {
      while (page.path("hits").path("hits").size() > 0) {
        for (JsonNode hit : page.path("hits").path("hits")) {
          lines.merge(key(hit.path("_source")), 1, Integer::sum);
        }
        ObjectNode next = JSON.createObjectNode();
        next.put("scroll", "2m");
        next.put("scroll_id", scroll);
        page = send(elasticsearch, "POST", "/_search/scroll", next.toString());
        scroll = page.path("_scroll_id").asText(scroll);
      }
    } finally {
      ObjectNode clear = JSON.createObjectNode();
      clear.put("scroll_id", scroll);
      send(elasticsearch, "DELETE", "/_search/scroll", clear.toString());
    }
    return lines;
  }

  private static JsonNode send(URI elasticsearch, String method, String path, String body)
      throws IOException {
    ApiClient.Reply r = new ApiClient(elasticsearch.toString()).send(method, path, body, null);
    if (r.status() >= 300) {
      throw new IOException(method + " " + path + " answered " + r.status() + ": " + r.body());
    }
    return r.json();
  }
}
