package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.engine.youtube.api.OwnerTokens;
import io.joysync.engine.youtube.api.SignUpAuthorization;
import io.joysync.engine.youtube.api.YoutubeApiSettings;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.InMemoryQuotaLedger;
import io.joysync.engine.youtube.quota.QuotaBudget;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.engine.youtube.quota.QuotaUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Data API client through Google's real client libraries against the YouTube devnet. */
class YoutubeDataClientTest {

  static final String REDIRECT = "http://127.0.0.1/atlas/callback";
  private static YoutubeDevnetFixture devnet;
  private final ExecutorService blocking = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private InMemoryQuotaLedger ledger;
  private QuotaGovernor governor;
  private YoutubeDataClient client;

  @BeforeAll
  static void startDevnet() {
    devnet = YoutubeDevnetFixture.start();
  }

  @AfterAll
  static void stopDevnet() throws Exception {
    if (devnet != null) {
      devnet.close();
    }
  }

  @BeforeEach
  void newClient() {
    devnet.resetFaults();
    ledger = new InMemoryQuotaLedger();
    governor =
        new QuotaGovernor(ledger, new QuotaBudget(10_000, 500), Clock.systemUTC(), scheduler, 100);
    client = new YoutubeDataClient(settings(devnet.endpoints()), governor, blocking);
  }

  @AfterEach
  void stop() {
    devnet.resetFaults();
    blocking.shutdownNow();
    scheduler.shutdownNow();
  }

