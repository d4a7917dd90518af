package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.channel.Tier;
import io.joysync.engine.channel.YppStatus;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.onboarding.OnboardingCheck;
import io.joysync.engine.youtube.onboarding.OnboardingRequirements;
import io.joysync.engine.youtube.onboarding.RequirementFailure;
import io.joysync.engine.youtube.quota.InMemoryQuotaLedger;
import io.joysync.engine.youtube.quota.QuotaBudget;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-up requirements evaluated on the devnet's creators, every failure at once, bounded listing.
 */
class OnboardingCheckTest {

  static YoutubeDevnetFixture devnet;
  final ExecutorService blocking = Executors.newFixedThreadPool(2);
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  QuotaGovernor governor;
  YoutubeDataClient client;

  @BeforeAll
  static void start() {
    devnet = YoutubeDevnetFixture.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (devnet != null) {
      devnet.close();
    }
  }

  @BeforeEach
  void setUp() {
    governor =
        new QuotaGovernor(
            new InMemoryQuotaLedger(),
            new QuotaBudget(10_000, 500),
            Clock.systemUTC(),
            scheduler,
            10);
    client =
        new YoutubeDataClient(
            YoutubeDataClientTest.settings(devnet.endpoints()), governor, blocking);
  }

  @AfterEach
  void tearDown() {
    blocking.shutdownNow();
    scheduler.shutdownNow();
  }

  YoutubeChannel channelOf(String account) throws Exception {
    var auth =
        YoutubeDataClientTest.await(
            client.exchangeCode(
                devnet.authorizationCode(account, "http://127.0.0.1/cb", null, true),
                "http://127.0.0.1/cb"));
    return YoutubeDataClientTest.await(client.ownChannel(auth.tokens(), QuotaPurpose.SIGNUP))
        .orElseThrow();
  }

  List<RequirementFailure> evaluate(OnboardingRequirements requirements, YoutubeChannel channel)
      throws Exception {
    return YoutubeDataClientTest.await(
        new OnboardingCheck(requirements, client, Clock.systemUTC()).evaluate(channel));
  }

  @Test
  void anEstablishedChannelPassesWithOneListingPage() throws Exception {
    YoutubeChannel alice = channelOf("alice@example.com");
    assertThat(evaluate(OnboardingRequirements.production(), alice)).isEmpty();
    assertThat(YoutubeDataClientTest.await(governor.usageToday()).signup()).isEqualTo(2);
  }

  @Test
  void aNewSmallChannelGetsEveryFailureWithResultAndExpected() throws Exception {
    YoutubeChannel bob = channelOf("bob@example.com");
    List<RequirementFailure> failures =
        evaluate(new OnboardingRequirements(50, 2, 0, 720, 1, 1, 200), bob);
    assertThat(failures)
        .extracting(RequirementFailure::code)
        .containsExactly(
            "CHANNEL_CRITERIA_UNMET_SUBSCRIBERS",
            "CHANNEL_CRITERIA_UNMET_VIDEOS",
            "CHANNEL_CRITERIA_UNMET_CREATION_DATE");
    assertThat(failures.get(0).result()).isEqualTo("10");
    assertThat(failures.get(0).expected()).isEqualTo("50");
    assertThat(failures.get(1).result()).isEqualTo("1");
    assertThat(failures.get(2).message()).contains("at least 1 months");
  }

  @Test
  void monthsToConsiderIsHonouredAndListingIsBounded() throws Exception {
    YoutubeChannel alice = channelOf("alice@example.com");
    long before = YoutubeDataClientTest.await(governor.usageToday()).signup();
    List<RequirementFailure> strict =
        evaluate(new OnboardingRequirements(0, 1000, 0, 0, 0, 0, 120), alice);
    assertThat(strict).extracting(RequirementFailure::result).containsExactly("70");
    assertThat(YoutubeDataClientTest.await(governor.usageToday()).signup() - before).isEqualTo(2);

    assertThat(evaluate(new OnboardingRequirements(0, 0, 0, 0, 20, 1, 200), alice))
        .extracting(RequirementFailure::code)
        .containsExactly("CHANNEL_CRITERIA_UNMET_NEW_VIDEOS_REQUIREMENT");
    assertThat(evaluate(new OnboardingRequirements(0, 0, 0, 0, 20, 6, 200), alice)).isEmpty();
  }

  @Test
  void tiersCarryYoutubeSynchsCaps() {
    assertThat(YppStatus.parse("Unverified").orElseThrow().limits().videoCap()).isEqualTo(5);
    assertThat(YppStatus.parse("Verified::Silver").orElseThrow().limits().historicalSizeCap())
        .isEqualTo(10_000_000_000L);
    assertThat(YppStatus.parse("Verified::Gold").orElseThrow().limits().videoCap()).isEqualTo(250);
    assertThat(YppStatus.parse("Verified::Diamond").orElseThrow().limits().historicalSizeCap())
        .isEqualTo(1_000_000_000_000L);
    assertThat(YppStatus.parse("Suspended::CopyrightBreach").orElseThrow().limits())
        .isEqualTo(Tier.BRONZE);
  }
}
