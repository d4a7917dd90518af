package io.joysync.devnet.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The config and secrets rules of Kibana 8.x's {@code .webhook} and {@code .email} connector types,
 * refused with Kibana's phrasing ("error validating action type config: ...").
 */
final class ConnectorSchemas {

  static final Set<String> CONNECTOR_TYPES = Set.of(".webhook", ".email");
  static final Set<String> WEBHOOK_CONFIG =
      Set.of(
          "url", "method", "headers", "hasAuth", "authType", "certType", "ca", "verificationMode");
  static final Set<String> EMAIL_CONFIG =
      Set.of(
          "service",
          "from",
          "host",
          "port",
          "secure",
          "hasAuth",
          "tenantId",
          "clientId",
          "oauthTokenUrl");

  private ConnectorSchemas() {}

  static void connector(String type, JsonNode config, JsonNode secrets) {
    String where = "error validating action type config";
    if (type.equals(".webhook")) {
      KibanaSchemas.keys(config, WEBHOOK_CONFIG, where);
      String url = KibanaSchemas.string(config, "url", where);
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        throw KibanaRefusal.badRequest(
            where + ": error configuring webhook action: unable to parse url");
      }
      if (!Set.of("post", "put").contains(config.path("method").asText("post"))) {
        throw KibanaRefusal.badRequest(where + ": [method]: types that failed validation");
      }
      KibanaSchemas.keys(
          secrets,
          Set.of("user", "password", "crt", "key", "pfx"),
          "error validating action type secrets");
      if (config.path("hasAuth").asBoolean(true)
          && !(secrets.has("user") && secrets.has("password"))) {
        throw KibanaRefusal.badRequest(
            "error validating action type secrets: both user and password must be specified");
      }
      return;
    }
    KibanaSchemas.keys(config, EMAIL_CONFIG, where);
    if (!KibanaSchemas.string(config, "from", where).matches("[^@\\s]+@[^@\\s]+")) {
      throw KibanaRefusal.badRequest(where + ": [from]: not a valid e-mail address");
    }
    String service = config.path("service").asText("other");
    if (service.equals("other")
        && (!config.path("host").isTextual() || !config.path("port").isInt())) {
      throw KibanaRefusal.badRequest(
          where + ": [host]/[port] is required if [service] is not provided");
    }
    if (config.has("secure") && !config.path("secure").isBoolean()) {
      throw KibanaRefusal.badRequest(where + ": [secure]: expected value of type [boolean]");
    }
    KibanaSchemas.keys(
        secrets,
        Set.of("user", "password", "clientSecret"),
        "error validating action type secrets");
    if (config.path("hasAuth").asBoolean(true)
        && !(secrets.path("user").isTextual() && secrets.path("password").isTextual())) {
      throw KibanaRefusal.badRequest(
          "error validating action type secrets: [user] and [password] are required when [hasAuth] is true");
    }
  }
}
