package io.joysync.devnet.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/saved_objects/_import}: a {@code multipart/form-data} body whose {@code file}
 * part is an {@code .ndjson} export. Objects of an importable type are stored (an existing one only
 * with {@code overwrite=true}, else a {@code conflict} error), references must name objects of the
 * import or already stored ({@code missing_references}); beyond what Kibana checks at import, the
 * JSON held in strings ({@code visState}, {@code searchSourceJSON}, {@code panelsJSON}) must parse
 * and every panel's reference must exist, as Kibana needs them to draw the dashboard.
 */
final class SavedObjectsImport {

  static final Set<String> TYPES =
      Set.of("index-pattern", "visualization", "dashboard", "search", "lens");
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SavedObjectsImport() {}

  /** The ndjson text of the {@code file} part. */
  static String filePart(String contentType, byte[] body) {
    Matcher b = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (contentType == null || !contentType.startsWith("multipart/form-data") || !b.find()) {
      throw KibanaRefusal.badRequest(
          "Unsupported Media Type: the body must be multipart/form-data");
    }
    String text = new String(body, StandardCharsets.UTF_8);
    for (String part : text.split("--" + Pattern.quote(b.group(1)))) {
      int headerEnd = part.indexOf("\r\n\r\n");
      if (headerEnd < 0 || !part.contains("name=\"file\"")) {
        continue;
      }
      Matcher name = FILE_NAME.matcher(part.substring(0, headerEnd));
      if (!name.find() || !name.group(1).endsWith(".ndjson")) {
        throw KibanaRefusal.badRequest(
            "Invalid file extension " + (name.find(0) ? name.group(1) : "(none)"));
      }
      String content = part.substring(headerEnd + 4);
      return content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content;
    }
    throw KibanaRefusal.badRequest(
        "[request body.file]: expected value of type [Stream] but got [undefined]");
  }

  static ObjectNode apply(String ndjson, boolean overwrite, Map<String, JsonNode> stored) {
    List<JsonNode> objects = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        objects.add(JSON.readTree(line));
      } catch (Exception e) {
        throw KibanaRefusal.badRequest("Unexpected token in JSON: the file is not ndjson");
      }
    }
    Set<String> known = new HashSet<>(stored.keySet());
    objects.forEach(o -> known.add(key(o.path("type").asText(), o.path("id").asText())));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode results = JSON.createArrayNode();
    ArrayNode errors = JSON.createArrayNode();
    for (JsonNode o : objects) {
      String type = o.path("type").asText();
      String id = o.path("id").asText();
      String problem = problem(o, overwrite, stored, known);
      if (problem != null) {
        ObjectNode e = errors.addObject();
        e.put("type", type);
        e.put("id", id);
        e.putObject("error").put("type", problem);
        continue;
      }
      boolean replaced = stored.containsKey(key(type, id));
      stored.put(key(type, id), o);
      ObjectNode r = results.addObject();
      r.put("type", type);
      r.put("id", id);
      r.putObject("meta").put("title", o.path("attributes").path("title").asText());
      if (replaced) {
        r.put("overwrite", true);
      }
    }
    answer.put("success", errors.isEmpty());
    answer.put("successCount", results.size());
    answer.set("successResults", results);
    if (!errors.isEmpty()) {
      answer.set("errors", errors);
    }
    return answer;
  }

  static String key(String type, String id) {
    return type + "/" + id;
  }

  private static String problem(
      JsonNode o, boolean overwrite, Map<String, JsonNode> stored, Set<String> known) {
    String type = o.path("type").asText();
    if (!TYPES.contains(type)) {
      return "unsupported_type";
    }
    if (o.path("id").asText().isEmpty() || !o.path("attributes").isObject()) {
      return "unknown: an object needs an id and attributes";
    }
    if (!overwrite && stored.containsKey(key(type, o.path("id").asText()))) {
      return "conflict";
    }
    Set<String> refNames = new HashSet<>();
    for (JsonNode ref : o.path("references")) {
      if (!known.contains(key(ref.path("type").asText(), ref.path("id").asText()))) {
        return "missing_references";
      }
      refNames.add(ref.path("name").asText());
    }
    JsonNode a = o.path("attributes");
    try {
      if (a.has("visState")) {
        JsonNode vis = JSON.readTree(a.path("visState").asText());
        if (!vis.path("type").isTextual() || !vis.path("aggs").isArray()) {
          return "unknown: visState lacks type or aggs";
        }
      }
      JsonNode search = a.path("kibanaSavedObjectMeta").path("searchSourceJSON");
      if (!search.isMissingNode()) {
        JsonNode source = JSON.readTree(search.asText());
        if (source.has("indexRefName")
            && !refNames.contains(source.path("indexRefName").asText())) {
          return "missing_references";
        }
      }
      if (type.equals("dashboard")) {
        for (JsonNode panel : JSON.readTree(a.path("panelsJSON").asText("[]"))) {
          if (!refNames.contains(panel.path("panelRefName").asText())) {
            return "missing_references";
          }
        }
      }
    } catch (Exception e) {
      return "unknown: an attribute holding JSON does not parse";
    }
    return null;
  }
}
