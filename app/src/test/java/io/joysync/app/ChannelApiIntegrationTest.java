package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelProfile;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.VideoTracking;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channel queries and operator batches on a real node: channels registered through their entities
 * appear on the read side, operators verify and suspend them over HTTP, and bad batches change
 * nothing.
 */
@Needs(Service.CASSANDRA)
class ChannelApiIntegrationTest {

  private static final Duration READ_SIDE_LAG = Duration.ofSeconds(60);
  private static TestNodes.Started node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() throws Exception {
    // No takeover grace: the race below follows the holder's opt-out at once.
    node =
        TestNodes.start(
            TestCassandra.freshKeyspacePrefix("channels"),
            Map.of("joysync.links.takeover-grace", "0s"));
    api = node.api();
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.stop();
    }
  }

  private static long freshJoystreamId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
  }

  /** A sign-up as POST /channels makes it: the Joystream channel's link first, then the channel. */
  private static void signUp(String youtubeId, long joystreamId, Optional<Long> referrer)
      throws Exception {
    new JoystreamLinks(node.node().system(), Duration.ofSeconds(20), Clock.systemUTC())
        .claim(joystreamId, youtubeId)
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    register(youtubeId, joystreamId, referrer);
  }

  /** The channel's sign-up alone, without claiming the Joystream channel's link. */
  private static void register(String youtubeId, long joystreamId, Optional<Long> referrer)
      throws Exception {
    ChannelProfile profile =
        new ChannelProfile(
            "Title " + youtubeId,
            "About",
            Optional.of("@h" + youtubeId.toLowerCase()),
            Optional.of("en"),
            Map.of("medium", "https://img.example/" + youtubeId + ".jpg"),
            Optional.empty(),
            1234,
            10,
            99,
            Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
            Optional.empty());
    Registration r =
        new Registration(
            "user-" + youtubeId,
            youtubeId + "@example.com",
            joystreamId,
            Optional.of("en"),
            true,
            Optional.of("cat-1"),
            referrer,
            profile,
            Optional.empty(),
            Instant.now());
    ClusterSharding.get(node.node().system())
        .entityRefFor(ChannelEntity.ENTITY_KEY, youtubeId)
        .<ChannelState>askWithStatus(
            reply -> new ChannelEntity.SignUp(r, reply), Duration.ofSeconds(20))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static String youtubeId() {
    return "UC" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
  }

  private static JsonNode awaitChannel(long joystreamId, String status) {
    return api.await(
            "/channels/" + joystreamId,
            r -> r.status() == 200 && r.json().get("yppStatus").asText().equals(status),
            READ_SIDE_LAG)
        .json();
  }

  @Test
  void aRegisteredChannelIsListedAndCanBeVerifiedByAnOperator() throws Exception {
    String yt = youtubeId();
    long js = freshJoystreamId();
    signUp(yt, js, Optional.empty());

    JsonNode channel = awaitChannel(js, "Unverified");
    assertThat(channel.get("youtubeChannelId").asText()).isEqualTo(yt);
    assertThat(channel.get("thumbnails").get("medium").asText()).endsWith(yt + ".jpg");
    assertThat(channel.get("syncStatus").get("backlogCount").asLong()).isZero();
    // The listings come from the read side, which follows the channel's events.
    api.await("/channels/unverified", r -> ids(r.json()).contains(yt), READ_SIDE_LAG);
    api.await("/channels", r -> ids(r.json()).contains(yt), READ_SIDE_LAG);

    ApiClient.Reply verify =
        api.send(
            "PUT",
            "/channels/verify",
            "[{\"joystreamChannelId\":" + js + ",\"tier\":\"Gold\"}]",
            OPERATOR_KEY);

    assertThat(verify.status()).isEqualTo(200);
    awaitChannel(js, "Verified::Gold");
    api.await("/channels/unverified", r -> !ids(r.json()).contains(yt), READ_SIDE_LAG);
  }

  @Test
  void aBatchWithAnUnknownChannelChangesNothing() throws Exception {
    String yt = youtubeId();
    long js = freshJoystreamId();
    signUp(yt, js, Optional.empty());
    awaitChannel(js, "Unverified");
    long unknown = freshJoystreamId();

    ApiClient.Reply r =
        api.send(
            "PUT",
            "/channels/suspend",
            "[{\"joystreamChannelId\":"
                + js
                + ",\"reason\":\"CopyrightBreach\"},"
                + "{\"joystreamChannelId\":"
                + unknown
                + ",\"reason\":\"CopyrightBreach\"}]",
            OPERATOR_KEY);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("message").asText())
        .isEqualTo("Could not find channel with id " + unknown);
    ClusterSharding sharding = ClusterSharding.get(node.node().system());
    Optional<ChannelState> state =
        sharding
            .entityRefFor(ChannelEntity.ENTITY_KEY, yt)
            .<Optional<ChannelState>>ask(ChannelEntity.Get::new, Duration.ofSeconds(10))
            .toCompletableFuture()
            .get(15, TimeUnit.SECONDS);
    assertThat(state.get().status().wireName()).isEqualTo("Unverified");
  }

  @Test
  void badBatchesAndIdsAreRefusedWithEveryProblemNamed() {
    ApiClient.Reply bad =
        api.send(
            "PUT",
            "/channels/verify",
            "[{\"joystreamChannelId\":\"x\",\"tier\":\"Platinum\"},{\"tier\":\"Gold\"}]",
            OPERATOR_KEY);
    ApiClient.Reply unauthorized = api.send("PUT", "/channels/verify", "[]", "wrong");
    ApiClient.Reply notNumeric = api.send("GET", "/channels/abc", null, null);
    ApiClient.Reply missing = api.send("GET", "/channels/" + freshJoystreamId(), null, null);

    assertThat(bad.status()).isEqualTo(400);
    List<String> messages = new ArrayList<>();
    bad.json().get("message").forEach(m -> messages.add(m.asText()));
    assertThat(messages)
        .containsExactly(
            "0.joystreamChannelId must be a whole number",
            "0.tier must be one of Bronze, Silver, Gold, Diamond",
            "1.joystreamChannelId is required");
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(notNumeric.status()).isEqualTo(400);
    assertThat(notNumeric.json().get("message").asText())
        .isEqualTo("Validation failed (numeric string is expected)");
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void referralsAndTopReferrersAddUp() throws Exception {
    long referrer = freshJoystreamId();
    signUp(youtubeId(), referrer, Optional.empty());
    long gold = freshJoystreamId();
    long plain = freshJoystreamId();
    signUp(youtubeId(), gold, Optional.of(referrer));
    signUp(youtubeId(), plain, Optional.of(referrer));
    awaitChannel(gold, "Unverified");
    awaitChannel(plain, "Unverified");
    api.send(
        "PUT",
        "/channels/verify",
        "[{\"joystreamChannelId\":" + gold + ",\"tier\":\"Gold\"}]",
        OPERATOR_KEY);
    awaitChannel(gold, "Verified::Gold");

    JsonNode referrals =
        api.await(
                "/channels/" + referrer + "/referrals",
                r ->
                    r.status() == 200
                        && r.json().size() == 2
                        && r.json().findValuesAsText("yppStatus").contains("Verified::Gold"),
                READ_SIDE_LAG)
            .json();
    // Top referrers are computed from the read side, now that it shows the verification.
    JsonNode top = api.send("GET", "/referrers/top-referrers", null, null).json();

    assertThat(referrals.findValuesAsText("yppStatus"))
        .containsExactlyInAnyOrder("Verified::Gold", "Unverified");
    JsonNode entry = null;
    for (JsonNode e : top) {
      if (e.get("referrerChannelId").asLong() == referrer) {
        entry = e;
      }
    }
    assertThat(entry).as("referrer %s in %s", referrer, top).isNotNull();
    assertThat(entry.get("totalEarnings").asLong()).isEqualTo(50);
    assertThat(entry.get("totalReferredChannels").asInt()).isEqualTo(2);
    assertThat(entry.get("referredByTier").get("Gold").asInt()).isEqualTo(1);
  }

  private static List<String> ids(JsonNode channels) {
    List<String> ids = new ArrayList<>();
    channels.forEach(c -> ids.add(c.get("youtubeChannelId").asText()));
    return ids;
  }

  private static <T> T ask(
      String youtubeId,
      java.util.function.Function<
              org.apache.pekko.actor.typed.ActorRef<org.apache.pekko.pattern.StatusReply<T>>,
              ChannelEntity.Command>
          command)
      throws Exception {
    return ClusterSharding.get(node.node().system())
        .entityRefFor(ChannelEntity.ENTITY_KEY, youtubeId)
        .<T>askWithStatus(command::apply, Duration.ofSeconds(20))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static VideoRecord advance(String videoId, VideoTransition step) throws Exception {
    return ClusterSharding.get(node.node().system())
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<VideoRecord>askWithStatus(
            r -> new VideoEntity.Advance(step, Instant.now(), r), Duration.ofSeconds(20))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static VideoFacts video(String id, Instant publishedAt) {
    return new VideoFacts(
        id,
        "Video " + id,
        "About " + id,
        42,
        Map.of("medium", "https://i.example/" + id + "/mqdefault.jpg"),
        95,
        Optional.of("processed"),
        Optional.of("public"),
        Optional.of("creativeCommon"),
        Optional.of("mp4"),
        Optional.empty(),
        publishedAt);
  }

  @Test
  void aUsersVideosAreListedWithTheirProgressOnTheWayToJoystream() throws Exception {
    String yt = youtubeId();
    long js = freshJoystreamId();
    signUp(yt, js, Optional.empty());
    String userId = "user-" + yt;
    Instant published = Instant.parse("2024-05-01T10:00:00Z");
    new VideoTracking(node.node().system(), Duration.ofSeconds(20))
        .track(
            yt,
            List.of(video("vidA" + js, published), video("vidB" + js, published)),
            Instant.now())
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    advance("vidA" + js, new VideoTransition.StartCreating());
    advance(
        "vidA" + js,
        new VideoTransition.Created(new JoystreamVideo(501, List.of(9001L, 9002L)), 1234));

    JsonNode videos =
        api.await(
                "/users/" + userId + "/videos",
                r ->
                    r.status() == 200
                        && r.json().size() == 2
                        && r.json().findValuesAsText("state").contains("VideoCreated"),
                READ_SIDE_LAG)
            .json();

    JsonNode created =
        videos.get(0).get("id").asText().equals("vidA" + js) ? videos.get(0) : videos.get(1);
    JsonNode fresh = created == videos.get(0) ? videos.get(1) : videos.get(0);
    assertThat(created.get("state").asText()).isEqualTo("VideoCreated");
    assertThat(created.get("joystreamVideo").get("id").asText()).isEqualTo("501");
    assertThat(created.get("joystreamVideo").get("assetIds").get(1).asText()).isEqualTo("9002");
    assertThat(created.get("channelId").asText()).isEqualTo(yt);
    assertThat(created.get("url").asText()).isEqualTo("https://youtube.com/watch?v=vidA" + js);
    assertThat(created.get("category").asText()).isEqualTo("cat-1");
    assertThat(created.get("duration").asLong()).isEqualTo(95);
    assertThat(created.get("license").asText()).isEqualTo("creativeCommon");
    assertThat(created.get("publishedAt").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(fresh.get("state").asText()).isEqualTo("New");
    assertThat(fresh.has("joystreamVideo")).isFalse();

    JsonNode syncStatus = awaitChannel(js, "Unverified").get("syncStatus");
    assertThat(syncStatus.get("backlogCount").asLong()).isEqualTo(2);
    // Nothing uploaded yet: at youtube-synch's minute a video, at least two minutes, and its turn
    // comes among the channels with videos waiting.
    assertThat(syncStatus.get("fullSyncEta").asLong()).isGreaterThanOrEqualTo(120);
    assertThat(syncStatus.get("placeInSyncQueue").asLong()).isGreaterThanOrEqualTo(1);
    api.await("/status", r -> r.json().get("syncBacklog").asLong() == 2, READ_SIDE_LAG);
    advance(
        "vidB" + js,
        new VideoTransition.MarkUnavailable(UnavailableReason.PRIVATE, "private video"));
    api.await("/status", r -> r.json().get("syncBacklog").asLong() == 1, READ_SIDE_LAG);
    assertThat(awaitChannel(js, "Unverified").get("syncStatus").get("backlogCount").asLong())
        .isEqualTo(1);

    ApiClient.Reply none = api.send("GET", "/users/no-such-user-" + js + "/videos", null, null);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.json().get("message").asText())
        .isEqualTo("Could not find a channel of user no-such-user-" + js);
    ApiClient.Reply bad = api.send("GET", "/users/bad%20id/videos", null, null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").asText()).isEqualTo("INVALID_USER_ID");
  }

  @Test
  void oneJoystreamChannelIsLinkedToOneYoutubeChannelHoweverTheClaimsRace() throws Exception {
    long js = freshJoystreamId();
    String holder = youtubeId();
    signUp(holder, js, Optional.empty());
    JoystreamLinks links =
        new JoystreamLinks(node.node().system(), Duration.ofSeconds(20), Clock.systemUTC());
    links.claim(js, holder).toCompletableFuture().get(30, TimeUnit.SECONDS);

    List<String> rivals = List.of(youtubeId(), youtubeId(), youtubeId());
    for (String rival : rivals) {
      register(rival, js, Optional.empty());
    }
    assertThat(racingClaims(links, js, rivals)).isEmpty();

    ChannelApiIntegrationTest.<ChannelState>ask(
        holder,
        r ->
            new ChannelEntity.AutoOptOut(
                ChannelEntity.AutoOptOutReason.COLLABORATOR_REVOKED, Instant.now(), r));
    List<String> winners = racingClaims(links, js, rivals);
    assertThat(winners).hasSize(1);
    assertThat(racingClaims(links, js, List.of(holder))).isEmpty();
  }

  /** The channels whose claim succeeded, of claims sent all at once. */
  private static List<String> racingClaims(JoystreamLinks links, long js, List<String> claimants)
      throws Exception {
    List<java.util.concurrent.CompletableFuture<Boolean>> claims =
        claimants.stream()
            .map(yt -> links.claim(js, yt).toCompletableFuture().handle((done, e) -> e == null))
            .toList();
    List<String> won = new ArrayList<>();
    for (int i = 0; i < claimants.size(); i++) {
      if (claims.get(i).get(30, TimeUnit.SECONDS)) {
        won.add(claimants.get(i));
      }
    }
    return won;
  }
}
