package io.joysync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The YouTube devnet forked into its own JVM ({@link YoutubeDevnetProcess}), and the admin calls
 * the benchmark makes: uploads, the quota counter, the hub's counts. Closing it closes the child's
 * standard input, which stops it.
 */
final class ForkedYoutubeDevnet implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ForkedYoutubeDevnet(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  static ForkedYoutubeDevnet start(int channels, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                YoutubeDevnetProcess.class.getName(),
                Integer.toString(channels))
            .redirectError(log.toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("READY ")) {
        return new ForkedYoutubeDevnet(p, line.substring(6).trim());
      }
    }
    p.destroyForcibly();
    throw new IOException("the devnet did not start; see " + log);
  }

  String baseUrl() {
    return baseUrl;
  }

  /** A creator uploads a public video; completes with its id. */
  CompletableFuture<String> upload(String channelId, String title) {
    return send("POST", "/admin/channels/" + channelId + "/videos?kind=PUBLIC&title=" + title)
        .thenApply(r -> read(r).get("videoId").asText());
  }

  long quotaUsed() {
    return read(send("GET", "/admin/quota").join()).get("usedToday").asLong();
  }

  long hubVerifications() {
    return read(send("GET", "/admin/websub/stats").join()).get("verifications").asLong();
  }

  long hubSubscriptions() {
    return read(send("GET", "/admin/websub/stats").join()).get("subscriptions").asLong();
  }

  /** GET on the devnet's Data API, with its key. */
  CompletableFuture<HttpResponse<String>> dataApi(String pathAndQuery) {
    return send("GET", "/youtube/v3/" + pathAndQuery + "&key=devnet-api-key");
  }

  private CompletableFuture<HttpResponse<String>> send(String method, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode read(HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
