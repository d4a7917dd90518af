package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.TestCluster;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelProfile;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.link.JoystreamLinkEntity;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.youtube.YoutubeSettings;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.QuotaBudget;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaLedger;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.engine.youtube.quota.QuotaUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue clean-up's refusals, on sharded entities in memory: a channel known by neither id, and
 * a day's sync quota that cannot pay for the run, are refused before YouTube is asked, and the
 * waiting video is left as it was.
 */
class QueueCleanupTest {

  private static final String CHANNEL = "UCqueuecleanup000000001";
  private static final String VIDEO = "waiting0001";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static ActorTestKit testKit;
  private static final AtomicLong syncUsed = new AtomicLong();
  private static final AtomicLong youtubeCalls = new AtomicLong();
  private static QueueCleanup cleanup;

  /** The work index: the one waiting video, in its channel's slot. */
  private static final WorkIndex WORK =
      (slot, limit) ->
          CompletableFuture.completedFuture(
              slot == WorkIndex.slotOf(CHANNEL)
                  ? List.of(
                      new WorkItem(
                          VIDEO,
                          CHANNEL,
                          VideoState.NEW,
                          false,
                          Instant.parse("2026-11-01T00:00:00Z"),
                          3,
                          120,
                          0,
                          Optional.empty()))
                  : List.of());

  @BeforeAll
  static void start() throws Exception {
    testKit = TestCluster.start("queue-cleanup");
    ChannelEntity.init(testKit.system());
    VideoEntity.init(testKit.system());
    JoystreamLinkEntity.init(testKit.system());
    QuotaLedger ledger =
        new QuotaLedger() {
          public CompletionStage<QuotaUsage> usage(LocalDate day) {
            return CompletableFuture.completedFuture(new QuotaUsage(day, 0, syncUsed.get()));
          }

          public CompletionStage<Void> charge(LocalDate day, QuotaPurpose purpose, long units) {
            youtubeCalls.incrementAndGet();
            return CompletableFuture.completedFuture(null);
          }

          public CompletionStage<List<QuotaUsage>> history(int limit) {
            return CompletableFuture.completedFuture(List.of());
          }
        };
    QuotaGovernor quota =
        new QuotaGovernor(
            ledger,
            new QuotaBudget(100, 20),
            Clock.systemUTC(),
            Executors.newSingleThreadScheduledExecutor(),
            0);
    YoutubeDataClient youtube =
        new YoutubeDataClient(
            YoutubeSettings.fromConfig(testKit.system().settings().config()).api(),
            quota,
            Executors.newSingleThreadExecutor());
    cleanup =
        new QueueCleanup(
            testKit.system(),
            WORK,
            youtube,
            quota,
            Duration.ofHours(1),
            TIMEOUT,
            Clock.systemUTC());
    ask(
        ClusterSharding.get(testKit.system())
            .entityRefFor(ChannelEntity.ENTITY_KEY, CHANNEL)
            .<ChannelState>askWithStatus(
                r -> new ChannelEntity.SignUp(registration(), r), TIMEOUT));
    TrackVideo.of(testKit.system(), CHANNEL, VIDEO, "Waiting", false);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Registration registration() {
    return new Registration(
        "UnauthorizedUser-" + CHANNEL,
        "",
        5,
        Optional.empty(),
        true,
        Optional.of("cat-1"),
        Optional.empty(),
        new ChannelProfile(
            "Queue",
            "",
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            10,
            1,
            100,
            Optional.empty(),
            Optional.empty()),
        Optional.empty(),
        Instant.now());
  }

  private static <T> T ask(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String state() throws Exception {
    return ask(ClusterSharding.get(testKit.system())
            .entityRefFor(VideoEntity.ENTITY_KEY, VIDEO)
            .<Optional<TrackedVideo>>ask(VideoEntity.Get::new, TIMEOUT))
        .orElseThrow()
        .state()
        .wireName();
  }

  @Test
  void aSpentSyncQuotaRefusesTheRunBeforeYoutubeIsAskedAndNothingChanges() throws Exception {
    syncUsed.set(80);
    long calls = youtubeCalls.get();

    QueueCleanup.Result result =
        ask(cleanup.run(new QueueCleanup.Request(Optional.of(CHANNEL), true)));

    assertThat(result).isInstanceOf(QueueCleanup.QuotaExhausted.class);
    QueueCleanup.QuotaExhausted refused = (QueueCleanup.QuotaExhausted) result;
    assertThat(refused.code()).isEqualTo("YOUTUBE_QUOTA_LIMIT_EXCEEDED");
    assertThat(refused.unitsNeeded()).isEqualTo(1);
    assertThat(refused.unitsLeft()).isZero();
    assertThat(youtubeCalls.get()).as("no Data API call charged").isEqualTo(calls);
    assertThat(state()).isEqualTo("New");
    assertThat(ask(cleanup.run(new QueueCleanup.Request(Optional.empty(), false))))
        .as("every syncing channel: the same refusal")
        .isInstanceOf(QueueCleanup.QuotaExhausted.class);
  }

  @Test
  void aChannelKnownByNeitherIdIsRefused() throws Exception {
    assertThat(ask(cleanup.run(new QueueCleanup.Request(Optional.of("UCnobody"), true))))
        .isEqualTo(new QueueCleanup.UnknownChannel("UCnobody"));
    assertThat(ask(cleanup.run(new QueueCleanup.Request(Optional.of("4242"), true))))
        .isEqualTo(new QueueCleanup.UnknownChannel("4242"));
    assertThat(state()).isEqualTo("New");
  }
}
