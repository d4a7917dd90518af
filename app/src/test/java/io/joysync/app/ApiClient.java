package io.joysync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** A small HTTP client for tests, speaking to a node the way Atlas and operators do. */
public final class ApiClient {

  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  public ApiClient(String base) {
    this.base = base;
  }

  /** Where the node's API listens, e.g. {@code http://127.0.0.1:3001}. */
  public String baseUrl() {
    return base;
  }

  public record Reply(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON: " + body, e);
      }
    }
  }

  public Reply send(String method, String path, String body, String operatorKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (operatorKey != null) {
      b.header("Authorization", "Bearer " + operatorKey);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** GETs {@code path} until the reply satisfies {@code done}, failing after {@code limit}. */
  Reply await(String path, Predicate<Reply> done, Duration limit) {
    return awaitReply(base + path, () -> send("GET", path, null, null), done, limit);
  }

  /**
   * Sends {@code request} until its reply satisfies {@code done} (a node not listening yet counts
   * as no reply), failing after {@code limit} with the last reply.
   */
  static Reply awaitReply(
      String what, Supplier<Reply> request, Predicate<Reply> done, Duration limit) {
    AtomicReference<Reply> last = new AtomicReference<>();
    try {
      return Awaitility.await(what)
          .atMost(limit)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                try {
                  last.set(request.get());
                } catch (AssertionError notListeningYet) {
                  last.set(null);
                }
                return last.get();
              },
              reply -> reply != null && done.test(reply));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          what + " not as expected within " + limit + "; last: " + last.get(), e);
    }
  }
}
