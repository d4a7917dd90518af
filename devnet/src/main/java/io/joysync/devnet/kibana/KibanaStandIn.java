package io.joysync.devnet.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A stand-in for the part of Kibana 8.x's HTTP API that {@code joysync kibana apply} uses:
 * connectors ({@code GET /api/actions/connectors}, {@code POST /api/actions/connector[/{id}]},
 * {@code PUT /api/actions/connector/{id}}), rules ({@code GET|POST|PUT /api/alerting/rule/{id}}),
 * data views ({@code GET|POST /api/data_views/data_view[/{id}]}) and the saved-objects import. It
 * keeps what it is given, so a second run finds what the first created, and holds every request to
 * Kibana's published rules: basic authentication (401 otherwise, before anything else), the {@code
 * kbn-xsrf} header on every write (400), the bodies' schemas ({@link KibanaSchemas}), 404 and 409
 * for absent and existing ids; Discord webhook actions must stay within {@link DiscordLimits}.
 */
public final class KibanaStandIn implements AutoCloseable {

  /** How many objects of each kind the stand-in holds. */
  public record Counts(int connectors, int rules, int dataViews, int savedObjects) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Rules carry encrypted attributes: before Kibana 8.17 their predefined ids must be UUIDs. */
  private static final Pattern UUID_V1_OR_V4 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[14][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  private final HttpServer server;
  private final ExecutorService executor;
  private final String authorization;
  private final Map<String, JsonNode> connectors = new LinkedHashMap<>();
  private final Map<String, JsonNode> rules = new LinkedHashMap<>();
  private final Map<String, JsonNode> savedObjects = new LinkedHashMap<>();
  private final List<String> refusals = new ArrayList<>();
  private int writes;

  private KibanaStandIn(String username, String password) throws IOException {
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    this.executor = Executors.newFixedThreadPool(2);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A stand-in on a free port of 127.0.0.1, accepting only {@code username}:{@code password}. */
  public static KibanaStandIn start(String username, String password) throws IOException {
    return new KibanaStandIn(username, password);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized Counts counts() {
    int dataViews =
        (int) savedObjects.keySet().stream().filter(k -> k.startsWith("index-pattern/")).count();
    return new Counts(connectors.size(), rules.size(), dataViews, savedObjects.size() - dataViews);
  }

  /** Writes that changed something (created, updated or imported objects). */
  public synchronized int writes() {
    return writes;
  }

  /** Each refused request (a GET of an absent object aside): method, path, Kibana's message. */
  public synchronized List<String> refusals() {
    return List.copyOf(refusals);
  }

  public synchronized List<JsonNode> connectors() {
    return List.copyOf(connectors.values());
  }

  public synchronized Optional<JsonNode> rule(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  public synchronized Optional<JsonNode> savedObject(String type, String id) {
    return Optional.ofNullable(savedObjects.get(SavedObjectsImport.key(type, id)));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    int status = 200;
    JsonNode answer;
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      try {
        answer = route(exchange, method, path, body);
      } catch (KibanaRefusal refusal) {
        status = refusal.status();
        ObjectNode error = JSON.createObjectNode();
        error.put("statusCode", status);
        error.put("error", refusal.error());
        error.put("message", refusal.getMessage());
        answer = error;
        synchronized (this) {
          boolean absent = status == 404 && method.equals("GET");
          if (!absent) {
            refusals.add(method + " " + path + ": " + status + " " + refusal.getMessage());
          }
        }
      }
      byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private synchronized JsonNode route(
      HttpExchange exchange, String method, String path, byte[] body) {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    if (given == null
        || !MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8),
            authorization.getBytes(StandardCharsets.UTF_8))) {
      throw new KibanaRefusal(
          401,
          "[security_exception]: unable to authenticate user for REST request [/_security/_authenticate]");
    }
    if (!method.equals("GET") && exchange.getRequestHeaders().getFirst("kbn-xsrf") == null) {
      throw KibanaRefusal.badRequest("Request must contain a kbn-xsrf header.");
    }
    String[] p = path.replaceAll("/+$", "").split("/");
    String tail = p.length > 4 ? p[4] : null;
    String route =
        method + " " + (p.length > 3 ? String.join("/", List.of(p).subList(1, 4)) : path);
    switch (route) {
      case "GET api/actions/connectors":
        ArrayNode list = JSON.createArrayNode();
        connectors.values().forEach(list::add);
        return list;
      case "POST api/actions/connector":
        return createConnector(tail == null ? UUID.randomUUID().toString() : tail, json(body));
      case "PUT api/actions/connector":
        return updateConnector(required(tail), json(body));
      case "GET api/alerting/rule":
        return Optional.ofNullable(rules.get(required(tail)))
            .orElseThrow(() -> KibanaRefusal.notFound("alert", tail));
      case "POST api/alerting/rule":
        return putRule(tail == null ? UUID.randomUUID().toString() : tail, json(body), true);
      case "PUT api/alerting/rule":
        return putRule(required(tail), json(body), false);
      case "GET api/data_views/data_view":
        return dataViewAnswer(
            savedObjects.get(SavedObjectsImport.key("index-pattern", required(tail))), tail);
      case "POST api/data_views/data_view":
        return tail == null ? createDataView(json(body)) : updateDataView(tail, json(body));
      case "POST api/saved_objects/_import":
        String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
        ObjectNode imported =
            SavedObjectsImport.apply(
                SavedObjectsImport.filePart(
                    exchange.getRequestHeaders().getFirst("Content-Type"), body),
                query.contains("overwrite=true"),
                savedObjects);
        writes += imported.path("successCount").asInt();
        return imported;
      default:
        throw new KibanaRefusal(404, "Not Found");
    }
  }

  private JsonNode createConnector(String id, JsonNode body) {
    KibanaSchemas.keys(
        body, java.util.Set.of("name", "connector_type_id", "config", "secrets"), "request body");
    KibanaSchemas.string(body, "name", "request body");
    String type = KibanaSchemas.string(body, "connector_type_id", "request body");
    if (!ConnectorSchemas.CONNECTOR_TYPES.contains(type)) {
      throw KibanaRefusal.badRequest("Action type \"" + type + "\" is not registered.");
    }
    if (connectors.containsKey(id)) {
      throw KibanaRefusal.conflict("action", id);
    }
    return storeConnector(id, type, body);
  }

  private JsonNode updateConnector(String id, JsonNode body) {
    KibanaSchemas.keys(body, java.util.Set.of("name", "config", "secrets"), "request body");
    KibanaSchemas.string(body, "name", "request body");
    JsonNode existing = connectors.get(id);
    if (existing == null) {
      throw KibanaRefusal.notFound("action", id);
    }
    return storeConnector(id, existing.path("connector_type_id").asText(), body);
  }

  private JsonNode storeConnector(String id, String type, JsonNode body) {
    JsonNode config = body.has("config") ? body.path("config") : JSON.createObjectNode();
    ConnectorSchemas.connector(
        type, config, body.has("secrets") ? body.path("secrets") : JSON.createObjectNode());
    ObjectNode stored = JSON.createObjectNode();
    stored.put("id", id);
    stored.put("name", body.path("name").asText());
    stored.put("connector_type_id", type);
    stored.set("config", config);
    stored.put("is_preconfigured", false);
    stored.put("is_deprecated", false);
    stored.put("is_missing_secrets", false);
    stored.put("is_system_action", false);
    connectors.put(id, stored);
    writes++;
    return stored;
  }

  private JsonNode putRule(String id, JsonNode body, boolean create) {
    if (create && !UUID_V1_OR_V4.matcher(id).matches()) {
      throw KibanaRefusal.badRequest(
          "Error creating rule: a predefined rule id must be a UUID v1 or v4: " + id);
    }
    KibanaSchemas.rule(body, create, connectors);
    JsonNode existing = rules.get(id);
    if (create && existing != null) {
      throw KibanaRefusal.conflict("alert", id);
    }
    if (!create && existing == null) {
      throw KibanaRefusal.notFound("alert", id);
    }
    ObjectNode stored = ((ObjectNode) body).deepCopy();
    stored.put("id", id);
    if (!create) {
      stored.set("rule_type_id", existing.path("rule_type_id"));
      stored.set("consumer", existing.path("consumer"));
      stored.set("enabled", existing.path("enabled"));
      stored.set("created_at", existing.path("created_at"));
    } else {
      stored.put("enabled", body.path("enabled").asBoolean(true));
      stored.put("created_at", Instant.now().toString());
    }
    stored.put("updated_at", Instant.now().toString());
    rules.put(id, stored);
    writes++;
    return stored;
  }

  private JsonNode createDataView(JsonNode body) {
    KibanaSchemas.dataView(body, true);
    ObjectNode view = ((ObjectNode) body.path("data_view")).deepCopy();
    String id = view.path("id").asText(UUID.randomUUID().toString());
    boolean override = body.path("override").asBoolean(false);
    for (JsonNode other : savedObjects.values()) {
      if (other.path("type").asText().equals("index-pattern")
          && other.path("attributes").path("title").asText().equals(view.path("title").asText())
          && !override) {
        throw KibanaRefusal.badRequest("Duplicate data view: " + view.path("title").asText());
      }
    }
    if (savedObjects.containsKey(SavedObjectsImport.key("index-pattern", id)) && !override) {
      throw KibanaRefusal.conflict("index-pattern", id);
    }
    view.put("id", id);
    return storeDataView(id, view);
  }

  private JsonNode updateDataView(String id, JsonNode body) {
    KibanaSchemas.dataView(body, false);
    JsonNode existing = savedObjects.get(SavedObjectsImport.key("index-pattern", id));
    if (existing == null) {
      throw KibanaRefusal.notFound("index-pattern", id);
    }
    ObjectNode view = ((ObjectNode) existing.path("attributes")).deepCopy();
    view.setAll((ObjectNode) body.path("data_view"));
    return storeDataView(id, view);
  }

  private JsonNode storeDataView(String id, ObjectNode view) {
    ObjectNode object = JSON.createObjectNode();
    object.put("type", "index-pattern");
    object.put("id", id);
    object.set("attributes", view);
    savedObjects.put(SavedObjectsImport.key("index-pattern", id), object);
    writes++;
    return dataViewAnswer(object, id);
  }

  private static JsonNode dataViewAnswer(JsonNode object, String id) {
    if (object == null) {
      throw KibanaRefusal.notFound("index-pattern", id);
    }
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode view = answer.putObject("data_view");
    view.setAll((ObjectNode) object.path("attributes"));
    view.put("id", id);
    return answer;
  }

  private static String required(String id) {
    if (id == null || id.isEmpty()) {
      throw new KibanaRefusal(404, "Not Found");
    }
    return id;
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // refused below
    }
    throw KibanaRefusal.badRequest(
        "[request body]: expected a plain object value, but found a body that is not JSON");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
