package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.joysync.engine.youtube.YoutubeApiException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.http.cors.javadsl.CorsRejection;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure of a route to an {@link ErrorBody} in one place: refused requests to their
 * 4xx, an entity that did not answer in time to 503, anything unexpected to a plain 500 that is
 * logged here and never shows its stack trace to the caller. The one exception to the shape is a
 * {@link FaucetError}, whose body is youtube-synch's bare {@code {code, message}}.
 */
public final class ErrorHandling {

  private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

  private ErrorHandling() {}

  public static Route error(StatusCode status, String code, String message) {
    return complete(status, ErrorBody.of(status, code, List.of(message)), Json.marshaller());
  }

  public static final ExceptionHandler EXCEPTIONS =
      ExceptionHandler.newBuilder()
          .match(CompletionException.class, e -> handle(e.getCause()))
          .match(Throwable.class, ErrorHandling::handle)
          .build();

  private static Route handle(Throwable e) {
    if (e instanceof CompletionException && e.getCause() != null) {
      return handle(e.getCause());
    }
    if (e instanceof ApiException api) {
      return complete(api.status(), ErrorBody.of(api), Json.marshaller());
    }
    if (e instanceof FaucetError faucet) {
      return complete(faucet.status(), faucet.body(), Json.marshaller());
    }
    if (e instanceof YoutubeApiException youtube) {
      // YouTube refused what the caller gave us (code, tokens, account): youtube-synch's 400.
      return error(StatusCodes.BAD_REQUEST, youtube.code(), youtube.getMessage());
    }
    if (e instanceof StatusReply.ErrorMessage refused) {
      return error(StatusCodes.BAD_REQUEST, "REFUSED", refused.getMessage());
    }
    if (e instanceof TimeoutException || e instanceof AskTimeoutException) {
      return error(
          StatusCodes.SERVICE_UNAVAILABLE,
          "TEMPORARILY_UNAVAILABLE",
          "The service did not answer in time; try again shortly");
    }
    if (storageUnavailable(e)) {
      log.warn("Cassandra did not answer a request's query: {}", e.toString());
      return error(
          StatusCodes.SERVICE_UNAVAILABLE,
          "STORAGE_UNAVAILABLE",
          "The service's storage did not answer in time; try again shortly");
    }
    if (e instanceof EntityStreamSizeException) {
      return error(
          StatusCodes.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", "The request body is too large");
    }
    log.error("Unexpected failure while handling a request", e);
    return error(StatusCodes.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal server error");
  }

  /** Cassandra timing out or unreachable is a passing outage, not a bug: 503, not 500. */
  private static boolean storageUnavailable(Throwable e) {
    return e instanceof DriverTimeoutException
        || e instanceof ReadTimeoutException
        || e instanceof WriteTimeoutException
        || e instanceof UnavailableException
        || e instanceof AllNodesFailedException;
  }

  public static final RejectionHandler REJECTIONS =
      RejectionHandler.newBuilder()
          .handle(
              CorsRejection.class,
              r ->
                  error(
                      StatusCodes.FORBIDDEN,
                      "CORS_REJECTED",
                      "Cross-origin request rejected: " + r.cause().description()))
          .handle(
              MalformedRequestContentRejection.class,
              r ->
                  r.getCause() instanceof EntityStreamSizeException
                      ? error(
                          StatusCodes.PAYLOAD_TOO_LARGE,
                          "BODY_TOO_LARGE",
                          "The request body is too large")
                      : error(
                          StatusCodes.BAD_REQUEST,
                          "MALFORMED_BODY",
                          "The request body could not be read"))
          .handle(
              UnsupportedRequestContentTypeRejection.class,
              r ->
                  error(
                      StatusCodes.UNSUPPORTED_MEDIA_TYPE,
                      "UNSUPPORTED_MEDIA_TYPE",
                      "The request body must be JSON"))
          .handleAll(
              MethodRejection.class,
              rs ->
                  error(
                      StatusCodes.METHOD_NOT_ALLOWED,
                      "METHOD_NOT_ALLOWED",
                      "Method not allowed here; allowed: "
                          + rs.stream()
                              .map(MethodRejection::supported)
                              .map(HttpMethod::name)
                              .distinct()
                              .collect(Collectors.joining(", "))))
          .handleNotFound(
              org.apache.pekko.http.javadsl.server.Directives.extractRequest(
                  req ->
                      error(
                          StatusCodes.NOT_FOUND,
                          "NOT_FOUND",
                          "Cannot " + req.method().name() + " " + req.getUri().path())))
          .build()
          .withFallback(RejectionHandler.defaultHandler())
          .mapRejectionResponse(
              response ->
                  response.entity().getContentType().mediaType().isText()
                      ? response.withEntity(
                          org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON,
                          toJson(response.status()))
                      : response);

  /** What a request that outlives the server's request timeout gets: JSON like every error. */
  static org.apache.pekko.http.javadsl.model.HttpResponse timeoutResponse() {
    try {
      return org.apache.pekko.http.javadsl.model.HttpResponse.create()
          .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
          .withEntity(
              org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON,
              Json.MAPPER.writeValueAsString(
                  ErrorBody.of(
                      StatusCodes.SERVICE_UNAVAILABLE,
                      "TEMPORARILY_UNAVAILABLE",
                      List.of("The service did not answer in time; try again shortly"))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String toJson(StatusCode status) {
    try {
      return Json.MAPPER.writeValueAsString(
          ErrorBody.of(status, "REJECTED", List.of(status.reason())));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
