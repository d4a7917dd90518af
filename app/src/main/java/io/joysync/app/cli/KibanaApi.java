package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Kibana's HTTP API as {@code apply} uses it: basic authentication and the {@code kbn-xsrf} header
 * on every request, JSON in and out. Refusals stop the run with a code: {@code KIBANA_UNREACHABLE}
 * (exit 1), {@code KIBANA_UNAUTHORIZED} for a 401 and {@code KIBANA_REFUSED} with Kibana's own
 * message for any other error (exit 30). The password is never in a message.
 */
final class KibanaApi {

  /** What Kibana answered; {@code body} is null when it was not JSON. */
  record Answer(int status, JsonNode body) {
    boolean found() {
      return status != 404;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;
  private final String username;
  private final String authorization;

  KibanaApi(URI base, String username, String password) {
    this.base = base;
    this.username = username;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  URI base() {
    return base;
  }

  /** A GET whose 404 is an answer (the object is absent), not a refusal. */
  Answer find(String path) throws ChannelsCommand.Stop {
    return send("GET", path, HttpRequest.newBuilder(base.resolve(path)).GET(), true);
  }

  Answer get(String path) throws ChannelsCommand.Stop {
    return send("GET", path, HttpRequest.newBuilder(base.resolve(path)).GET(), false);
  }

  Answer post(String path, JsonNode body) throws ChannelsCommand.Stop {
    return send("POST", path, json(path).POST(publisher(body)), false);
  }

  Answer put(String path, JsonNode body) throws ChannelsCommand.Stop {
    return send("PUT", path, json(path).PUT(publisher(body)), false);
  }

  /** A {@code multipart/form-data} POST of one file field named {@code file}. */
  Answer postFile(String path, String fileName, String content) throws ChannelsCommand.Stop {
    String boundary = "joysync-" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/ndjson\r\n\r\n"
            + content
            + "\r\n--"
            + boundary
            + "--\r\n";
    return send(
        "POST",
        path,
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
        false);
  }

  private HttpRequest.Builder json(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher publisher(JsonNode body) {
    return HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
  }

  private Answer send(String method, String path, HttpRequest.Builder request, boolean absentOk)
      throws ChannelsCommand.Stop {
    HttpRequest built =
        request
            .timeout(Duration.ofMinutes(1))
            .header("Authorization", authorization)
            .header("kbn-xsrf", "true")
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.ERROR,
          "KIBANA_UNREACHABLE could not reach Kibana at " + base + " (KIBANA_URL): " + why(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelsCommand.Stop(ChannelsCommand.ERROR, "Interrupted");
    }
    JsonNode json = null;
    try {
      json = KibanaFiles.JSON.readTree(response.body());
    } catch (IOException notJson) {
      // json stays null: the refusal then shows the status alone
    }
    int status = response.statusCode();
    if (status == 401) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.HTTP_API_ERROR,
          "KIBANA_UNAUTHORIZED Kibana at "
              + base
              + " refused the credentials of user '"
              + username
              + "' (ELASTIC_USERNAME, ELASTIC_PASSWORD): HTTP 401"
              + message(json));
    }
    if (status >= 200 && status < 300 || absentOk && status == 404) {
      return new Answer(status, json);
    }
    throw new ChannelsCommand.Stop(
        ChannelsCommand.HTTP_API_ERROR,
        "KIBANA_REFUSED " + method + " " + path + ": HTTP " + status + message(json));
  }

  private static String why(IOException e) {
    if (e instanceof java.net.http.HttpConnectTimeoutException) {
      return "no connection within 10 s";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String message(JsonNode json) {
    if (json == null) {
      return "";
    }
    String error = json.path("error").asText("");
    String text = json.path("message").asText("");
    return (error.isEmpty() ? "" : " " + error) + (text.isEmpty() ? "" : ": " + text);
  }
}
