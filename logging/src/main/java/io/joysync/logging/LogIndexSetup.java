package io.joysync.logging;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What the log indices need before the first line is indexed, installed by every node at start
 * (putting the same policy and template again changes nothing): an index template mapping the ECS
 * fields and joysync's own keys for the daily indices {@code <prefix>-yyyy.MM.dd}, and retention.
 * Retention is an ILM policy deleting an index {@code retentionDays} after its creation; an
 * Elasticsearch without ILM (the minimal distribution the tests run) gets none, and the shipper
 * deletes the daily indices past retention itself ({@link #prune}).
 */
final class LogIndexSetup {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ElasticsearchClient client;
  private final String prefix;
  private final int retentionDays;

  LogIndexSetup(ElasticsearchClient client, String prefix, int retentionDays) {
    this.client = client;
    this.prefix = prefix;
    this.retentionDays = retentionDays;
  }

  String policyName() {
    return prefix + "-retention";
  }

  /** Installs the retention policy (where ILM exists) and the template; true when ILM retains. */
  boolean install() throws IOException {
    boolean ilm = installPolicy();
    ObjectNode template;
    try (InputStream in = LogIndexSetup.class.getResourceAsStream("log-index-template.json")) {
      template = (ObjectNode) JSON.readTree(in);
    }
    template.putArray("index_patterns").add(prefix + "-*");
    if (ilm) {
      ((ObjectNode) template.path("template").path("settings"))
          .put("index.lifecycle.name", policyName());
    }
    byte[] body = JSON.writeValueAsBytes(template);
    client.indices().putIndexTemplate(t -> t.name(prefix).withJson(new ByteArrayInputStream(body)));
    return ilm;
  }

  private boolean installPolicy() throws IOException {
    ObjectNode policy = JSON.createObjectNode();
    ObjectNode phases = policy.putObject("policy").putObject("phases");
    phases.putObject("hot").put("min_age", "0ms").putObject("actions");
    ObjectNode delete = phases.putObject("delete");
    delete.put("min_age", retentionDays + "d");
    delete.putObject("actions").putObject("delete");
    byte[] body = JSON.writeValueAsBytes(policy);
    try {
      client.ilm().putLifecycle(p -> p.name(policyName()).withJson(new ByteArrayInputStream(body)));
      return true;
    } catch (ElasticsearchException | TransportException e) {
      if (String.valueOf(e.getMessage()).contains("no handler found")) {
        return false;
      }
      throw e;
    }
  }

  /** Deletes the daily indices older than the retention; returns their names. */
  List<String> prune(LocalDate today) throws IOException {
    LocalDate oldestKept = today.minusDays(retentionDays);
    List<String> expired =
        client
            .indices()
            .get(g -> g.index(prefix + "-*").allowNoIndices(true).ignoreUnavailable(true))
            .result()
            .keySet()
            .stream()
            .filter(name -> day(name) != null && day(name).isBefore(oldestKept))
            .sorted()
            .toList();
    if (!expired.isEmpty()) {
      client.indices().delete(d -> d.index(expired));
    }
    return expired;
  }

  private LocalDate day(String index) {
    if (!index.startsWith(prefix + "-")) {
      return null;
    }
    try {
      return LocalDate.parse(index.substring(prefix.length() + 1), DAY);
    } catch (DateTimeParseException notDaily) {
      return null;
    }
  }
}
