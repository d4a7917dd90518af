package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.VideoKind;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionDataObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operators' queue clean-up on a real node, Cassandra and both devnets: a channel's videos wait
 * (the pipeline paused) while its creator makes one private, deletes one and turns one into a live
 * stream, and one is longer than the node takes. The dry run reports each with the final state it
 * would get and costs one {@code videos.list} unit; the apply (through the command line, with a
 * backup) settles exactly those four through their entities; a second run changes nothing. Then,
 * with the storage node refusing uploads, two videos are created on Joystream without their media;
 * the creator makes one private, and the clean-up settles it (its media is never uploaded, so it
 * stays out of Atlas) while the other, once storage is back, syncs as any video.
 */
@Needs(Service.CASSANDRA)
class QueueCleanupIntegrationTest {

  private static final String CLEO = DevnetSeed.channelId("cleanup-cleo");
  private static final String STAYS = "cleo-stays0";
  private static final String PRIVATE = "cleo-privat";
  private static final String DELETED = "cleo-delete";
  private static final String LIVE = "cleo-live00";
  private static final String TOO_LONG = "cleo-toolon";
  private static final String REGION = "cleo-region";
  private static final String CREATED = "cleo-create";
  private static final Duration LAG = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static NodeWithDevnets net;

  @BeforeAll
  static void start() throws Exception {
    List<DevnetSeed.CreatorSeed> creators = new ArrayList<>(DevnetSeed.standard().creators());
    creators.add(
        new DevnetSeed.CreatorSeed(
            "110000000000000000031",
            "cleo@example.com",
            new DevnetSeed.ChannelSeed(
                CLEO,
                "Cleo Cleans",
                "@cleocleans",
                300,
                200,
                List.of(
                    video(STAYS, 10, 90, VideoKind.PUBLIC),
                    video(PRIVATE, 11, 95, VideoKind.PUBLIC),
                    video(DELETED, 12, 100, VideoKind.PUBLIC),
                    video(LIVE, 13, 105, VideoKind.PUBLIC),
                    video(TOO_LONG, 14, 5_000, VideoKind.PUBLIC),
                    video(REGION, 15, 110, VideoKind.GEO_BLOCKED),
                    video(CREATED, 16, 85, VideoKind.PUBLIC))),
            false));
    Path downloads = Files.createDirectories(dir.resolve("downloads"));
    Map<String, Object> settings = new HashMap<>(Devnets.syncSettings(downloads));
    settings.put("joysync.publishing.single-account.key-uri", "//Joysync//1");
    settings.put("joysync.publishing.app.auth-key-seed", "joysync-devnet-app");
    settings.put("joysync.youtube.download.max-duration", "1h");
    settings.put("joysync.discovery.enabled", "false");
    settings.put("joysync.pipeline.upload-rounds", "1");
    settings.put("joysync.pipeline.upload-round-pause", "500ms");
    settings.put("joysync.pipeline.retry-min", "5s");
    net =
        NodeWithDevnets.start(
            "cleanup",
            YoutubeDevnetSettings.defaults().withSeed(new DevnetSeed(creators)),
            DevnetSettings.forTests(),
            settings);
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  private static DevnetSeed.VideoSeed video(String id, int ageHours, int seconds, VideoKind kind) {
    return new DevnetSeed.VideoSeed(id, "Cleo " + id, ageHours, seconds, kind);
  }

  @Test
  void removableWaitingVideosAreSettledOnceAndThePipelineNeverTakesThemUp() throws Exception {
    ApiClient.Reply paused =
        net.api.send("PUT", "/sync/pause", "{\"reason\":\"queue clean-up test\"}", OPERATOR_KEY);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    ApiClient.Reply added =
        ApiClient.awaitReply(
            "the channel is added",
            () ->
                net.api.send(
                    "POST",
                    "/channels/unauthorized",
                    "{\"ytChannelId\":\""
                        + CLEO
                        + "\",\"joystreamChannelId\":2,\"videosLimit\":10}",
                    OPERATOR_KEY),
            r -> r.status() != 503,
            LAG);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().get("videosTracked").asInt()).isEqualTo(7);
    JsonNode before =
        await("the seven videos wait in the work index")
            .atMost(LAG)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> cleanup("dry-run", CLEO), r -> r.path("waitingVideos").asInt() == 7);

    youtube("POST", "/channels/" + CLEO + "/videos/" + PRIVATE + "?kind=PRIVATE");
    youtube("DELETE", "/channels/" + CLEO + "/videos/" + DELETED);
    youtube("POST", "/channels/" + CLEO + "/videos/" + LIVE + "?kind=LIVE");

