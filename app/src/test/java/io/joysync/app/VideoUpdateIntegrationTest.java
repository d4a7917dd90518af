package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainEvent;
import io.joysync.devnet.chain.EventLog;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.content.proto.ContentMetadata;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A creator edits the title and description of a video joysync already put on Joystream: the
 * running node notices the edit (WebSub), signs one metadata-only {@code content.update_video} as
 * its collaborator member, and the video on the devnet chain and in Orion ends with the new title,
 * as does the user's video list; the hub repeating the notification changes nothing more.
 */
@Needs(Service.CASSANDRA)
class VideoUpdateIntegrationTest {

  private static final String ALICE = DevnetSeed.channelId("alice");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path downloads;
  private static NodeWithDevnets net;
  private static String userId;

  @BeforeAll
  static void start() throws Exception {
    net = NodeWithDevnets.syncingAndDiscovering("updates", downloads);
    userId = net.signUp(DevnetSeed.ALICE, 1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void anEditedTitleReachesTheJoystreamVideoWithOneUpdateAndARepeatedNoticeChangesNothing()
      throws Exception {
    String videoId = net.upload(ALICE, "PUBLIC", "Before the edit");
    JsonNode synced =
        await("the new upload is synced")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> listed(videoId), v -> v.isPresent() && uploaded(v.get()))
            .orElseThrow();
    long joystreamId = synced.get("joystreamVideo").get("id").asLong();
    assertThat(orionVideo(joystreamId).get("title").asText()).isEqualTo("Before the edit");
    assertThat(updatesOnChain(joystreamId)).isEmpty();

    ApiClient.Reply edit =
        net.youtubeAdmin(
            "POST",
            "/channels/"
                + ALICE
                + "/videos/"
                + videoId
                + "?title="
                + URLEncoder.encode("After the edit", StandardCharsets.UTF_8)
                + "&description="
                + URLEncoder.encode("Now with a recipe", StandardCharsets.UTF_8));
    assertThat(edit.status()).as(edit.body()).isEqualTo(200);

    await("Orion shows the new title and description")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> orionVideo(joystreamId).get("title").asText().equals("After the edit"));
    assertThat(orionVideo(joystreamId).get("description").asText()).isEqualTo("Now with a recipe");
    List<ContentMetadata> updates = updatesOnChain(joystreamId);
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).getVideoMetadata().getTitle()).isEqualTo("After the edit");
    assertThat(updates.get(0).getVideoMetadata().hasVideo())
        .as("a metadata-only update names no asset")
        .isFalse();
    await("the user's video list shows the new title")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                listed(videoId)
                    .map(v -> v.get("title").asText().equals("After the edit"))
                    .orElse(false));
    assertThat(listed(videoId).orElseThrow().get("state").asText()).isEqualTo("UploadSucceeded");
    assertThat(video(videoId).metadataUpdateDue()).isFalse();

    int delivered = deliveries(videoId);
    ApiClient.Reply again =
        net.youtubeAdmin("POST", "/channels/" + ALICE + "/videos/" + videoId + "/notify?times=5");
    assertThat(again.status()).isEqualTo(200);
    await("the repeated notices reached the node")
        .atMost(Duration.ofSeconds(20))
        .until(() -> deliveries(videoId) >= delivered + 5);
    int revision = video(videoId).metadataRevision();
    await("nothing more is recorded or signed")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                updatesOnChain(joystreamId).size() == 1
                    && video(videoId).metadataRevision() == revision
                    && !video(videoId).metadataUpdateDue());
    assertThat(orionVideo(joystreamId).get("title").asText()).isEqualTo("After the edit");
  }

  private static boolean uploaded(JsonNode v) {
    return v.get("state").asText().equals("UploadSucceeded") && v.has("joystreamVideo");
  }

  private static Optional<JsonNode> listed(String videoId) {
    return UserVideos.of(net.api, userId).stream()
        .filter(v -> v.get("id").asText().equals(videoId))
        .findFirst();
  }

  private static TrackedVideo video(String videoId) {
    return ClusterSharding.get(net.node.node().system())
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<Optional<TrackedVideo>>ask(VideoEntity.Get::new, Duration.ofSeconds(20))
        .toCompletableFuture()
        .join()
        .orElseThrow();
  }

  /** The WebSub deliveries of the video the node acknowledged. */
  private static int deliveries(String videoId) {
    int delivered = 0;
    for (JsonNode d : net.youtubeAdmin("GET", "/websub/deliveries").json()) {
      if (d.get("videoId").asText().equals(videoId) && d.get("status").asInt() == 204) {
        delivered++;
      }
    }
    return delivered;
  }

  /** The new metadata of every VideoUpdated event of the video in the devnet chain's blocks. */
  private static List<ContentMetadata> updatesOnChain(long joystreamVideoId) throws Exception {
    List<ContentMetadata> found = new ArrayList<>();
    long best = net.joystream.chain().best().number();
    for (long n = 1; n <= best; n++) {
      Optional<Block> block = net.joystream.chain().block(n);
      if (block.isEmpty()) {
        continue;
      }
      for (EventLog.Record r : block.get().events()) {
        if (r.domain().orElse(null) instanceof ChainEvent.VideoUpdated u
            && u.videoId() == joystreamVideoId) {
          found.add(ContentMetadata.parseFrom(u.newMeta().orElseThrow()));
        }
      }
    }
    return found;
  }

  /** The video as Orion serves it over GraphQL. */
  private static JsonNode orionVideo(long joystreamVideoId) throws Exception {
    String query =
        "{ videos(where:{id_eq:\\\"" + joystreamVideoId + "\\\"}) { id title description } }";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(net.devnets.joystream.orionUrl()))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode videos = JSON.readTree(r.body()).get("data").get("videos");
    assertThat(videos).as(r.body()).hasSize(1);
    return videos.get(0);
  }
}
