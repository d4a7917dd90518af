package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;
import static org.apache.pekko.http.javadsl.server.Directives.toStrictEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import scala.concurrent.duration.FiniteDuration;

/**
 * Logs every request (method, path, status) and, for refused or failed ones, what an operator needs
 * to see why: the query, the request body and the answer. Headers are never logged (they carry
 * keys), and body fields and query parameters that hold secrets (authorization codes, tokens, keys,
 * passwords, and owners' signatures, which could be replayed) are replaced by {@code <redacted>},
 * whatever their value's shape.
 */
final class RequestLog {

  private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
  private static final Pattern SECRET_FIELD =
      Pattern.compile("(?i).*(code|token|secret|key|password|signature).*");
  private static final int MAX_LOGGED_CHARS = 2000;

  private RequestLog() {}

  static Route logged(Route inner) {
    return toStrictEntity(
        FiniteDuration.create(5, TimeUnit.SECONDS),
        () ->
            extractRequest(
                request ->
                    mapResponse(
                        response -> {
                          write(request, response);
                          return response;
                        },
                        () -> inner)));
  }

  private static void write(HttpRequest request, HttpResponse response) {
    Optional<String[]> trace = RequestTracing.traceOf(response);
    if (trace.isEmpty()) {
      writeLine(request, response);
      return;
    }
    // The request's trace on its log line (ECS trace.id, span.id), to go from the line to the
    // trace.
    try (MDC.MDCCloseable t = MDC.putCloseable("trace.id", trace.get()[1]);
        MDC.MDCCloseable s = MDC.putCloseable("span.id", trace.get()[2])) {
      writeLine(request, response);
    }
  }

  private static void writeLine(HttpRequest request, HttpResponse response) {
    int status = response.status().intValue();
    String line = request.method().name() + " " + request.getUri().path() + " -> " + status;
    if (status < 400) {
      log.info(line);
      return;
    }
    String details =
        " query="
            + redactQuery(request.getUri().rawQueryString().orElse(""))
            + " body="
            + redact(text(request.entity()))
            + " answer="
            + text(response.entity());
    if (status >= 500) {
      log.warn(line + details);
    } else {
      log.info(line + details);
    }
  }

  private static String text(HttpEntity entity) {
    if (entity instanceof HttpEntity.Strict strict) {
      String s = strict.getData().utf8String();
      return s.length() > MAX_LOGGED_CHARS ? s.substring(0, MAX_LOGGED_CHARS) + "..." : s;
    }
    return "<streamed>";
  }

  /** The body with secret-looking fields replaced; a body that is not JSON is only measured. */
  static String redact(String body) {
    if (body.isEmpty()) {
      return "";
    }
    try {
      JsonNode tree = Json.MAPPER.readTree(body);
      redactIn(tree);
      return Json.MAPPER.writeValueAsString(tree);
    } catch (Exception notJson) {
      return "<" + body.length() + " characters, not JSON>";
    }
  }

  /** The raw query with the values of secret-looking parameters replaced. */
  static String redactQuery(String query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String pair : query.split("&", -1)) {
      if (out.length() > 0) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      out.append(eq >= 0 && SECRET_FIELD.matcher(name).matches() ? name + "=<redacted>" : pair);
    }
    return out.toString();
  }

  private static void redactIn(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (SECRET_FIELD.matcher(f.getKey()).matches()) {
          f.setValue(Json.MAPPER.getNodeFactory().textNode("<redacted>"));
        } else {
          redactIn(f.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(RequestLog::redactIn);
    }
  }
}
