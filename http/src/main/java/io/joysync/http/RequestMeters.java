package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Times every request of the API by method, route and status ({@code
 * joysync_http_server_requests_seconds}). The route is the template the request matched, such as
 * {@code /channels/{joystreamChannelId}}, never the raw path, so the number of series stays bounded
 * whatever paths callers send: the templates are the paths of the published OpenAPI document plus
 * the few routes it does not describe; any other path counts as {@code unmatched}, and a method
 * outside the usual ones as {@code OTHER}.
 */
final class RequestMeters {

  static final String UNMATCHED = "unmatched";

  /** Routes the OpenAPI document does not describe (operators' and machines' routes). */
  private static final List<String> UNDESCRIBED =
      List.of(
          "/sync",
          "/sync/pause",
          "/sync/resume",
          "/videos/cleanup/dry-run",
          "/videos/cleanup/apply",
          "/operator",
          "/docs",
          "/docs/swagger-ui/{file}",
          "/api-spec.json",
          "/websub/callback");

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

  private record Template(String route, Pattern pattern) {}

  private final MeterRegistry registry;
  private final List<Template> templates;

  RequestMeters(MeterRegistry registry) {
    this.registry = registry;
    List<Template> all = new ArrayList<>();
    List<String> routes = new ArrayList<>(documentedPaths());
    routes.addAll(UNDESCRIBED);
    for (String route : routes) {
      all.add(new Template(route, pattern(route)));
    }
    // Literal segments before parameters: /channels/stats is not /channels/{joystreamChannelId}.
    all.sort((a, b) -> Long.compare(parameters(a.route()), parameters(b.route())));
    this.templates = List.copyOf(all);
  }

  Route measured(Route inner) {
    return extractRequest(
        request -> {
          long start = System.nanoTime();
          return mapResponse(
              response -> {
                timer(request, response.status().intValue())
                    .record(Duration.ofNanos(System.nanoTime() - start));
                return response;
              },
              () -> inner);
        });
  }

  private Timer timer(HttpRequest request, int status) {
    String method = request.method().name();
    return Timer.builder("joysync.http.server.requests")
        .description("Requests to the HTTP API, by method, route template and status")
        .tag("method", METHODS.contains(method) ? method : "OTHER")
        .tag("route", route(request.getUri().path()))
        .tag("status", Integer.toString(status))
        .register(registry);
  }

  /** The template the path matches, or {@link #UNMATCHED}. */
  String route(String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    Optional<Template> match =
        templates.stream().filter(t -> t.pattern().matcher(trimmed).matches()).findFirst();
    return match.map(Template::route).orElse(UNMATCHED);
  }

  private static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      regex.append(
          part.startsWith("{") ? (part.equals("{file}") ? ".+" : "[^/]+") : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  private static long parameters(String template) {
    return template.chars().filter(c -> c == '{').count();
  }

  private static List<String> documentedPaths() {
    try (InputStream in = RequestMeters.class.getResourceAsStream("api-spec.json")) {
      if (in == null) {
        throw new IllegalStateException("api-spec.json is missing from the http module");
      }
      JsonNode spec = Json.MAPPER.readTree(in);
      List<String> paths = new ArrayList<>();
      spec.path("paths").fieldNames().forEachRemaining(paths::add);
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
