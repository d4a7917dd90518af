package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Each request of the API as an OpenTelemetry server span named by its method and route template
 * ({@code GET /channels/{joystreamChannelId}}), continuing the caller's trace when it sends a W3C
 * {@code traceparent}, with the status it was answered. The answer carries the trace in a {@code
 * traceresponse} header (W3C Trace Context level 2), which the request log line picks up so an
 * operator can go from a log line to its trace. Without an exporter configured the spans are no-ops
 * and no header is added.
 */
final class RequestTracing {

  static final String TRACE_RESPONSE = "traceresponse";

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private static final TextMapGetter<HttpRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpRequest request) {
          List<String> names = new ArrayList<>();
          for (HttpHeader h : request.getHeaders()) {
            names.add(h.lowercaseName());
          }
          return names;
        }

        @Override
        public String get(HttpRequest request, String key) {
          return request == null
              ? null
              : request.getHeader(key).map(HttpHeader::value).orElse(null);
        }
      };

  private final Tracer tracer;
  private final Function<String, String> routeOf;

  /** {@code routeOf}: the route template a path matches (bounded, never the raw path). */
  RequestTracing(Tracer tracer, Function<String, String> routeOf) {
    this.tracer = tracer;
    this.routeOf = routeOf;
  }

  Route traced(Route inner) {
    return extractRequest(
        request -> {
          Context parent =
              W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
          String method = request.method().name();
          String route = routeOf.apply(request.getUri().path());
          Span span =
              tracer
                  .spanBuilder(method + " " + route)
                  .setParent(parent)
                  .setSpanKind(SpanKind.SERVER)
                  .setAttribute(METHOD, method)
                  .setAttribute(ROUTE, route)
                  .setAttribute(PATH, request.getUri().path())
                  .startSpan();
          return mapResponse(response -> ended(span, response), () -> inner);
        });
  }

  private static HttpResponse ended(Span span, HttpResponse response) {
    int status = response.status().intValue();
    span.setAttribute(STATUS, (long) status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
    SpanContext c = span.getSpanContext();
    if (!c.isValid()) {
      return response;
    }
    return response.addHeader(
        RawHeader.create(
            TRACE_RESPONSE,
            "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex()));
  }

  /** The trace and span id an answer's {@code traceresponse} header names, if any. */
  static Optional<String[]> traceOf(HttpResponse response) {
    return response
        .getHeader(TRACE_RESPONSE)
        .map(HttpHeader::value)
        .map(v -> v.split("-"))
        .filter(parts -> parts.length == 4);
  }
}
