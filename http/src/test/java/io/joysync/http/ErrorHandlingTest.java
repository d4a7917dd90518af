package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failures reach callers as the error shape: a storage outage is a 503, a bug a bare 500. */
class ErrorHandlingTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ActorSystem<Void> system;
  private static ServerBinding binding;

  @BeforeAll
  static void start() throws Exception {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "error-handling",
            ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.defaultReference()));
    Route route =
        handleExceptions(
            ErrorHandling.EXCEPTIONS,
            () ->
                concat(
                    path("storage", () -> failing(new DriverTimeoutException("Query timed out"))),
                    path("bug", () -> failing(new IllegalStateException("secret detail")))));
    binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(route)
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  private static Route failing(RuntimeException e) {
    return onSuccess(CompletableFuture.<String>failedFuture(e), v -> complete(v));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.terminate();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStorageTimeoutIsA503TheCallerMayRetry() throws Exception {
    HttpResponse<String> r = get("/storage");

    assertThat(r.statusCode()).isEqualTo(503);
    JsonNode body = Json.parse(r.body());
    assertThat(body.get("code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
    assertThat(body.get("statusCode").asInt()).isEqualTo(503);
  }

  @Test
  void anUnexpectedFailureIsA500ThatTellsNothingOfItsCause() throws Exception {
    HttpResponse<String> r = get("/bug");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("secret").doesNotContain("Exception");
    assertThat(Json.parse(r.body()).get("code").asText()).isEqualTo("INTERNAL_ERROR");
  }
}
