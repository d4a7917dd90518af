package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.VideoKind;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operators add channels without their owner's grant ({@code POST /channels/unauthorized}) and read
 * sign-up statistics ({@code GET /channels/stats}) on a real node with Cassandra, the YouTube
 * devnet and the Joystream devnet (chain and Orion). Joystream channels 1 to 7 let joysync's
 * collaborator add videos, channel 8 has no collaborators; each test uses channels of its own.
 */
@Needs(Service.CASSANDRA)
class UnauthorizedChannelsIntegrationTest {

  static final Duration READ_SIDE_LAG = Duration.ofSeconds(60);

  /** Five public uploads, one private and one live: five can be synced. */
  static final String UNO = DevnetSeed.channelId("unauthorized-uno");

  static final String DOS = DevnetSeed.channelId("unauthorized-dos");
  static final String TRES = DevnetSeed.channelId("unauthorized-tres");
  static final String CUATRO = DevnetSeed.channelId("unauthorized-cuatro");
  static final String CINCO = DevnetSeed.channelId("unauthorized-cinco");
  static final String SEIS = DevnetSeed.channelId("unauthorized-seis");

  private static NodeWithDevnets services;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    services = startServices("unauth");
    api = services.api;
  }

  @AfterAll
  static void stop() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  /**
   * The devnets, seeded with the channels below and Joystream channels 1-9 (8 without joysync's
   * collaborator), and a node; shared with the command-line test.
   */
  static NodeWithDevnets startServices(String test) throws Exception {
    List<DevnetSeed.CreatorSeed> creators = new ArrayList<>(DevnetSeed.standard().creators());
    creators.add(creator(11, "uno", UNO, 5, true));
    creators.add(creator(12, "dos", DOS, 3, false));
    creators.add(creator(13, "tres", TRES, 2, false));
    creators.add(creator(14, "cuatro", CUATRO, 2, false));
    creators.add(creator(15, "cinco", CINCO, 1, false));
    creators.add(creator(16, "seis", SEIS, 1, false));
    List<Object> channels = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      channels.add(
          Map.of(
              "owner",
              "alice",
              "title",
              "Devnet channel " + i,
              "language",
              "en",
              "collaborators",
              List.of(
                  Map.of("member", "joysync-collaborator-1", "permissions", List.of("AddVideo")))));
    }
    channels.add(
        Map.of(
            "owner", "alice",
            "title", "Devnet channel 8 (no collaborators)",
            "language", "en",
            "collaborators", List.of()));
    channels.add(
        Map.of(
            "owner",
            "alice",
            "title",
            "Devnet channel 9",
            "language",
            "en",
            "collaborators",
            List.of(
                Map.of("member", "joysync-collaborator-1", "permissions", List.of("AddVideo")))));
    return NodeWithDevnets.start(
        test,
        YoutubeDevnetSettings.defaults().withSeed(new DevnetSeed(creators)),
        DevnetSettings.forTests().with("genesis.channels", channels),
        Map.of());
  }

  private static DevnetSeed.CreatorSeed creator(
      int n, String name, String channelId, int publicVideos, boolean unsyncable) {
    List<DevnetSeed.VideoSeed> videos = new ArrayList<>();
    for (int i = 0; i < publicVideos; i++) {
      videos.add(video(name, i, 24 * (i + 1), VideoKind.PUBLIC));
    }
    if (unsyncable) {
      videos.add(video(name, 90, 3, VideoKind.PRIVATE));
      videos.add(video(name, 91, 4, VideoKind.LIVE));
    }
    return new DevnetSeed.CreatorSeed(
        "1100000000000000000" + n,
        name + "@example.com",
        new DevnetSeed.ChannelSeed(
            channelId, "Channel " + name, "@" + name + "syncs", 500, 400, videos),
        false);
  }

  private static DevnetSeed.VideoSeed video(String owner, int i, int ageHours, VideoKind kind) {
    String id = (owner + "-v-" + i + "-xxxxxxxxxxx").substring(0, 11);
    return new DevnetSeed.VideoSeed(id, owner + " video " + i, ageHours, 120, kind);
  }

  /** Adds a channel, again while the API answers 503 (a loaded machine): adding is repeatable. */
  static ApiClient.Reply add(String body) {
    return ApiClient.awaitReply(
        "POST /channels/unauthorized answered",
        () -> api.send("POST", "/channels/unauthorized", body, OPERATOR_KEY),
        reply -> reply.status() != 503,
        READ_SIDE_LAG);
  }

  private static List<JsonNode> videosOf(String channelId, int count) {
    JsonNode list =
        api.await(
                "/users/UnauthorizedUser-" + channelId + "/videos",
                r -> r.status() == 200 && r.json().size() == count,
                READ_SIDE_LAG)
            .json();
    return StreamSupport.stream(list.spliterator(), false).toList();
  }

  @Test
  void channelsAddedByIdOrUrlHaveTheirLatestSyncableUploadsTrackedOnce() {
    ApiClient.Reply byId =
        add("{\"ytChannelId\":\"" + UNO + "\",\"joystreamChannelId\":2,\"videosLimit\":50}");
    ApiClient.Reply byUrl =
        add(
            "{\"channelUrl\":\"https://www.youtube.com/@dossyncs\",\"joystreamChannelId\":3,"
                + "\"videosLimit\":2,\"videoCategoryId\":\"cat-7\"}");

    assertThat(byId.status()).as(byId.body()).isEqualTo(201);
    assertThat(byId.json().get("videosTracked").asInt()).isEqualTo(5);
    assertThat(byId.json().get("videosAlreadyTracked").asInt()).isZero();
    JsonNode uno = byId.json().get("channel");
    assertThat(uno.get("youtubeChannelId").asText()).isEqualTo(UNO);
    assertThat(uno.get("joystreamChannelId").asLong()).isEqualTo(2);
    assertThat(uno.get("yppStatus").asText()).isEqualTo("Unverified");
    assertThat(uno.get("videoCategoryId").asText()).isEqualTo("868-2");
    assertThat(uno.get("title").asText()).isEqualTo("Channel uno");
    assertThat(byUrl.status()).as(byUrl.body()).isEqualTo(201);
    assertThat(byUrl.json().get("videosTracked").asInt()).isEqualTo(2);
    assertThat(byUrl.json().get("channel").get("youtubeChannelId").asText()).isEqualTo(DOS);
    assertThat(byUrl.json().get("channel").get("videoCategoryId").asText()).isEqualTo("cat-7");

    JsonNode linked = api.await("/channels/2", r -> r.status() == 200, READ_SIDE_LAG).json();
    assertThat(linked.get("youtubeChannelId").asText()).isEqualTo(UNO);
    List<JsonNode> videos = videosOf(UNO, 5);
    assertThat(videos).allSatisfy(v -> assertThat(v.get("state").asText()).isEqualTo("New"));
    assertThat(videos)
        .extracting(v -> v.get("id").asText())
        .noneMatch(id -> id.startsWith("uno-v-9"));
    videosOf(DOS, 2);

    ApiClient.Reply again =
        add("{\"channelUrl\":\"m.youtube.com/channel/" + UNO + "\",\"joystreamChannelId\":2}");
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().get("videosTracked").asInt()).isZero();
    assertThat(again.json().get("videosAlreadyTracked").asInt()).isEqualTo(5);
    assertThat(videosOf(UNO, 5)).hasSize(5);
  }

  @Test
  void channelsThatMayNotBeSyncedThisWayAreRefusedAndNothingChanges() {
    services.signUp(DevnetSeed.ALICE, 1);
    ApiClient.Reply first =
        add("{\"ytChannelId\":\"" + CUATRO + "\",\"joystreamChannelId\":4,\"videosLimit\":1}");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    // The link check reads the read side, which follows the channel's events.
    api.await("/channels/4", r -> r.status() == 200, READ_SIDE_LAG);
    api.await("/channels/1", r -> r.status() == 200, READ_SIDE_LAG);

    ApiClient.Reply authorized =
        add("{\"ytChannelId\":\"" + DevnetSeed.channelId("alice") + "\",\"joystreamChannelId\":5}");
    ApiClient.Reply unknownYoutube =
        add("{\"ytChannelId\":\"UC" + "q".repeat(22) + "\",\"joystreamChannelId\":5}");
    ApiClient.Reply unknownHandle =
        add("{\"channelUrl\":\"youtube.com/@nobody-at-all\",\"joystreamChannelId\":5}");
    ApiClient.Reply unknownJoystream =
        add("{\"ytChannelId\":\"" + TRES + "\",\"joystreamChannelId\":999999}");
    ApiClient.Reply linkedElsewhere =
        add("{\"ytChannelId\":\"" + TRES + "\",\"joystreamChannelId\":4}");
    ApiClient.Reply noCollaborator =
        add("{\"ytChannelId\":\"" + TRES + "\",\"joystreamChannelId\":8}");

    assertRefused(authorized, 409, "CHANNEL_AUTHORIZED");
    assertRefused(unknownYoutube, 404, "YOUTUBE_CHANNEL_NOT_FOUND");
    assertRefused(unknownHandle, 404, "YOUTUBE_CHANNEL_NOT_FOUND");
    assertRefused(unknownJoystream, 400, "CHANNEL_NOT_FOUND");
    assertThat(unknownJoystream.json().get("message").asText())
        .isEqualTo("Joystream Channel 999999 does not exist.");
    assertRefused(linkedElsewhere, 409, "CHANNEL_ALREADY_REGISTERED");
    assertThat(linkedElsewhere.json().get("message").asText()).contains(CUATRO);
    assertRefused(noCollaborator, 400, "COLLABORATOR_MISSING");

    JsonNode alice = api.await("/channels/1", r -> r.status() == 200, READ_SIDE_LAG).json();
    assertThat(alice.get("youtubeChannelId").asText()).isEqualTo(DevnetSeed.channelId("alice"));
    assertThat(alice.get("videoCategoryId").asText()).isEqualTo("cat-1");
    assertThat(api.send("GET", "/channels/4", null, null).json().get("youtubeChannelId").asText())
        .isEqualTo(CUATRO);
    assertThat(api.send("GET", "/channels/5", null, null).status()).isEqualTo(404);
    assertThat(api.send("GET", "/channels/8", null, null).status()).isEqualTo(404);
    assertThat(api.send("GET", "/users/UnauthorizedUser-" + TRES + "/videos", null, null).status())
        .isEqualTo(404);
  }

  @Test
  void theOwnerTakesOverAnOperatorAddedChannelAndCannotSignUpTwice() {
    ApiClient.Reply added = add("{\"ytChannelId\":\"" + SEIS + "\",\"joystreamChannelId\":9}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    ApiClient.Reply whitelisted =
        api.send(
            "POST", "/channels/whitelist", "[{\"channelHandle\":\"@seissyncs\"}]", OPERATOR_KEY);
    assertThat(whitelisted.status()).isEqualTo(201);

    services.signUp("seis@example.com", 9);
    ApiClient.Reply twice = Atlas.postUser(api, services.devnets.code("seis@example.com"));

    assertRefused(twice, 400, "CHANNEL_ALREADY_REGISTERED");
    assertThat(twice.json().get("message").asText())
        .isEqualTo("Selected Youtube channel is already registered for YPP program");
    assertThat(twice.json().get("result").asLong()).isEqualTo(9);
    JsonNode owned =
        api.await(
                "/channels/9",
                r -> r.status() == 200 && r.json().get("videoCategoryId").asText().equals("cat-1"),
                READ_SIDE_LAG)
            .json();
    assertThat(owned.get("youtubeChannelId").asText()).isEqualTo(SEIS);
  }

  @Test
  void badRequestsGetTheDocumentedErrorAndChangeNothing() {
    String tres = "\"ytChannelId\":\"" + TRES + "\"";
    assertRefused(
        add("{" + tres + ",\"channelUrl\":\"youtube.com/@tressyncs\",\"joystreamChannelId\":6}"),
        400,
        "INVALID_BODY");
    assertRefused(add("{\"joystreamChannelId\":6}"), 400, "INVALID_BODY");
    assertRefused(add("{" + tres + ",\"joystreamChannelId\":-1}"), 400, "INVALID_BODY");
    assertRefused(add("{" + tres + "}"), 400, "INVALID_BODY");
    assertRefused(
        add("{" + tres + ",\"joystreamChannelId\":6,\"videosLimit\":0}"), 400, "INVALID_BODY");
    assertRefused(
        add("{" + tres + ",\"joystreamChannelId\":6,\"videosLimit\":100000}"), 400, "INVALID_BODY");
    assertRefused(
        add("{\"ytChannelId\":\"UCshort\",\"joystreamChannelId\":6}"), 400, "INVALID_BODY");
    assertRefused(
        add("{\"channelUrl\":\"https://example.com/@tressyncs\",\"joystreamChannelId\":6}"),
        400,
        "INVALID_BODY");
    assertRefused(add("{" + tres + ",\"joystreamChannelId\":6"), 400, "MALFORMED_JSON");
    assertRefused(add("[]"), 400, "INVALID_BODY");
    assertRefused(
        api.send("POST", "/channels/unauthorized", "{" + tres + ",\"joystreamChannelId\":6}", null),
        401,
        "INVALID_OPERATOR_KEY");
    assertRefused(
        api.send(
            "POST",
            "/channels/unauthorized",
            "{" + tres + ",\"joystreamChannelId\":6}",
            "wrong-key"),
        401,
        "INVALID_OPERATOR_KEY");

    ApiClient.Reply both =
        add("{" + tres + ",\"channelUrl\":\"youtube.com/@tressyncs\",\"joystreamChannelId\":6}");
    assertThat(both.json().get("message").asText())
        .isEqualTo("Exactly one of body.ytChannelId and body.channelUrl must be given");
    assertThat(api.send("GET", "/channels/6", null, null).status()).isEqualTo(404);
    assertThat(api.send("GET", "/users/UnauthorizedUser-" + TRES + "/videos", null, null).status())
        .isEqualTo(404);
  }

  @Test
  void statsCountTheChannelsSignedUpInTheRangeOnly() {
    ApiClient.Reply added = add("{\"ytChannelId\":\"" + CINCO + "\",\"joystreamChannelId\":7}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String range = "/channels/stats?from=" + today + "&to=" + today.plusDays(1);

    JsonNode stats = awaitOperator(range, r -> r.status() == 200 && r.body().contains(CINCO));
    int total = stats.get("total").asInt();
    int byStatus = 0;
    for (JsonNode n : stats.get("byStatus")) {
      byStatus += n.asInt();
    }
    assertThat(total).isPositive().isEqualTo(stats.get("channels").size()).isEqualTo(byStatus);
    assertThat(stats.get("truncated").asBoolean()).isFalse();
    JsonNode cinco =
        StreamSupport.stream(stats.get("channels").spliterator(), false)
            .filter(c -> c.get("youtubeChannelId").asText().equals(CINCO))
            .findFirst()
            .orElseThrow();
    assertThat(cinco.get("youtubeUrl").asText())
        .isEqualTo("https://www.youtube.com/channel/" + CINCO);
    assertThat(cinco.get("joystreamChannelId").asLong()).isEqualTo(7);
    assertThat(cinco.get("yppStatus").asText()).isEqualTo("Unverified");
    assertThat(stats.get("byStatus").get("Unverified").asInt()).isPositive();

    ApiClient.Reply before =
        api.send(
            "GET",
            "/channels/stats?from=" + today.minusDays(30) + "&to=" + today,
            null,
            OPERATOR_KEY);
    assertThat(before.status()).as(before.body()).isEqualTo(200);
    assertThat(before.json().get("total").asInt()).isZero();
    assertThat(before.json().get("channels")).isEmpty();

    assertRefused(api.send("GET", range, null, null), 401, "INVALID_OPERATOR_KEY");
    assertRefused(
        api.send("GET", "/channels/stats?from=" + today, null, OPERATOR_KEY), 400, "INVALID_QUERY");
    assertRefused(
        api.send("GET", "/channels/stats?from=2026-13-01&to=2027-01-01", null, OPERATOR_KEY),
        400,
        "INVALID_QUERY");
    assertRefused(
        api.send("GET", "/channels/stats?from=2025-01-01&to=2026-01-03", null, OPERATOR_KEY),
        400,
        "INVALID_QUERY");
    assertRefused(
        api.send("GET", "/channels/stats?from=" + today + "&to=" + today, null, OPERATOR_KEY),
        400,
        "INVALID_QUERY");
  }

  /**
   * Polls an operator endpoint until its answer satisfies {@code done}, up to the read-side lag.
   */
  static JsonNode awaitOperator(String path, java.util.function.Predicate<ApiClient.Reply> done) {
    return ApiClient.awaitReply(
            path, () -> api.send("GET", path, null, OPERATOR_KEY), done, READ_SIDE_LAG)
        .json();
  }

  static void assertRefused(ApiClient.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.json().get("statusCode").asInt()).isEqualTo(status);
    assertThat(reply.json().get("code").asText()).as(reply.body()).isEqualTo(code);
    assertThat(reply.json().get("message").toString()).isNotBlank();
  }
}