  static YoutubeApiSettings settings(YoutubeEndpoints endpoints) {
    return new YoutubeApiSettings(
        endpoints,
        "joysync-devnet.apps.googleusercontent.com",
        "devnet-client-secret",
        "devnet-api-key",
        3,
        Duration.ofMillis(20),
        Duration.ofMillis(80),
        Duration.ofSeconds(5));
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private SignUpAuthorization signUp(String account) throws Exception {
    return await(
        client.exchangeCode(devnet.authorizationCode(account, REDIRECT, null, true), REDIRECT));
  }

  private QuotaUsage usage() throws Exception {
    return await(governor.usageToday());
  }

  @Test
  void signUpYieldsTheGoogleIdentityAndTheOwnersChannel() throws Exception {
    SignUpAuthorization auth = signUp("alice@example.com");
    assertThat(auth.userId()).isEqualTo("110000000000000000001");
    assertThat(auth.email()).isEqualTo("alice@example.com");
    assertThat(auth.tokens().toString()).doesNotContain(auth.tokens().refreshToken());

    YoutubeChannel channel =
        await(client.ownChannel(auth.tokens(), QuotaPurpose.SIGNUP)).orElseThrow();
    assertThat(channel.title()).isEqualTo("Alice Cooks");
    assertThat(channel.customUrl()).isEqualTo("@alicecooks");
    assertThat(channel.uploadsPlaylistId()).isEqualTo("UU" + channel.id().substring(2));
    assertThat(channel.statistics().subscriberCount()).isEqualTo(1_200);
    assertThat(channel.thumbnails()).containsKeys("default", "medium", "high");
    assertThat(channel.bannerImageUrl()).startsWith(devnet.baseUrl());
    assertThat(usage().signup()).isEqualTo(1);
    assertThat(usage().sync()).isZero();
  }

  @Test
  void authorizationsThatCannotBeUsedAreRejectedWithTheirCode() throws Exception {
    String online = devnet.authorizationCode("alice@example.com", REDIRECT, null, false);
    assertRejected(() -> await(client.exchangeCode(online, REDIRECT)), "OFFLINE_ACCESS_REQUIRED");

    String noEmail =
        devnet.authorizationCode(
            "alice@example.com",
            REDIRECT,
            "https://www.googleapis.com/auth/youtube.readonly profile",
            true);
    assertRejected(() -> await(client.exchangeCode(noEmail, REDIRECT)), "EMAIL_SCOPE_REQUIRED");

    String noProfile =
        devnet.authorizationCode(
            "alice@example.com",
            REDIRECT,
            "https://www.googleapis.com/auth/youtube.readonly email",
            true);
    assertRejected(() -> await(client.exchangeCode(noProfile, REDIRECT)), "PROFILE_SCOPE_REQUIRED");

    String once = devnet.authorizationCode("alice@example.com", REDIRECT, null, true);
    await(client.exchangeCode(once, REDIRECT));
    assertRejected(() -> await(client.exchangeCode(once, REDIRECT)), "CODE_EXCHANGE_FAILED");

    String otherRedirect = devnet.authorizationCode("alice@example.com", REDIRECT, null, true);
    assertRejected(
        () -> await(client.exchangeCode(otherRedirect, "http://127.0.0.1/elsewhere")),
        "CODE_EXCHANGE_FAILED");
  }

  private static void assertRejected(ThrowableAssert.ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOf(YoutubeApiException.AuthorizationRejected.class)
        .satisfies(e -> assertThat(((YoutubeApiException) e).code()).isEqualTo(code));
  }

  @Test
  void accountsWithoutAChannelOrSuspendedAreTold() throws Exception {
    assertThat(await(client.ownChannel(signUp("carol@example.com").tokens(), QuotaPurpose.SIGNUP)))
        .isEmpty();
    OwnerTokens dave = signUp("dave@example.com").tokens();
    assertThatThrownBy(() -> await(client.ownChannel(dave, QuotaPurpose.SIGNUP)))
        .isInstanceOf(YoutubeApiException.AccountSuspended.class)
        .hasMessageContaining("suspended");
  }

  @Test
  void uploadsArePagedNewestFirstAndChargedPerPage() throws Exception {
    OwnerTokens alice = signUp("alice@example.com").tokens();
    YoutubeChannel channel = await(client.ownChannel(alice, QuotaPurpose.SIGNUP)).orElseThrow();
    List<UploadedVideo> uploads =
        await(client.latestUploads(alice, channel.uploadsPlaylistId(), 70, QuotaPurpose.SYNC));
    assertThat(uploads).hasSize(70);
    assertThat(uploads).isSortedAccordingTo((a, b) -> b.publishedAt().compareTo(a.publishedAt()));
    assertThat(usage().sync()).isEqualTo(2);

    List<UploadedVideo> publicView =
        await(client.latestUploads(null, channel.uploadsPlaylistId(), 200, QuotaPurpose.SYNC));
    assertThat(publicView).hasSize(70);
    assertThat(
            await(client.latestUploads(alice, channel.uploadsPlaylistId(), 200, QuotaPurpose.SYNC)))
        .hasSize(71);
    assertThat(
            await(client.latestUploads(alice, channel.uploadsPlaylistId(), 5, QuotaPurpose.SYNC)))
        .hasSize(5);
    assertThat(usage().sync()).isEqualTo(2 + 2 + 2 + 1);
  }

  @Test
  void syncableUploadsArePagedUntilEnoughAreKept() throws Exception {
    OwnerTokens alice = signUp("alice@example.com").tokens();
    YoutubeChannel channel = await(client.ownChannel(alice, QuotaPurpose.SIGNUP)).orElseThrow();

    List<YoutubeVideo> few = await(client.syncableUploads(channel, 8, QuotaPurpose.SYNC));
    assertThat(usage().sync()).isEqualTo(2);
    List<YoutubeVideo> many = await(client.syncableUploads(channel, 60, QuotaPurpose.SYNC));

    assertThat(few).hasSize(8).allSatisfy(v -> assertThat(VideoFilter.syncable(v)).isTrue());
    assertThat(few).isSortedAccordingTo((a, b) -> b.publishedAt().compareTo(a.publishedAt()));
    assertThat(few)
        .extracting(YoutubeVideo::title)
        .doesNotContain(
            "Special PRIVATE",
            "Special LIVE",
            "Special UPCOMING",
            "Special AGE_RESTRICTED",
            "Special PROCESSING",
            "Special UNLISTED");
    assertThat(many).hasSize(60).allSatisfy(v -> assertThat(VideoFilter.syncable(v)).isTrue());
    assertThat(usage().sync()).isEqualTo(2 + 4);
  }

  @Test
  void videoDetailsAreMappedAndFilteredLikeYoutubeSynch() throws Exception {
    OwnerTokens alice = signUp("alice@example.com").tokens();
    YoutubeChannel channel = await(client.ownChannel(alice, QuotaPurpose.SIGNUP)).orElseThrow();
    List<String> ids =
        await(client.latestUploads(alice, channel.uploadsPlaylistId(), 200, QuotaPurpose.SYNC))
            .stream()
            .map(UploadedVideo::videoId)
            .toList();
    List<YoutubeVideo> videos = await(client.videos(alice, ids, QuotaPurpose.SYNC));
    assertThat(videos).hasSize(71);
    assertThat(videos).allSatisfy(v -> assertThat(v.container()).isEqualTo("mov"));
    Map<String, Long> rejected =
        videos.stream()
            .filter(v -> !VideoFilter.syncable(v))
            .collect(
                java.util.stream.Collectors.groupingBy(
                    v -> v.title().replace("Special ", ""),
                    java.util.stream.Collectors.counting()));
    assertThat(rejected.keySet())
        .containsExactlyInAnyOrder(
            "PRIVATE", "LIVE", "UPCOMING", "AGE_RESTRICTED", "PROCESSING", "UNLISTED");
    YoutubeVideo first =
        videos.stream()
            .filter(v -> v.title().equals("Alice cooks, part 1"))
            .findFirst()
            .orElseThrow();
    assertThat(first.durationSeconds()).isEqualTo(60);
    assertThat(first.url()).isEqualTo(devnet.baseUrl() + "/watch?v=" + first.id());
    assertThat(first.thumbnails().medium()).startsWith(devnet.baseUrl() + "/thumbnails/");

    List<YoutubeVideo> withKey = await(client.videos(null, ids, QuotaPurpose.SYNC));
    assertThat(withKey).hasSize(70).allSatisfy(v -> assertThat(v.container()).isNull());
  }

  @Test
  void statisticsComeFiftyChannelsPerUnitAndMissingChannelsAreAbsent() throws Exception {
    String alice =
        await(client.ownChannel(signUp("alice@example.com").tokens(), QuotaPurpose.SIGNUP))
            .orElseThrow()
            .id();
    String bob =
        await(client.ownChannel(signUp("bob@example.com").tokens(), QuotaPurpose.SIGNUP))
            .orElseThrow()
            .id();
    List<String> ids = new java.util.ArrayList<>(List.of(alice, bob));
    for (int i = 0; i < 60; i++) {
      ids.add(String.format("UCmissing%015d", i));
    }
    Map<String, ChannelStatistics> stats = await(client.channelStatistics(ids));
    assertThat(stats).containsOnlyKeys(alice, bob);
    assertThat(stats.get(bob).subscriberCount()).isEqualTo(10);
    assertThat(usage().sync()).isEqualTo(2);
  }

  @Test
  void aStaleAccessTokenIsRefreshedAndTheRepeatIsCharged() throws Exception {
    OwnerTokens alice = signUp("alice@example.com").tokens();
    devnet.expireAccessTokens();
    assertThat(await(client.ownChannel(alice, QuotaPurpose.SYNC))).isPresent();
    assertThat(usage().sync()).isEqualTo(2);
    assertThat(await(client.ownChannel(alice, QuotaPurpose.SYNC))).isPresent();
    assertThat(usage().sync()).as("the refreshed token is reused, no second 401").isEqualTo(3);
  }

  @Test
  void aRevokedGrantIsTokenRevokedNotAnOptOut() throws Exception {
    OwnerTokens alice = signUp("alice@example.com").tokens();
    devnet.faults("{\"tokensRevoked\":true}");
    devnet.expireAccessTokens();
    assertThatThrownBy(() -> await(client.ownChannel(alice, QuotaPurpose.SYNC)))
        .isInstanceOf(YoutubeApiException.TokenRevoked.class)
        .hasMessageContaining("not opted out automatically")
        .hasMessageNotContaining(alice.refreshToken());
  }

  @Test
  void transientErrorsAreRetriedWithBackoffThenSurfaced() throws Exception {
    devnet.faults("{\"serverErrors\":true}");
    assertThatThrownBy(() -> await(client.channelStatistics(List.of("UCaaaaaaaaaaaaaaaaaaaaaa"))))
        .isInstanceOf(YoutubeApiException.Transient.class)
        .hasMessageContaining("503")
        .hasMessageNotContaining("devnet-api-key");
    assertThat(usage().sync()).isEqualTo(3);
  }

  @Test
  void malformedResponsesAreTypedAndNotRetried() throws Exception {
    devnet.faults("{\"malformedResponses\":true}");
    assertThatThrownBy(() -> await(client.channelStatistics(List.of("UCaaaaaaaaaaaaaaaaaaaaaa"))))
        .isInstanceOf(YoutubeApiException.MalformedResponse.class);
    assertThat(usage().sync()).isEqualTo(1);
  }

  @Test
  void whenYoutubeQuotaIsExhaustedSyncWaitsAndSignupsFailClearly() throws Exception {
    OwnerTokens alice = signUp("alice@example.com").tokens();
    devnet.faults("{\"quotaExhausted\":true}");
    CompletableFuture<Map<String, ChannelStatistics>> sync =
        client.channelStatistics(List.of("UCaaaaaaaaaaaaaaaaaaaaaa")).toCompletableFuture();
    assertThatThrownBy(() -> await(client.ownChannel(alice, QuotaPurpose.SIGNUP)))
        .isInstanceOf(YoutubeApiException.QuotaExceeded.class)
        .satisfies(
            e ->
                assertThat(((YoutubeApiException) e).code())
                    .isEqualTo("YOUTUBE_QUOTA_LIMIT_EXCEEDED"));
    Awaitility.await("the sync call waiting for quota")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> governor.waitingCalls() > 0);
    assertThat(governor.waitingCalls()).isEqualTo(1);
    assertThat(sync).isNotDone();
    devnet.resetFaults();
    assertThat(await(client.ownChannel(alice, QuotaPurpose.SIGNUP))).isPresent();
    assertThat(sync).isNotDone();
    Optional<QuotaUsage> today = Optional.of(usage());
    assertThat(today.get().signup()).isEqualTo(2);
    assertThat(today.get().sync())
        .as("the rest of the sync budget is marked spent")
        .isEqualTo(9_500);
  }

  @Test
  void unknownPlaylistsAreNotFoundAndAnUnreachableYoutubeIsNotConnected() throws Exception {
    assertThatThrownBy(
            () ->
                await(
                    client.latestUploads(null, "UUnosuchplaylist000000000", 5, QuotaPurpose.SYNC)))
        .isInstanceOf(YoutubeApiException.NotFound.class);
    int closedPort;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    YoutubeDataClient offline =
        new YoutubeDataClient(
            settings(YoutubeEndpoints.devnet("http://127.0.0.1:" + closedPort)),
            governor,
            blocking);
    assertThatThrownBy(() -> await(offline.channelStatistics(List.of("UCaaaaaaaaaaaaaaaaaaaaaa"))))
        .isInstanceOf(YoutubeApiException.Transient.class)
        .satisfies(
            e ->
                assertThat(((YoutubeApiException) e).code())
                    .isEqualTo("YOUTUBE_API_NOT_CONNECTED"));
  }
}
