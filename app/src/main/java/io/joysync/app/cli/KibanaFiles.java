package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code kibana/} folder, read and checked before anything is sent, so that a malformed file
 * stops {@code apply} with its name and changes nothing: {@code rules/*.json} (Kibana's create-rule
 * body for an {@code .es-query} rule plus its fixed UUID, {@code id}), {@code connectors/*.json} (a
 * connector with {@code ${VARIABLE}} placeholders and the parameters of its actions by action
 * group), {@code saved-objects/data-view.json} and {@code saved-objects/*.ndjson} (saved objects as
 * Kibana's export writes them).
 */
record KibanaFiles(
    List<Rule> rules, List<Connector> connectors, DataView dataView, List<Ndjson> savedObjects) {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final Pattern UUID_V1_OR_V4 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[14][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  /** A rule: {@code key} is its file's name without {@code .json}, {@code id} its UUID. */
  record Rule(Path file, String key, String id, ObjectNode body) {}

  record Connector(Path file, ObjectNode body) {
    String typeId() {
      return body.path("connector_type_id").asText();
    }
  }

  record DataView(Path file, String id, ObjectNode dataView) {}

  record Ndjson(Path file, String text, int objects) {}

  KibanaFiles {
    rules = List.copyOf(rules);
    connectors = List.copyOf(connectors);
    savedObjects = List.copyOf(savedObjects);
  }

  static KibanaFiles read(Path dir) throws ChannelsCommand.Stop {
    if (!Files.isDirectory(dir)) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.FILE_NOT_FOUND,
          "FILE_NOT_FOUND the Kibana folder " + dir + " (--dir, else $JOYSYNC_KIBANA_DIR)");
    }
    List<Rule> rules = new ArrayList<>();
    for (Path file : list(dir.resolve("rules"), ".json")) {
      rules.add(rule(file, object(file)));
    }
    List<Connector> connectors = new ArrayList<>();
    for (Path file : list(dir.resolve("connectors"), ".json")) {
      connectors.add(connector(file, object(file)));
    }
    Path dataViewFile = dir.resolve("saved-objects").resolve("data-view.json");
    List<Ndjson> savedObjects = new ArrayList<>();
    for (Path file : list(dir.resolve("saved-objects"), ".ndjson")) {
      savedObjects.add(ndjson(file));
    }
    return new KibanaFiles(rules, connectors, dataView(dataViewFile), savedObjects);
  }

  private static Rule rule(Path file, ObjectNode body) throws ChannelsCommand.Stop {
    String id = body.path("id").asText("");
    if (!UUID_V1_OR_V4.matcher(id).matches()) {
      throw invalid(
          file,
          "\"id\" must be a UUID v4 (Kibana before 8.17 takes no other predefined rule id),"
              + " fixed once so that every run finds the rule");
    }
    for (String field : List.of("name", "rule_type_id", "consumer")) {
      if (!body.path(field).isTextual() || body.path(field).asText().isBlank()) {
        throw invalid(file, "\"" + field + "\" must be a non-empty string");
      }
    }
    if (!".es-query".equals(body.path("rule_type_id").asText())) {
      throw invalid(
          file, "\"rule_type_id\" must be \".es-query\" (joysync's rules search its logs)");
    }
    if (!body.path("schedule").path("interval").asText("").matches("\\d+[smhd]")) {
      throw invalid(file, "\"schedule.interval\" must be a duration such as \"5m\"");
    }
    JsonNode params = body.path("params");
    if (!params.path("index").isArray() || params.path("index").isEmpty()) {
      throw invalid(file, "\"params.index\" must be a non-empty array of index patterns");
    }
    if (!params.path("threshold").isArray() || params.path("threshold").isEmpty()) {
      throw invalid(file, "\"params.threshold\" must be an array of one or two numbers");
    }
    JsonNode query;
    try {
      query = JSON.readTree(params.path("esQuery").asText(""));
    } catch (IOException e) {
      throw invalid(file, "\"params.esQuery\" is not JSON: " + firstLine(e.getMessage()));
    }
    if (query == null || !query.path("query").isObject()) {
      throw invalid(file, "\"params.esQuery\" must be a string holding {\"query\": {...}}");
    }
    String name = file.getFileName().toString();
    return new Rule(file, name.substring(0, name.length() - ".json".length()), id, body);
  }

  private static Connector connector(Path file, ObjectNode body) throws ChannelsCommand.Stop {
    if (!body.path("name").isTextual()) {
      throw invalid(file, "\"name\" must be a string");
    }
    String type = body.path("connector_type_id").asText("");
    if (!type.equals(".webhook") && !type.equals(".email")) {
      throw invalid(file, "\"connector_type_id\" must be \".webhook\" or \".email\"");
    }
    if (!body.path("config").isObject() || !body.path("actions").isObject()) {
      throw invalid(file, "\"config\" and \"actions\" (parameters by action group) are required");
    }
    return new Connector(file, body);
  }

  private static DataView dataView(Path file) throws ChannelsCommand.Stop {
    ObjectNode body = object(file);
    JsonNode view = body.path("data_view");
    if (!view.isObject()
        || !ID.matcher(view.path("id").asText("")).matches()
        || !view.path("title").isTextual()) {
      throw invalid(
          file, "\"data_view\" must hold a stable \"id\" and the \"title\" (index pattern)");
    }
    return new DataView(file, view.path("id").asText(), (ObjectNode) view);
  }

  private static Ndjson ndjson(Path file) throws ChannelsCommand.Stop {
    String text = text(file);
    int count = 0;
    int line = 0;
    for (String row : text.split("\n")) {
      line++;
      if (row.isBlank()) {
        continue;
      }
      JsonNode object;
      try {
        object = JSON.readTree(row);
      } catch (IOException e) {
        throw invalid(file, "line " + line + " is not JSON: " + firstLine(e.getMessage()));
      }
      if (!object.path("type").isTextual()
          || !object.path("id").isTextual()
          || !object.path("attributes").isObject()) {
        throw invalid(file, "line " + line + " lacks \"type\", \"id\" or \"attributes\"");
      }
      count++;
    }
    return new Ndjson(file, text, count);
  }

  private static List<Path> list(Path dir, String suffix) throws ChannelsCommand.Stop {
    if (!Files.isDirectory(dir)) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.FILE_NOT_FOUND, "FILE_NOT_FOUND the folder " + dir);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE, "INVALID_FILE " + dir + ": " + e.getMessage());
    }
  }

  private static ObjectNode object(Path file) throws ChannelsCommand.Stop {
    try {
      JsonNode node = JSON.readTree(text(file));
      if (node instanceof ObjectNode o) {
        return o;
      }
      throw invalid(file, "must hold one JSON object");
    } catch (IOException e) {
      throw invalid(file, "is not JSON: " + firstLine(e.getMessage()));
    }
  }

  private static String text(Path file) throws ChannelsCommand.Stop {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ChannelsCommand.Stop(ChannelsCommand.FILE_NOT_FOUND, "FILE_NOT_FOUND " + file);
    } catch (IOException e) {
      throw invalid(file, e.getMessage());
    }
  }

  static ChannelsCommand.Stop invalid(Path file, String why) {
    return new ChannelsCommand.Stop(
        ChannelsCommand.INVALID_FILE, "INVALID_FILE " + file + ": " + why);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
