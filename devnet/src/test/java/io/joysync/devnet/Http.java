package io.joysync.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Small HTTP helpers for tests: JSON posts, GraphQL, multipart uploads, polling with deadline. */
public final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  private Http() {}

  /** A status and a parsed JSON body (null if not JSON). */
  public record Reply(int status, JsonNode body) {}

  static Reply send(HttpRequest req) throws Exception {
    HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (Exception e) {
      body = null;
    }
    return new Reply(r.statusCode(), body);
  }

  public static Reply post(String url, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public static Reply put(String url, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public static Reply get(String url) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  public static JsonNode graphql(String url, String query) throws Exception {
    Reply r = post(url, JSON.createObjectNode().put("query", query).toString());
    if (r.status() != 200 || r.body().has("errors")) {
      throw new AssertionError("GraphQL failed: " + r.status() + " " + r.body());
    }
    return r.body().path("data");
  }

  public static Reply upload(String api, long objectId, long bucketId, String bagId, byte[] file)
      throws Exception {
    String boundary = "devnet-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"video.mp4\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.write(file);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    String url =
        api
            + "/files?dataObjectId="
            + objectId
            + "&storageBucketId="
            + bucketId
            + "&bagId="
            + bagId;
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  /** Asks until the supplier's value satisfies the predicate, or fails after the deadline. */
  public static <T> T await(Duration within, ThrowingSupplier<T> s, Predicate<T> ok) {
    return Awaitility.await()
        .atMost(within)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50))
        .until(s::get, ok);
  }

  /** A supplier that may throw. */
  @FunctionalInterface
  public interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
