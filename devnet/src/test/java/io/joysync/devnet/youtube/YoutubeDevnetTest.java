package io.joysync.devnet.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The devnet's own contract, over plain HTTP: shapes, paging, error bodies, quota, faults, media.
 */
class YoutubeDevnetTest {

  static YoutubeDevnet.Running devnet;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ALICE = DevnetSeed.channelId("alice");

  @BeforeAll
  static void start() throws Exception {
    devnet = YoutubeDevnet.start(YoutubeDevnetSettings.defaults().withPort(0));
  }

  @AfterAll
  static void stop() {
    if (devnet != null) {
      devnet.close();
    }
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(devnet.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(devnet.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void playlistPagesCarryTokensAndGoogleShapedErrors() throws Exception {
    String base =
        "/youtube/v3/playlistItems?part=contentDetails&maxResults=50&key=devnet-api-key&playlistId=UU"
            + ALICE.substring(2);
    HttpResponse<String> first = get(base);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body())
        .contains(
            "\"kind\":\"youtube#playlistItemListResponse\"",
            "\"nextPageToken\"",
            "\"videoPublishedAt\"");
    String token = first.body().replaceAll(".*\"nextPageToken\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> second = get(base + "&pageToken=" + token);
    assertThat(second.body()).doesNotContain("nextPageToken").contains("prevPageToken");

    HttpResponse<String> badToken = get(base + "&pageToken=garbage");
    assertThat(badToken.statusCode()).isEqualTo(400);
    assertThat(badToken.body()).contains("\"reason\":\"invalidPageToken\"");
    assertThat(get("/youtube/v3/videos?part=id&id=x").statusCode()).isEqualTo(403);
    assertThat(get("/youtube/v3/videos?part=id&id=x&key=wrong").body()).contains("keyInvalid");
    assertThat(get("/youtube/v3/playlistItems?part=id&playlistId=UUnope&key=devnet-api-key").body())
        .contains("playlistNotFound");
  }

  @Test
  void faultsAreSwitchedByTheAdminApiAndBadSwitchesAreRefused() throws Exception {
    assertThat(post("/admin/faults", "{\"serverErrors\":true}").statusCode()).isEqualTo(200);
    HttpResponse<String> failing =
        get("/youtube/v3/channels?part=id&id=" + ALICE + "&key=devnet-api-key");
    assertThat(failing.statusCode()).isEqualTo(503);
    assertThat(failing.body()).contains("backendError");
    assertThat(post("/admin/faults", "{\"noSuchFault\":true}").statusCode()).isEqualTo(400);
    assertThat(post("/admin/faults", "[1,2]").statusCode()).isEqualTo(400);
    assertThat(post("/admin/faults/reset", "").body()).contains("\"serverErrors\":false");
    assertThat(devnet.faults().get()).isEqualTo(YoutubeFaults.NONE);
  }

  /** Publishes a video of the kind on alice's channel now; returns its id. */
  static String publish(String kind) throws Exception {
    return post("/admin/channels/" + ALICE + "/videos?kind=" + kind, "")
        .body()
        .replaceAll(".*\"videoId\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void mediaDownloadsShareTheShapedLink() throws Exception {
    String id = publish("PUBLIC");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(devnet.baseUrl() + "/media/" + id + ".mp4")).build();
    int size = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    long rate = 8_000;
    assertThat(post("/admin/faults", "{\"mediaLinkBytesPerSecond\":" + rate + "}").statusCode())
        .isEqualTo(200);
    try {
      long t0 = System.nanoTime();
      var first = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
      byte[] second = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
      assertThat(first.get().body()).hasSize(size);
      assertThat(second).hasSize(size);
      // Both clips through one link: the last chunk (8 KiB) of each cannot go before the rest.
      long floorMillis = (2L * size - 2 * 8192) * 1000 / rate;
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .as("two downloads of %d bytes at %d bytes a second together", size, rate)
          .isGreaterThanOrEqualTo(Duration.ofMillis(floorMillis));
      assertThat(floorMillis).as("the clip is large enough to show it").isGreaterThan(1000);
    } finally {
      post("/admin/faults/reset", "");
    }
    assertThat(post("/admin/faults", "{\"mediaLinkBytesPerSecond\":-5}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void mediaFailuresCarryYoutubesWordingAndClipsAreServed() throws Exception {
    String privateId = publish("PRIVATE");
    HttpResponse<String> media = get("/media/" + privateId + ".mp4");
    assertThat(media.statusCode()).isEqualTo(403);
    String publicId = publish("PUBLIC");
    HttpResponse<byte[]> clip =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(devnet.baseUrl() + "/media/" + publicId + ".mp4"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(clip.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(new String(clip.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("ftyp");
    assertThat(post("/admin/channels/" + ALICE + "/videos?kind=NOPE", "").statusCode())
        .isEqualTo(400);
  }

  @Test
  void theTokensIssuedToAnAccountAreListedForTests() throws Exception {
    String redirect = "http://127.0.0.1/cb";
    String code =
        post("/admin/oauth/codes?account=" + DevnetSeed.BOB + "&redirect_uri=" + redirect, "")
            .body()
            .replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> exchanged =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(devnet.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=authorization_code&client_id="
                            + YoutubeDevnetSettings.defaults().clientId()
                            + "&client_secret="
                            + YoutubeDevnetSettings.defaults().clientSecret()
                            + "&redirect_uri="
                            + redirect
                            + "&code="
                            + code))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
    String access = exchanged.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    String refresh = exchanged.body().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");

    HttpResponse<String> bobs = get("/admin/oauth/tokens?account=" + DevnetSeed.BOB);
    HttpResponse<String> alices = get("/admin/oauth/tokens?account=" + DevnetSeed.ALICE);

    assertThat(bobs.statusCode()).isEqualTo(200);
    assertThat(bobs.body()).contains("\"" + access + "\"", "\"" + refresh + "\"");
    assertThat(alices.body()).doesNotContain(access).doesNotContain(refresh);
    assertThat(get("/admin/oauth/tokens?account=nobody").statusCode()).isEqualTo(404);
  }

  @Test
  void theDailyQuotaRunsOutWithQuotaExceeded() throws Exception {
    try (YoutubeDevnet.Running small =
        YoutubeDevnet.start(YoutubeDevnetSettings.defaults().withPort(0).withDailyQuota(3))) {
      String url =
          small.baseUrl() + "/youtube/v3/channels?part=id&id=" + ALICE + "&key=devnet-api-key";
      for (int i = 0; i < 3; i++) {
        assertThat(
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode())
            .isEqualTo(200);
      }
      HttpResponse<String> exhausted =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(exhausted.statusCode()).isEqualTo(403);
      assertThat(exhausted.body())
          .contains("\"reason\":\"quotaExceeded\"", "\"domain\":\"youtube.quota\"");
    }
  }
}
