package io.joysync.devnet.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The request-body rules of Kibana 8.x's published API for the endpoints {@code joysync kibana
 * apply} calls (alerting rules of type {@code .es-query}, {@code .webhook} and {@code .email}
 * connectors, data views), refused with Kibana's own phrasing: a key the schema does not define, a
 * required field missing or of the wrong type, a value outside its set.
 */
final class KibanaSchemas {

  static final Set<String> RULE_CREATE_KEYS =
      Set.of(
          "name",
          "rule_type_id",
          "consumer",
          "enabled",
          "tags",
          "throttle",
          "schedule",
          "params",
          "actions",
          "notify_when",
          "alert_delay");
  static final Set<String> RULE_UPDATE_KEYS =
      Set.of(
          "name",
          "tags",
          "throttle",
          "schedule",
          "params",
          "actions",
          "notify_when",
          "alert_delay");
  private static final Set<String> ES_QUERY_PARAMS =
      Set.of(
          "size",
          "timeWindowSize",
          "timeWindowUnit",
          "threshold",
          "thresholdComparator",
          "searchType",
          "esQuery",
          "index",
          "timeField",
          "aggType",
          "aggField",
          "groupBy",
          "termSize",
          "termField",
          "excludeHitsFromPreviousRun",
          "sourceFields",
          "searchConfiguration");
  private static final Set<String> COMPARATORS =
      Set.of(">", ">=", "<", "<=", "between", "notBetween");
  private static final Set<String> ACTION_GROUPS = Set.of("query matched", "recovered");
  private static final Set<String> ACTION_KEYS =
      Set.of("group", "id", "params", "frequency", "uuid", "alerts_filter");
  private static final Set<String> NOTIFY_WHEN =
      Set.of("onActionGroupChange", "onActiveAlert", "onThrottleInterval");
  private static final Set<String> DATA_VIEW_KEYS =
      Set.of(
          "id",
          "title",
          "name",
          "timeFieldName",
          "version",
          "type",
          "typeMeta",
          "fieldFormats",
          "fieldAttrs",
          "sourceFilters",
          "runtimeFieldMap",
          "allowNoIndex",
          "namespaces");
  private static final ObjectMapper JSON = new ObjectMapper();

  private KibanaSchemas() {}

