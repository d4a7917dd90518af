package io.joysync.joystream.orion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One GraphQL-over-HTTP endpoint: posts {@code {query, variables}} and hands back the {@code data}
 * object, or fails with exactly one kind of {@link OrionException}. Replies are read into memory
 * only up to a limit; every request has a timeout.
 */
final class GraphqlEndpoint {
  private final HttpClient http;
  private final URI uri;
  private final Duration timeout;
  private final int maxReplyBytes;
  private final ObjectMapper json;

  GraphqlEndpoint(
      HttpClient http, URI uri, Duration timeout, int maxReplyBytes, ObjectMapper json) {
    this.http = http;
    this.uri = uri;
    this.timeout = timeout;
    this.maxReplyBytes = maxReplyBytes;
    this.json = json;
  }

  URI uri() {
    return uri;
  }

  CompletableFuture<JsonNode> query(String operation, String document, Map<String, ?> variables) {
    byte[] body;
    try {
      ObjectNode request = json.createObjectNode().put("query", document);
      request.set("variables", json.valueToTree(variables));
      body = json.writeValueAsBytes(request);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new OrionResponseException("cannot encode variables of " + operation, e));
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(request, BoundedBody.handler(maxReplyBytes))
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw transportFailure(operation, unwrap(failure));
              }
              return data(operation, response);
            });
  }

  private OrionException transportFailure(String operation, Throwable failure) {
    if (failure instanceof OrionException e) {
      return e;
    }
    String what =
        failure instanceof HttpTimeoutException
            ? "timed out after " + timeout.toMillis() + " ms"
            : failure instanceof ConnectException
                ? "connection refused"
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (failure instanceof IOException) {
      return new OrionUnavailableException(
          "Orion at " + uri + " is unreachable for " + operation + " (" + what + ")", 0, failure);
    }
    return new OrionResponseException(
        "Orion request " + operation + " failed (" + what + ")", failure);
  }

  private JsonNode data(String operation, HttpResponse<BoundedBody.Result> response) {
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      throw new OrionUnavailableException(
          "Orion at " + uri + " answered HTTP " + status + " to " + operation, status, null);
    }
    if (!(response.body() instanceof BoundedBody.Complete complete)) {
      throw new OrionResponseException(
          "Orion reply to " + operation + " is larger than " + maxReplyBytes + " bytes");
    }
    JsonNode root;
    try {
      root = json.readTree(complete.bytes());
    } catch (IOException e) {
      throw new OrionResponseException(
          "Orion reply to " + operation + " (HTTP " + status + ") is not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new OrionResponseException(
          "Orion reply to " + operation + " (HTTP " + status + ") is not a JSON object");
    }
    JsonNode errors = root.get("errors");
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      List<String> messages = new ArrayList<>();
      errors.forEach(e -> messages.add(e.path("message").asText(e.toString())));
      throw new OrionQueryException(operation, messages);
    }
    if (status != 200) {
      throw new OrionResponseException(
          "Orion answered HTTP " + status + " to " + operation + " without GraphQL errors");
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw new OrionResponseException("Orion reply to " + operation + " has no data object");
    }
    return data;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
