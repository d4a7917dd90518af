package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.devnet.Devnet;
import io.joysync.devnet.RunningDevnet;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.joystream.content.VideoFacts;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Publisher on a one-node cluster against the devnet: requests go through cluster sharding to
 * the signer account of a collaborator of the video's channel, a channel sticks to one account, bad
 * input and channels joysync may not publish on are refused before any chain work, repeats are
 * answered once, and the operator view lists every account.
 */
class PublisherDevnetTest {
  private static final Duration WAIT = PublishingDevnet.WAIT;
  private static RunningDevnet devnet;
  private static ActorTestKit testKit;
  private static ChainConnection chain;
  private static Publisher publisher;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(PublishingDevnet.blocksOf("500ms"));
    testKit =
        ActorTestKit.create(
            "publisher",
            ConfigFactory.parseString(
                    "pekko.actor.provider = cluster\n"
                        + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                        + "pekko.remote.artery.canonical.port = 0\n"
                        + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on\n")
                .withFallback(ConfigFactory.parseResources("joysync/serialization.conf"))
                .withFallback(EventSourcedBehaviorTestKit.config())
                .withFallback(ConfigFactory.load()));
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    chain = new ChainConnection(URI.create(devnet.chainUrl()));
    publisher =
        Publisher.start(
            testKit.system(),
            TestVideos.settings(PublishingDevnet.ACCOUNTS + "collaborator-cache-ttl = 500ms\n"),
            chain,
            OrionClient.create(URI.create(devnet.orionUrl())));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    chain.close();
    devnet.close();
  }

  private static CreationResult create(VideoToCreate video) throws Exception {
    return publisher.create(video).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The member whose account signed the video, from the accounts' journals. */
  private static long signer(String ytVideoId) {
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    for (long member = 1; member <= 3; member++) {
      for (Object e : journal.persistedInStorage("SignerAccount|" + member)) {
        if (e instanceof SignerAccount.ExtrinsicSigned s && s.batch().holds(ytVideoId)) {
          return member;
        }
      }
    }
    throw new AssertionError(ytVideoId + " was signed by no account");
  }

  private static io.joysync.joystream.storage.ChannelInfo channelInfo(long channel)
      throws Exception {
    return chain
        .chainState()
        .thenCompose(s -> s.channel(channel, null))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .orElseThrow();
  }

  @Test
  void eachChannelsVideosGoToOneCollaboratorAndAreCreatedOnce() throws Exception {
    List<CompletableFuture<CreationResult>> futures = new ArrayList<>();
    List<VideoToCreate> videos = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      VideoToCreate v = TestVideos.video(TestVideos.freshId(), 1 + i % 2);
      videos.add(v);
      futures.add(publisher.create(v).toCompletableFuture());
    }
    for (int i = 0; i < videos.size(); i++) {
      Created c = (Created) futures.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(c.ytVideoId()).isEqualTo(videos.get(i).ytVideoId());
      long channel = videos.get(i).joystreamChannelId();
      var info = channelInfo(channel);
      long[] collaborators =
          java.util.stream.LongStream.of(1, 2, 3).filter(m -> info.allows(m, "AddVideo")).toArray();
      long expected = AccountRouterTest.expectedMember(channel, collaborators);
      assertThat(signer(c.ytVideoId())).isEqualTo(expected);
    }
  }

  @Test
  void badInputAndChannelsJoysyncMayNotPublishOnAreRefusedBeforeAnyChainWork() throws Exception {
    Refused noCollaborator = (Refused) create(TestVideos.video(TestVideos.freshId(), 3));
    assertThat(noCollaborator.code()).isEqualTo(Refused.CHANNEL_NOT_COLLABORATOR);
    assertThat(noCollaborator.retryable()).isFalse();
    assertThat(((Refused) create(TestVideos.video(TestVideos.freshId(), 999))).code())
        .isEqualTo(Refused.CHANNEL_NOT_FOUND);
    assertThat(((Refused) create(TestVideos.video(TestVideos.freshId(), 1, 0))).code())
        .isEqualTo(Refused.ASSET_SIZE);
    assertThat(((Refused) create(TestVideos.video(TestVideos.freshId(), 1, 70L << 30))).code())
        .isEqualTo(Refused.ASSET_SIZE);
    VideoToCreate v = TestVideos.video(TestVideos.freshId(), 1);
    VideoFacts f = v.metadata();
    VideoFacts huge =
        new VideoFacts(
            f.ytVideoId(),
            f.title(),
            "x".repeat(60_000),
            f.durationSeconds(),
            f.pixelWidth(),
            f.pixelHeight(),
            f.codecName(),
            f.container(),
            f.language(),
            f.category(),
            f.license(),
            f.publishedAt(),
            f.isShort(),
            0,
            1);
    Refused tooBig =
        (Refused) create(new VideoToCreate(v.ytVideoId(), 1, huge, v.media(), v.thumbnail()));
    assertThat(tooBig.code()).isEqualTo(Refused.INVALID_METADATA);
    assertThat(tooBig.reason()).contains("50000");
  }

  @Test
  void aRepeatJoinsTheFirstRequestAndLaterIsAnsweredAtOnce() throws Exception {
    VideoToCreate v = TestVideos.video(TestVideos.freshId(), 2);
    CompletableFuture<CreationResult> first = publisher.create(v).toCompletableFuture();
    CompletableFuture<CreationResult> second = publisher.create(v).toCompletableFuture();
    Created created = (Created) first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(created);
    assertThat(create(v)).isEqualTo(created);
  }

  @Test
  void whenTheChannelRemovesItsCollaboratorTheVideosGoToAnotherOne() throws Exception {
    VideoToCreate v = TestVideos.video(TestVideos.freshId(), 1);
    assertThat(create(v)).isInstanceOf(Created.class);
    long before = signer(v.ytVideoId());
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(devnet.adminUrl() + "/actions/remove-collaborator"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"channelId\": 1, \"memberId\": " + before + "}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              VideoToCreate next = TestVideos.video(TestVideos.freshId(), 1);
              assertThat(create(next)).isInstanceOf(Created.class);
              assertThat(signer(next.ytVideoId())).isNotEqualTo(before);
              return null;
            });
  }

  @Test
  void theOperatorViewListsEveryAccountWithItsAddressAndNonce() throws Exception {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              List<AccountStatus> all =
                  publisher.accounts().toCompletableFuture().get(10, TimeUnit.SECONDS);
              assertThat(all).extracting(AccountStatus::memberId).containsExactly(1L, 2L, 3L);
              for (AccountStatus s : all) {
                assertThat(s.state()).isEqualTo("ACTIVE");
                assertThat(s.freeBalance()).isNotEqualTo("unknown");
                assertThat(s.address()).startsWith("j4");
              }
              return null;
            });
    assertThat(publisher.enabled()).isTrue();
  }
}