  static void keys(JsonNode object, Set<String> allowed, String where) {
    if (!object.isObject()) {
      throw KibanaRefusal.badRequest("[" + where + "]: expected a plain object value");
    }
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw KibanaRefusal.badRequest(
            "[" + where + "." + name + "]: definition for this key is missing");
      }
    }
  }

  static String string(JsonNode object, String field, String where) {
    JsonNode value = object.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw KibanaRefusal.badRequest(
          "["
              + where
              + "."
              + field
              + "]: expected value of type [string] but got ["
              + type(value)
              + "]");
    }
    return value.asText();
  }

  static void rule(JsonNode body, boolean create, Map<String, JsonNode> connectors) {
    keys(body, create ? RULE_CREATE_KEYS : RULE_UPDATE_KEYS, "request body");
    string(body, "name", "request body");
    if (create && !".es-query".equals(string(body, "rule_type_id", "request body"))) {
      throw KibanaRefusal.badRequest(
          "Rule type \"" + body.path("rule_type_id").asText() + "\" is not registered.");
    }
    if (create
        && !Set.of("alerts", "stackAlerts", "discover")
            .contains(string(body, "consumer", "request body"))) {
      throw KibanaRefusal.badRequest(
          "Unauthorized by \""
              + body.path("consumer").asText()
              + "\" to create \".es-query\" rule");
    }
    if (body.has("tags") && !allStrings(body.path("tags"))) {
      throw KibanaRefusal.badRequest(
          "[request body.tags]: expected value of type [array] of strings");
    }
    if (!body.path("schedule").path("interval").asText("").matches("\\d+[smhd]")) {
      throw KibanaRefusal.badRequest(
          "[request body.schedule.interval]: string is not a valid duration: "
              + body.path("schedule").path("interval"));
    }
    esQueryParams(body.path("params"));
    for (JsonNode action : body.path("actions")) {
      action(
          action, connectors, body.path("name").asText(), body.path("params").path("size").asInt());
    }
  }

  private static void esQueryParams(JsonNode params) {
    keys(params, ES_QUERY_PARAMS, "request body.params");
    String where = "error validating rule type params";
    int size = params.path("size").asInt(-1);
    if (!params.path("size").isInt() || size < 0 || size > 10000) {
      throw KibanaRefusal.badRequest(where + ": [size]: must be a number from 0 to 10000");
    }
    if (!params.path("timeWindowSize").isNumber() || params.path("timeWindowSize").asDouble() < 1) {
      throw KibanaRefusal.badRequest(
          where + ": [timeWindowSize]: Value must be equal to or greater than [1].");
    }
    if (!Set.of("s", "m", "h", "d").contains(params.path("timeWindowUnit").asText())) {
      throw KibanaRefusal.badRequest(
          where + ": [timeWindowUnit]: invalid timeWindowUnit: " + params.path("timeWindowUnit"));
    }
    String comparator = params.path("thresholdComparator").asText();
    if (!COMPARATORS.contains(comparator)) {
      throw KibanaRefusal.badRequest(
          where + ": [thresholdComparator]: invalid thresholdComparator specified: " + comparator);
    }
    JsonNode threshold = params.path("threshold");
    int needed = comparator.endsWith("etween") ? 2 : 1;
    if (!threshold.isArray()
        || threshold.size() != needed
        || !threshold.get(0).isNumber()
        || needed == 2 && !threshold.get(1).isNumber()) {
      throw KibanaRefusal.badRequest(
          where + ": [threshold]: must have " + needed + " number(s) for comparator " + comparator);
    }
    String searchType = params.path("searchType").asText("esQuery");
    if (!searchType.equals("esQuery")) {
      throw KibanaRefusal.badRequest(
          where + ": joysync's rules are searchType esQuery, not " + searchType);
    }
    if (!params.path("index").isArray()
        || params.path("index").isEmpty()
        || !allStrings(params.path("index"))) {
      throw KibanaRefusal.badRequest(where + ": [index]: must be a non-empty array of strings");
    }
    string(params, "timeField", where);
    JsonNode query;
    try {
      query = JSON.readTree(string(params, "esQuery", where));
    } catch (Exception e) {
      throw KibanaRefusal.badRequest(where + ": [esQuery]: must be valid JSON");
    }
    if (query == null || !query.path("query").isObject()) {
      throw KibanaRefusal.badRequest(where + ": [esQuery]: must contain \"query\"");
    }
    String aggType = params.path("aggType").asText("count");
    if (!Set.of("count", "avg", "min", "max", "sum").contains(aggType)
        || !aggType.equals("count") && !params.path("aggField").isTextual()) {
      throw KibanaRefusal.badRequest(
          where + ": [aggType]: invalid or without aggField: " + aggType);
    }
    String groupBy = params.path("groupBy").asText("all");
    if (!groupBy.equals("all")
        && !(groupBy.equals("top") && params.path("termField").isTextual())) {
      throw KibanaRefusal.badRequest(where + ": [groupBy]: invalid groupBy: " + groupBy);
    }
    if (params.has("excludeHitsFromPreviousRun")
        && !params.path("excludeHitsFromPreviousRun").isBoolean()) {
      throw KibanaRefusal.badRequest(where + ": [excludeHitsFromPreviousRun]: expected a boolean");
    }
  }

  private static void action(
      JsonNode action, Map<String, JsonNode> connectors, String ruleName, int hits) {
    keys(action, ACTION_KEYS, "request body.actions");
    String group = string(action, "group", "request body.actions");
    if (!ACTION_GROUPS.contains(group)) {
      throw KibanaRefusal.badRequest("Invalid action groups: " + group);
    }
    String id = string(action, "id", "request body.actions");
    JsonNode connector = connectors.get(id);
    if (connector == null) {
      throw KibanaRefusal.badRequest(
          "Failed to load action: Saved object [action/" + id + "] not found");
    }
    if (action.has("frequency")) {
      JsonNode f = action.path("frequency");
      keys(f, Set.of("summary", "notify_when", "throttle"), "request body.actions.frequency");
      if (!f.path("summary").isBoolean() || !NOTIFY_WHEN.contains(f.path("notify_when").asText())) {
        throw KibanaRefusal.badRequest(
            "[request body.actions.frequency]: summary (boolean) and notify_when are required");
      }
    }
    JsonNode params = action.path("params");
    String where = "error validating action params";
    if (".webhook".equals(connector.path("connector_type_id").asText())) {
      keys(params, Set.of("body"), where);
      String body = string(params, "body", where);
      if (DiscordLimits.isDiscord(connector.path("config").path("url").asText())) {
        DiscordLimits.worstCase(body, ruleName, hits);
      }
    } else {
      keys(
          params,
          Set.of("to", "cc", "bcc", "subject", "message", "messageHTML", "kibanaFooterLink"),
          where);
      string(params, "subject", where);
      string(params, "message", where);
      int addressees =
          params.path("to").size() + params.path("cc").size() + params.path("bcc").size();
      if (addressees == 0 || !allStrings(params.path("to"))) {
        throw KibanaRefusal.badRequest(where + ": no [to], [cc], or [bcc] entries");
      }
    }
  }

  static void dataView(JsonNode body, boolean create) {
    keys(
        body,
        create
            ? Set.of("data_view", "override", "refresh_fields")
            : Set.of("data_view", "refresh_fields"),
        "request body");
    JsonNode view = body.path("data_view");
    keys(view, DATA_VIEW_KEYS, "request body.data_view");
    if (create) {
      string(view, "title", "request body.data_view");
    } else if (view.has("id")) {
      throw KibanaRefusal.badRequest(
          "[request body.data_view.id]: definition for this key is missing");
    }
  }

  private static boolean allStrings(JsonNode array) {
    if (!array.isArray()) {
      return false;
    }
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static String type(JsonNode value) {
    return value.isMissingNode() ? "undefined" : value.getNodeType().name().toLowerCase();
  }
}
