package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connectors of {@code kibana/connectors}, looked up by name as youtube-synch's script did:
 * created when absent, updated when present (a preconfigured connector, such as Elastic Cloud's
 * e-mail one, is used as it is). {@code ${NAME}} placeholders are filled from the settings; {@code
 * ${NAME:number}}, {@code ${NAME:boolean}} and {@code ${NAME:list}} give a number, a boolean or a
 * list of strings (a JSON array, as youtube-synch took {@code EMAIL_RECIPIENTS}, or comma
 * separated). A secret whose variable is not set is left out.
 */
final class KibanaConnectors {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z_]+)(?::(number|boolean|list))?}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A connector as it is in Kibana, with the action parameters by group from its file. */
  record Applied(String id, String name, String typeId, String outcome, ObjectNode actions) {}

  private final KibanaApi api;
  private final KibanaSettings settings;

  KibanaConnectors(KibanaApi api, KibanaSettings settings) {
    this.api = api;
    this.settings = settings;
  }

  List<Applied> apply(List<KibanaFiles.Connector> connectors) throws ChannelsCommand.Stop {
    JsonNode existing = api.get("api/actions/connectors").body();
    List<Applied> applied = new ArrayList<>();
    for (KibanaFiles.Connector file : connectors) {
      applied.add(apply(file, existing));
    }
    return applied;
  }

  private Applied apply(KibanaFiles.Connector file, JsonNode existing) throws ChannelsCommand.Stop {
    String name = fill(file, file.body().path("name")).asText();
    ObjectNode actions = (ObjectNode) fill(file, file.body().path("actions"));
    Optional<JsonNode> found = byName(existing, name);
    if (found.isPresent()
        && !file.typeId().equals(found.get().path("connector_type_id").asText())) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.HTTP_API_ERROR,
          "CONNECTOR_TYPE_MISMATCH Kibana's connector '"
              + name
              + "' is a "
              + found.get().path("connector_type_id").asText()
              + " connector, not "
              + file.typeId()
              + "; rename ours ("
              + nameVariable(file)
              + ") or remove it");
    }
    if (found.isPresent() && found.get().path("is_preconfigured").asBoolean(false)) {
      return new Applied(
          found.get().path("id").asText(), name, file.typeId(), "preconfigured, used", actions);
    }
    ObjectNode config;
    ObjectNode secrets;
    try {
      config = (ObjectNode) fill(file, file.body().path("config"));
      secrets = (ObjectNode) fill(file, file.body().path("secrets"));
    } catch (ChannelsCommand.Stop missing) {
      if (found.isEmpty() || !missing.getMessage().startsWith("MISSING_SETTING")) {
        throw missing;
      }
      return new Applied(
          found.get().path("id").asText(),
          name,
          file.typeId(),
          "found, left as it is (its settings are not given)",
          actions);
    }
    if (config.has("hasAuth") && ".email".equals(file.typeId())) {
      config.put("hasAuth", secrets.has("user"));
    }
    ObjectNode body = NODES.objectNode();
    body.put("name", name);
    body.set("config", config);
    body.set("secrets", secrets);
    if (found.isPresent()) {
      String id = found.get().path("id").asText();
      api.put("api/actions/connector/" + id, body);
      return new Applied(id, name, file.typeId(), "updated", actions);
    }
    body.put("connector_type_id", file.typeId());
    JsonNode created = api.post("api/actions/connector", body).body();
    return new Applied(created.path("id").asText(), name, file.typeId(), "created", actions);
  }

  private static Optional<JsonNode> byName(JsonNode existing, String name) {
    if (existing != null) {
      for (JsonNode c : existing) {
        if (name.equals(c.path("name").asText())) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  private static String nameVariable(KibanaFiles.Connector file) {
    Matcher m = PLACEHOLDER.matcher(file.body().path("name").asText());
    return m.find() ? m.group(1) : "its file's name";
  }

  /** A copy of {@code node} with its placeholders filled. */
  private JsonNode fill(KibanaFiles.Connector file, JsonNode node) throws ChannelsCommand.Stop {
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        JsonNode value = f.getValue();
        Matcher whole = PLACEHOLDER.matcher(value.asText(""));
        if (value.isTextual() && whole.matches() && settings.get(whole.group(1)).isEmpty()) {
          if (node == file.body().path("secrets")) {
            continue;
          }
          settings.required(whole.group(1), "by " + file.file().getFileName());
        }
        out.set(f.getKey(), fill(file, value));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : node) {
        out.add(fill(file, item));
      }
      return out;
    }
    if (!node.isTextual()) {
      return node;
    }
    Matcher whole = PLACEHOLDER.matcher(node.asText());
    if (whole.matches() && whole.group(2) != null) {
      return typed(
          whole.group(1),
          whole.group(2),
          settings.required(whole.group(1), "by " + file.file().getFileName()));
    }
    Matcher m = PLACEHOLDER.matcher(node.asText());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = settings.required(m.group(1), "by " + file.file().getFileName());
      if (m.group(1).endsWith("_NAME")) {
        settings.name(m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return NODES.textNode(out.toString());
  }

  private static JsonNode typed(String name, String type, String value)
      throws ChannelsCommand.Stop {
    switch (type) {
      case "number":
        if (value.matches("\\d{1,9}")) {
          return NODES.numberNode(Integer.parseInt(value));
        }
        break;
      case "boolean":
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
          return NODES.booleanNode(Boolean.parseBoolean(value.toLowerCase()));
        }
        break;
      default:
        ArrayNode list = NODES.arrayNode();
        if (value.startsWith("[")) {
          try {
            JsonNode parsed = KibanaFiles.JSON.readTree(value);
            parsed.forEach(item -> list.add(item.asText().strip()));
          } catch (IOException e) {
            break;
          }
        } else {
          for (String item : value.split(",")) {
            list.add(item.strip());
          }
        }
        boolean addresses = list.size() > 0;
        for (JsonNode item : list) {
          addresses &= item.asText().matches("[^@\\s]+@[^@\\s]+");
        }
        if (addresses) {
          return list;
        }
    }
    throw new ChannelsCommand.Stop(
        ChannelsCommand.INVALID_INPUT,
        "INVALID_SETTING "
            + name
            + " must be "
            + switch (type) {
              case "number" -> "a whole number";
              case "boolean" -> "true or false";
              default -> "e-mail addresses: a JSON array such as [\"a@example.org\"] or a,b";
            });
  }
}