    JsonNode dryRun = cleanup("dry-run", CLEO);
    assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
    assertThat(dryRun.get("videosListCalls").asInt()).isEqualTo(1);
    assertThat(dryRun.get("quotaUnits").asInt()).isEqualTo(1);
    assertThat(dryRun.get("applyQuotaUnits").asInt()).isEqualTo(1);
    assertThat(becomes(dryRun))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                PRIVATE, "VideoUnavailable::Unavailable",
                DELETED, "VideoUnavailable::Unavailable",
                LIVE, "VideoUnavailable::LiveOffline",
                TOO_LONG, "VideoUnavailable::Skipped"));
    assertThat(dryRun.get("reportedOnly")).hasSize(1);
    assertThat(dryRun.get("reportedOnly").get(0).get("videoId").asText()).isEqualTo(REGION);
    assertThat(dryRun.get("reportedOnly").get(0).get("category").asText())
        .isEqualTo("REGION_RESTRICTED");
    assertThat(dryRun.get("syncable").asInt()).isEqualTo(2);
    assertThat(dryRun.get("settled").asInt()).isZero();
    for (String id : List.of(STAYS, PRIVATE, DELETED, LIVE, TOO_LONG, REGION, CREATED)) {
      assertThat(state(id)).as("a dry run changes nothing: " + id).isEqualTo("New");
    }
    assertThat(cleanup("dry-run", "2").get("waitingVideos").asInt())
        .as("the channel named by its Joystream channel id")
        .isEqualTo(before.get("waitingVideos").asInt());

    Cli declined = answering("n\n", "videos", "cleanup", "--channel", CLEO);
    assertThat(declined.exit()).as(declined.err()).isZero();
    assertThat(declined.out())
        .contains("To settle: 4")
        .contains("Apply: settle 4 videos")
        .contains("Nothing was changed.");
    assertThat(state(PRIVATE)).as("declined: nothing changed").isEqualTo("New");

    Path backup = dir.resolve("settled.json");
    Cli applied =
        cli("videos", "cleanup", "--channel", CLEO, "--yes", "--backup", backup.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("Settled now: 4; already moved on: 0");
    JsonNode saved = ApiClient.JSON.readTree(Files.readString(backup));
    assertThat(saved.get("videos")).hasSize(4);
    assertThat(saved.get("videos").findValuesAsText("videoId"))
        .containsExactlyInAnyOrder(PRIVATE, DELETED, LIVE, TOO_LONG);
    assertThat(state(PRIVATE)).isEqualTo("VideoUnavailable::Unavailable");
    assertThat(state(DELETED)).isEqualTo("VideoUnavailable::Unavailable");
    assertThat(state(LIVE)).isEqualTo("VideoUnavailable::LiveOffline");
    assertThat(state(TOO_LONG)).isEqualTo("VideoUnavailable::Skipped");
    assertThat(state(STAYS)).isEqualTo("New");
    assertThat(state(REGION)).isEqualTo("New");

    JsonNode second = cleanup("apply", CLEO);
    assertThat(second.get("settled").asInt()).as("a second run changes nothing").isZero();
    await("the work index drops the settled videos")
        .atMost(LAG)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> cleanup("apply", CLEO), r -> r.path("waitingVideos").asInt() == 3);
    assertThat(cleanup("apply", CLEO).get("toSettle")).isEmpty();

    // The storage node refuses every upload: the videos that can sync are created on Joystream
    // and wait for their media.
    FaultSwitches faults = net.devnets.joystream.faults();
    faults.setStorageErrors(true);
    ApiClient.Reply resumed = net.api.send("PUT", "/sync/resume", "{}", OPERATOR_KEY);
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    await("both are created on Joystream, their uploads failing")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                List.of(STAYS, CREATED).stream().allMatch(id -> state(id).equals("UploadFailed")));
    assertThat(
            net.api.send("PUT", "/sync/pause", "{\"reason\":\"clean-up\"}", OPERATOR_KEY).status())
        .isEqualTo(200);
    await("nothing on its way any more")
        .during(Duration.ofSeconds(5))
        .atMost(LAG)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> state(CREATED).equals("UploadFailed") && state(STAYS).equals("UploadFailed"));
    youtube("POST", "/channels/" + CLEO + "/videos/" + CREATED + "?kind=PRIVATE");

    JsonNode createdRun = cleanup("dry-run", CLEO);
    assertThat(becomes(createdRun))
        .containsExactlyInAnyOrderEntriesOf(Map.of(CREATED, "VideoUnavailable::Unavailable"));
    assertThat(createdRun.get("toSettle").get(0).get("state").asText()).isEqualTo("UploadFailed");
    assertThat(cleanup("apply", CLEO).get("settled").asInt()).isEqualTo(1);
    TrackedVideo settledCreated = video(CREATED);
    assertThat(settledCreated.state().wireName()).isEqualTo("VideoUnavailable::Unavailable");
    assertThat(settledCreated.record().joystreamVideo()).as("created on Joystream").isPresent();

    faults.setStorageErrors(false);
    resumed = net.api.send("PUT", "/sync/resume", "{}", OPERATOR_KEY);
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    await("the pipeline syncs the video that can be synced")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> state(STAYS).equals("UploadSucceeded"));
    await("and settles the region-restricted one its own way")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> state(REGION).startsWith("VideoUnavailable::"));
    for (String id : List.of(PRIVATE, DELETED, LIVE, TOO_LONG)) {
      TrackedVideo v = video(id);
      assertThat(v.state().isFinal()).as(id).isTrue();
      assertThat(v.record().joystreamVideo()).as("never created on Joystream: " + id).isEmpty();
      assertThat(v.failedAttempts()).as(id).isZero();
    }
    // The settled one's media never reaches the storage node: Orion keeps it not accepted, which
    // keeps the video out of Atlas.
    OrionClient orion = OrionClient.create(URI.create(net.devnets.joystream.orionUrl()));
    List<OrionDataObject> assets =
        orion
            .dataObjectsByIds(settledCreated.record().joystreamVideo().orElseThrow().assetIds())
            .get();
    assertThat(assets).hasSize(2).noneMatch(OrionDataObject::accepted);
    assertThat(state(CREATED)).isEqualTo("VideoUnavailable::Unavailable");
  }

  @Test
  void badRequestsAreRefusedWithACodeAndChangeNothing() throws Exception {
    ApiClient.Reply unknown =
        net.api.send(
            "POST",
            "/videos/cleanup/apply",
            "{\"channel\":\"UC" + "q".repeat(22) + "\"}",
            OPERATOR_KEY);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("CHANNEL_NOT_FOUND");
    ApiClient.Reply unknownJoystream =
        net.api.send("POST", "/videos/cleanup/dry-run", "{\"channel\":\"999\"}", OPERATOR_KEY);
    assertThat(unknownJoystream.status()).isEqualTo(404);
    ApiClient.Reply badBody =
        net.api.send("POST", "/videos/cleanup/apply", "{\"chanel\":\"x\"}", OPERATOR_KEY);
    assertThat(badBody.status()).isEqualTo(400);
    assertThat(badBody.json().get("code").asText()).isEqualTo("INVALID_BODY");
    ApiClient.Reply noKey = net.api.send("POST", "/videos/cleanup/apply", "", null);
    assertThat(noKey.status()).isEqualTo(401);

    assertThat(cli("videos", "cleanup", "--dry-run", "--yes").exit()).isEqualTo(40);
    assertThat(cli("videos", "cleanup", "--channel", "not a channel!", "--dry-run").exit())
        .isEqualTo(40);
    Cli noFolder =
        cli(
            "videos",
            "cleanup",
            "--dry-run",
            "--backup",
            dir.resolve("missing/backup.json").toString());
    assertThat(noFolder.exit()).isEqualTo(41);
    assertThat(noFolder.err()).contains("does not exist");
    Path existing = Files.writeString(dir.resolve("existing.json"), "{}");
    Cli exists = cli("videos", "cleanup", "--dry-run", "--backup", existing.toString());
    assertThat(exists.exit()).isEqualTo(42);
    assertThat(Files.readString(existing)).isEqualTo("{}");
    Cli declined = answering("n\n", "videos", "cleanup", "--channel", "UC" + "q".repeat(22));
    assertThat(declined.exit()).as("refused before the question").isEqualTo(30);
    Cli unknownCli = cli("videos", "cleanup", "--channel", "UC" + "q".repeat(22), "--yes");
    assertThat(unknownCli.exit()).isEqualTo(30);
    assertThat(unknownCli.err()).contains("CHANNEL_NOT_FOUND");
  }

  /** The videos each finding of a run would settle, and the final state it gets. */
  private static Map<String, String> becomes(JsonNode run) {
    Map<String, String> found = new HashMap<>();
    run.get("toSettle")
        .forEach(f -> found.put(f.get("videoId").asText(), f.get("becomes").asText()));
    return found;
  }

  private static JsonNode cleanup(String step, String channel) {
    ApiClient.Reply r =
        ApiClient.awaitReply(
            "POST /videos/cleanup/" + step + " answered",
            () ->
                net.api.send(
                    "POST",
                    "/videos/cleanup/" + step,
                    "{\"channel\":\"" + channel + "\"}",
                    OPERATOR_KEY),
            reply -> reply.status() != 503,
            LAG);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static void youtube(String method, String path) {
    ApiClient.Reply r = net.youtubeAdmin(method, path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static String state(String videoId) {
    return video(videoId).state().wireName();
  }

  private static TrackedVideo video(String videoId) {
    return ClusterSharding.get(net.node.node().system())
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<Optional<TrackedVideo>>ask(VideoEntity.Get::new, Duration.ofSeconds(20))
        .toCompletableFuture()
        .join()
        .orElseThrow();
  }

  private record Cli(int exit, String out, String err) {}

  /** The command with {@code answer} typed at its question. */
  private static Cli answering(String answer, String... args) throws Exception {
    InputStream stdin = System.in;
    System.setIn(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
    try {
      return cli(args);
    } finally {
      System.setIn(stdin);
    }
  }

  private static Cli cli(String... args) throws Exception {
    Path keyFile = dir.resolve("operator.key");
    Files.writeString(keyFile, OPERATOR_KEY + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--api-url", net.api.baseUrl(), "--operator-key-file", keyFile.toString()));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Cli(exit, out.toString(), err.toString());
  }
}
