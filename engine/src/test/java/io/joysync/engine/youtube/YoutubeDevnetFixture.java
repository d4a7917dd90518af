package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts the YouTube devnet for a test class and drives its admin API. */
public final class YoutubeDevnetFixture implements AutoCloseable {

  private final YoutubeDevnet.Running running;
  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private YoutubeDevnetFixture(YoutubeDevnet.Running running, String baseUrl) {
    this.running = running;
    this.baseUrl = baseUrl;
  }

  public static YoutubeDevnetFixture start() {
    try {
      YoutubeDevnet.Running running =
          YoutubeDevnet.start(YoutubeDevnetSettings.defaults().withPort(0));
      return new YoutubeDevnetFixture(running, running.baseUrl());
    } catch (IOException e) {
      throw new IllegalStateException("the YouTube devnet did not start", e);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  public YoutubeEndpoints endpoints() {
    return YoutubeEndpoints.devnet(baseUrl);
  }

  /** Merges fault switches, e.g. {@code {"quotaExhausted":true}}. */
  public void faults(String json) {
    post("/admin/faults", json);
  }

  public void resetFaults() {
    post("/admin/faults/reset", "");
  }

  public void expireAccessTokens() {
    post("/admin/oauth/expire-access-tokens", "");
  }

  /** An authorization code as Google would redirect with after the account's consent. */
  public String authorizationCode(
      String account, String redirectUri, String scope, boolean offline) {
    String query =
        "account="
            + enc(account)
            + "&redirect_uri="
            + enc(redirectUri)
            + (scope == null ? "" : "&scope=" + enc(scope))
            + "&access_type="
            + (offline ? "offline" : "online");
    return field(post("/admin/oauth/codes?" + query, ""), "code");
  }

  /** Publishes a new upload of the given kind now and returns its video id. */
  public String publish(String channelId, String kind) {
    return field(
        post("/admin/channels/" + channelId + "/videos?kind=" + kind + "&title=Fresh", ""),
        "videoId");
  }

  public String proxies() {
    return get("/admin/proxies");
  }

  public void proxyMode(int index, String mode) {
    post("/admin/proxies/" + index + "?mode=" + mode, "");
  }

  public String get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
  }

  public String post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private String send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode())
          .as("devnet admin %s: %s", request.uri(), response.body())
          .isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as("field %s in %s", name, json).isTrue();
    return m.group(1);
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    running.close();
  }
}
