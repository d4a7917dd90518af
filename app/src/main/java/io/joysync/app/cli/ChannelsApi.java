package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's HTTP API as the {@code channels} commands use it: JSON in and out with the operator
 * key as a bearer token. The key is never part of any message this class produces.
 */
final class ChannelsApi {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int ATTEMPTS = 3;
  static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  /** What the API answered; {@code body} is null when the answer was not JSON. */
  record Answer(int status, JsonNode body, String raw) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The API's error in one line: status, code and sentence(s). */
    String problem() {
      if (body == null || !body.isObject()) {
        return "HTTP " + status + (raw.isBlank() ? "" : ": " + abbreviated(raw));
      }
      JsonNode message = body.path("message");
      String text =
          message.isArray()
              ? String.join("; ", JSON.convertValue(message, String[].class))
              : message.asText("");
      String code = body.path("code").asText("");
      return "HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": " + text;
    }

    private static String abbreviated(String s) {
      return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;
  private final String operatorKey;
  private final String name;

  /** {@code name} says what {@code base} is in the sentence of a failed connection. */
  ChannelsApi(URI base, String operatorKey, String name) {
    this.base = base;
    this.operatorKey = operatorKey;
    this.name = name;
  }

  Answer post(String path, JsonNode body) throws ChannelsCommand.Stop {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  Answer put(String path, JsonNode body) throws ChannelsCommand.Stop {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** A PUT of an HTML form's fields ({@code application/x-www-form-urlencoded}). */
  Answer putForm(String path, String form) throws ChannelsCommand.Stop {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString(form)));
  }

  Answer get(String pathAndQuery) throws ChannelsCommand.Stop {
    return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
  }

  /**
   * Sends the request, again after a pause when the API answers 503 ("try again shortly"), at most
   * {@link #ATTEMPTS} times; every call the commands make may be repeated safely.
   */
  private Answer send(HttpRequest.Builder request) throws ChannelsCommand.Stop {
    HttpRequest built =
        request
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + operatorKey)
            .build();
    Answer answer = sendOnce(built);
    for (int attempt = 2; attempt <= ATTEMPTS && answer.status() == 503; attempt++) {
      LockSupport.parkNanos(RETRY_PAUSE.multipliedBy(attempt - 1).toNanos());
      answer = sendOnce(built);
    }
    return answer;
  }

  private Answer sendOnce(HttpRequest built) throws ChannelsCommand.Stop {
    HttpResponse<String> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.ERROR,
          "Could not reach "
              + name
              + " at "
              + base
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelsCommand.Stop(ChannelsCommand.ERROR, "Interrupted");
    }
    JsonNode json = null;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException notJson) {
      // json stays null: problem() then shows the raw text
    }
    return new Answer(response.statusCode(), json, response.body());
  }
}
