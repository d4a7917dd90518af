package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signer accounts against the devnet chain and Orion: videos created exactly once with the ids the
 * chain gave them and the app attribution Orion accepts, a bad video refused with the chain's own
 * error while the rest of its batch is created, and right app-action nonces while Orion lags. Every
 * extrinsic signed here verifies with the polkadot.js reference kit.
 */
class SignerAccountDevnetTest {
  private static PublishingDevnet net;

  @BeforeAll
  static void start() throws Exception {
    net = PublishingDevnet.start(PublishingDevnet.blocksOf("500ms"), "");
  }

  @AfterEach
  void resetFaults() {
    net.devnet.faults().reset();
    net.stopAccounts();
  }

  @AfterAll
  static void stop() {
    net.close();
  }

  private static List<VideoToCreate> videos(int count, long... channels) {
    List<VideoToCreate> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(TestVideos.video(TestVideos.freshId(), channels[i % channels.length]));
    }
    return out;
  }

  private static List<CreationResult> createAll(
      ActorRef<SignerAccount.Command> account, List<VideoToCreate> videos) {
    List<TestProbe<CreationResult>> probes = new ArrayList<>();
    videos.forEach(v -> probes.add(net.create(account, v)));
    return PublishingDevnet.answers(probes);
  }

  @Test
  void videosOfTwoChannelsAreCreatedExactlyOnceWithTheirIdsAssetsAndAttribution() throws Exception {
    ActorRef<SignerAccount.Command> account = net.spawn(1);
    List<VideoToCreate> videos = videos(6, 1, 2);

    List<CreationResult> results = createAll(account, videos);

    Set<Long> videoIds = new HashSet<>();
    for (int i = 0; i < videos.size(); i++) {
      assertThat(results.get(i)).isInstanceOf(Created.class);
      Created c = (Created) results.get(i);
      assertThat(c.ytVideoId()).isEqualTo(videos.get(i).ytVideoId());
      assertThat(c.assetIds()).hasSize(2);
      assertThat(c.assetIds().get(1)).isEqualTo(c.assetIds().get(0) + 1);
      videoIds.add(c.videoId());
      long channel =
          net.devnet.chain().read(rt -> rt.state().video(c.videoId()).orElseThrow().channelId());
      assertThat(channel).isEqualTo(videos.get(i).joystreamChannelId());
      net.assertCreatedOnce(c);
    }
    assertThat(videoIds).hasSize(6);

    TestProbe<CreationResult> again = net.create(account, videos.get(0));
    assertThat(again.receiveMessage(PublishingDevnet.WAIT)).isEqualTo(results.get(0));
    net.assertReferenceKitVerifies(net.signed(1));
  }

  @Test
  void aVideoTheChainRefusesIsRefusedWithItsErrorAndTheRestOfItsBatchIsCreated() throws Exception {
    ActorRef<SignerAccount.Command> account = net.spawn(2);
    VideoToCreate first = TestVideos.video(TestVideos.freshId(), 1);
    VideoToCreate noCollaborator = TestVideos.video(TestVideos.freshId(), 3);
    VideoToCreate last = TestVideos.video(TestVideos.freshId(), 2);

    List<CreationResult> results = createAll(account, List.of(first, noCollaborator, last));

    assertThat(results.get(0)).isInstanceOf(Created.class);
    assertThat(results.get(2)).isInstanceOf(Created.class);
    Refused refused = (Refused) results.get(1);
    assertThat(refused.code()).isEqualTo("CHAIN_REJECTED:Content.ActorNotAuthorized");
    assertThat(refused.retryable()).isFalse();
    net.assertCreatedOnce((Created) results.get(0));
    net.assertCreatedOnce((Created) results.get(2));
    List<SignedBatch> signed = net.signed(2);
    assertThat(signed).extracting(SignedBatch::mode).contains(SignedBatch.Mode.DIAGNOSE);
    net.assertReferenceKitVerifies(signed);
  }

  @Test
  void appActionNoncesComeFromTheChainWhileOrionLags() throws Exception {
    ActorRef<SignerAccount.Command> account = net.spawn(3);
    net.devnet.faults().setOrionExtraLag(6);

    List<CreationResult> firstRound = createAll(account, videos(3, 1));
    List<CreationResult> secondRound = createAll(account, videos(3, 1, 2));

    net.devnet.faults().setOrionExtraLag(0);
    for (CreationResult r : firstRound) {
      net.assertCreatedOnce((Created) r);
    }
    for (CreationResult r : secondRound) {
      net.assertCreatedOnce((Created) r);
    }
    net.assertReferenceKitVerifies(net.signed(3));
  }

  @Test
  void anAccountThatDoesNotKnowAVideoFindsItThroughOrionInsteadOfCreatingItAgain() {
    VideoToCreate video = TestVideos.video(TestVideos.freshId(), 2);
    ActorRef<SignerAccount.Command> creator = net.spawn(1);
    Created created = (Created) net.create(creator, video).receiveMessage(PublishingDevnet.WAIT);
    net.crash(creator);
    net.assertCreatedOnce(created);
    int signedBefore = net.signed(2).size();

    CreationResult again = net.create(net.spawn(2), video).receiveMessage(PublishingDevnet.WAIT);

    assertThat(again)
        .isEqualTo(new Created(video.ytVideoId(), created.videoId(), created.assetIds(), 0));
    assertThat(net.signed(2)).hasSize(signedBefore);
    net.assertCreatedOnce(created);
  }
}
