package io.joysync.joystream.orion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.joysync.joystream.orion.ScriptedGraphqlServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OrionClientTest {

  private static <T> T await(CompletableFuture<T> future) {
    return future.orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    Throwable t = catchThrowable(() -> future.orTimeout(20, TimeUnit.SECONDS).join());
    assertThat(t).isInstanceOf(CompletionException.class);
    return t.getCause();
  }

  private static OrionClient client(ScriptedGraphqlServer server, Duration timeout) {
    return new OrionClient(HttpClient.newHttpClient(), server.uri(), timeout);
  }

  private static ScriptedGraphqlServer serving(Function<String, String> dataByQuery)
      throws IOException {
    return new ScriptedGraphqlServer(
        request -> Reply.data(dataByQuery.apply(request.get("query").asText())));
  }

  @Test
  void channelWithOwnerAndNonce() throws IOException {
    try (var server =
        serving(
            q ->
                "{\"channelById\":{\"id\":\"5\",\"language\":\"en\",\"totalVideosCreated\":12,"
                    + "\"ownerMember\":{\"id\":\"9\",\"controllerAccount\":\"j4Rh1\"}}}")) {
      OrionChannel channel = await(client(server, Duration.ofSeconds(5)).channelById(5)).get();
      assertThat(channel)
          .isEqualTo(
              new OrionChannel(
                  5, 12, Optional.of("en"), Optional.of(new OrionChannel.OwnerMember(9, "j4Rh1"))));
      assertThat(server.requests().get(0).at("/variables/id").asText()).isEqualTo("5");
      assertThat(server.requests().get(0).get("query").asText()).contains("channelById(id: $id)");
      assertThat(server.contentTypes().get(0)).isEqualTo("application/json");
    }
  }

  @Test
  void unknownChannelAndVideoAreEmpty() throws IOException {
    try (var server =
        serving(
            q -> q.contains("channelById") ? "{\"channelById\":null}" : "{\"videoById\":null}")) {
      OrionClient client = client(server, Duration.ofSeconds(5));
      assertThat(await(client.channelById(404))).isEmpty();
      assertThat(await(client.videoById(404))).isEmpty();
    }
  }

  @Test
  void videosByYoutubeIdAndExistence() throws IOException {
    String video =
        "{\"id\":\"77\",\"ytVideoId\":\"dQw4w9WgXcQ\",\"entryApp\":{\"id\":\"12\",\"name\":"
            + "\"ytsync\"},\"media\":{\"id\":\"300\",\"isAccepted\":true},"
            + "\"thumbnailPhoto\":{\"id\":\"301\",\"isAccepted\":false}}";
    try (var server =
        new ScriptedGraphqlServer(
            r ->
                Reply.data(
                    r.at("/variables/ytVideoId").asText().equals("dQw4w9WgXcQ")
                        ? "{\"videos\":[" + video + "]}"
                        : "{\"videos\":[]}"))) {
      OrionClient client = client(server, Duration.ofSeconds(5));
      List<OrionVideo> videos = await(client.videosByYtVideoId("dQw4w9WgXcQ", "ytsync"));
      assertThat(videos).hasSize(1);
      OrionVideo v = videos.get(0);
      assertThat(v.id()).isEqualTo(77);
      assertThat(v.entryApp()).contains(new OrionVideo.EntryApp("12", "ytsync"));
      assertThat(v.media()).contains(new OrionVideo.Asset(300, true));
      assertThat(v.assetsAccepted()).isFalse();
      assertThat(server.requests().get(0).at("/variables/appName").asText()).isEqualTo("ytsync");
      assertThat(await(client.videoExists("dQw4w9WgXcQ", "ytsync"))).isTrue();
      assertThat(await(client.videoExists("other", "ytsync"))).isFalse();
    }
  }

  @Test
  void videosOfManyYoutubeIdsInOneQuery() throws IOException {
    String video =
        "{\"id\":\"78\",\"ytVideoId\":\"b\",\"entryApp\":{\"id\":\"1\",\"name\":\"joysync\"},"
            + "\"media\":{\"id\":\"310\",\"isAccepted\":false},"
            + "\"thumbnailPhoto\":{\"id\":\"311\",\"isAccepted\":false}}";
    try (var server = serving(q -> "{\"videos\":[" + video + "]}")) {
      OrionClient client = client(server, Duration.ofSeconds(5));
      List<OrionVideo> videos = await(client.videosByYtVideoIds(List.of("a", "b"), "joysync"));
      assertThat(videos).extracting(OrionVideo::ytVideoId).containsExactly(Optional.of("b"));
      var request = server.requests().get(0);
      assertThat(request.get("query").asText()).contains("ytVideoId_in: $ids");
      assertThat(request.at("/variables/ids").toString()).isEqualTo("[\"a\",\"b\"]");
      assertThat(request.at("/variables/appName").asText()).isEqualTo("joysync");
      assertThat(await(client.videosByYtVideoIds(List.of(), "joysync"))).isEmpty();
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void membershipAppBucketsObjectsAndHeight() throws IOException {
    String authKey = "0xf77a826f3456bdf610e91cb57710f45b396fccea0a2b128d2239ae66fc66b40a";
    try (var server =
        serving(
            q -> {
              if (q.contains("memberships(")) {
                return "{\"memberships\":[{\"id\":\"10\",\"handle\":\"creator\","
                    + "\"controllerAccount\":\"j4X\",\"metadata\":null}]}";
              } else if (q.contains("membershipById")) {
                return "{\"membershipById\":{\"id\":\"9\",\"handle\":\"ytsync\","
                    + "\"controllerAccount\":\"j4W\",\"metadata\":{\"name\":\"Sync\","
                    + "\"about\":null}}}";
              } else if (q.contains("apps(")) {
                return "{\"apps\":[{\"id\":\"12\",\"name\":\"ytsync\",\"ownerMember\":{\"id\":\"9\"},"
                    + "\"authKey\":\""
                    + authKey
                    + "\",\"websiteUrl\":null}]}";
              } else if (q.contains("storageBuckets(")) {
                return "{\"storageBuckets\":[{\"id\":\"3\",\"dataObjectsSize\":\"1099511627776\","
                    + "\"dataObjectsSizeLimit\":\"2199023255552\",\"dataObjectsCount\":\"10\","
                    + "\"dataObjectCountLimit\":\"1000\","
                    + "\"operatorMetadata\":{\"nodeEndpoint\":\"https://storage.example/\"}}]}";
              } else if (q.contains("storageDataObjects(")) {
                return "{\"storageDataObjects\":[{\"id\":\"300\",\"isAccepted\":true,"
                    + "\"size\":\"5242880\",\"ipfsHash\":\"gW4rY\"}]}";
              } else {
                return "{\"squidStatus\":{\"height\":1000}}";
              }
            })) {
      OrionClient client = client(server, Duration.ofSeconds(5));
      assertThat(await(client.membershipById(9)))
          .contains(new OrionMember(9, "ytsync", "j4W", Optional.of("Sync"), Optional.empty()));
      OrionApp app = await(client.appByName("ytsync")).orElseThrow();
      assertThat(app.ownerMemberId()).contains(9L);
      assertThat(app.authKeyBytes().orElseThrow()).hasSize(32);
      assertThat(await(client.storageBucketsForBag("dynamic:channel:5")))
          .containsExactly(
              new OrionStorageBucket(
                  3, "https://storage.example/", 1099511627776L, 2199023255552L, 10, 1000));
      assertThat(server.requests().get(2).at("/variables/bagId").asText())
          .isEqualTo("dynamic:channel:5");
      assertThat(server.requests().get(2).get("query").asText())
          .contains("StorageBucketOperatorStatusActive", "nodeEndpoint_contains: \"http\"");
      assertThat(await(client.dataObjectsByIds(List.of(300L))))
          .containsExactly(new OrionDataObject(300, true, 5242880, "gW4rY"));
      assertThat(server.requests().get(3).at("/variables/ids/0").asText()).isEqualTo("300");
      assertThat(await(client.indexedHeight())).isEqualTo(1000);
      assertThat(await(client.lagBehind(1012))).isEqualTo(12);
      assertThat(await(client.membershipByHandle("creator")))
          .contains(new OrionMember(10, "creator", "j4X", Optional.empty(), Optional.empty()));
      assertThat(
              server.requests().get(server.requests().size() - 1).at("/variables/handle").asText())
          .isEqualTo("creator");
      assertThat(await(client.hasProcessed(1001))).isFalse();
    }
  }

  @Test
  void graphqlErrorsBecomeAQueryException() throws IOException {
    try (var server =
        new ScriptedGraphqlServer(
            r ->
                new Reply(
                    200,
                    "{\"errors\":[{\"message\":\"Cannot query field \\\"squidStatus\\\"\"},"
                        + "{\"message\":\"second\"}],\"data\":null}"))) {
      Throwable t = failureOf(client(server, Duration.ofSeconds(5)).indexedHeight());
      assertThat(t).isInstanceOf(OrionQueryException.class);
      OrionQueryException e = (OrionQueryException) t;
      assertThat(e.errors()).containsExactly("Cannot query field \"squidStatus\"", "second");
      assertThat(e.code()).isEqualTo("ORION_GRAPHQL_ERROR");
      assertThat(e.retryable()).isFalse();
    }
  }

  @Test
  void serverErrorsAreRetryable() throws IOException {
    try (var server = new ScriptedGraphqlServer(r -> new Reply(502, "<html>Bad Gateway</html>"))) {
      Throwable t = failureOf(client(server, Duration.ofSeconds(5)).channelById(1));
      assertThat(t).isInstanceOf(OrionUnavailableException.class);
      assertThat(((OrionUnavailableException) t).httpStatus()).isEqualTo(502);
      assertThat(((OrionException) t).retryable()).isTrue();
    }
  }

  @Test
  void malformedRepliesAreTypedErrors() throws IOException {
    List<Reply> replies =
        List.of(
            new Reply(200, "<html>not json</html>"),
            new Reply(200, "[1,2]"),
            new Reply(200, "{\"data\":null}"),
            new Reply(200, "{\"data\":{}}"),
            new Reply(200, "{\"data\":{\"channelById\":{\"id\":\"5\"}}}"),
            new Reply(200, "{\"data\":{\"channelById\":{\"id\":\"x\",\"totalVideosCreated\":1}}}"),
            new Reply(404, "Not found"),
            new Reply(200, ""));
    for (Reply reply : replies) {
      try (var server = new ScriptedGraphqlServer(r -> reply)) {
        Throwable t = failureOf(client(server, Duration.ofSeconds(5)).channelById(5));
        assertThat(t).as(reply.body()).isInstanceOf(OrionResponseException.class);
        assertThat(((OrionException) t).code()).isEqualTo("ORION_BAD_RESPONSE");
      }
    }
    try (var server =
        new ScriptedGraphqlServer(
            r -> new Reply(200, "{\"data\":{\"channelById\":{\"id\":\"5\"}}}"))) {
      assertThat(failureOf(client(server, Duration.ofSeconds(5)).channelById(5)))
          .hasMessageContaining("channel.totalVideosCreated should be an integer but is nothing");
    }
  }

  @Test
  void oversizeReplyIsRefused() throws IOException {
    String huge = "{\"data\":{\"x\":\"" + "a".repeat(17 * 1024 * 1024) + "\"}}";
    try (var server = new ScriptedGraphqlServer(r -> new Reply(200, huge))) {
      assertThat(failureOf(client(server, Duration.ofSeconds(10)).indexedHeight()))
          .isInstanceOf(OrionResponseException.class)
          .hasMessageContaining("larger than");
    }
  }

  @Test
  void slowOrionTimesOutAsRetryable() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (var server =
        new ScriptedGraphqlServer(
            r -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Reply.data("{\"squidStatus\":{\"height\":1}}");
            })) {
      Throwable t = failureOf(client(server, Duration.ofMillis(300)).indexedHeight());
      assertThat(t).isInstanceOf(OrionUnavailableException.class).hasMessageContaining("timed out");
    } finally {
      release.countDown();
    }
  }

  @Test
  void refusedConnectionIsRetryable() throws IOException {
    URI closed;
    try (var server = new ScriptedGraphqlServer(r -> Reply.data("{}"))) {
      closed = server.uri();
    }
    OrionClient client = new OrionClient(HttpClient.newHttpClient(), closed, Duration.ofSeconds(5));
    Throwable t = failureOf(client.indexedHeight());
    assertThat(t).isInstanceOf(OrionUnavailableException.class);
    assertThat(((OrionUnavailableException) t).httpStatus()).isZero();
  }
}
