package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.ContentActor;
import io.joysync.joystream.call.CreateVideo;
import io.joysync.joystream.extrinsic.ChainIdentity;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.extrinsic.TransactionParams;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.RpcSettings;
import io.joysync.joystream.rpc.TransactionStatus;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chain watch and the durability of discovery, end to end: collaborator removal and channel
 * deletion on the Joystream devnet each end in their auto opt-out; a video joysync created and that
 * was deleted on chain becomes {@code VideoUnavailable::Deleted}; a node stopped and started again
 * keeps its watch schedule (an upload made while it was down is found) and its chain position (a
 * collaborator removed while it was down still opts the channel out).
 */
@Needs(Service.CASSANDRA)
class ChainWatchIntegrationTest {

  static final String[] GENERATED = {
    DevnetSeed.generatedChannelId(0),
    DevnetSeed.generatedChannelId(1),
    DevnetSeed.generatedChannelId(2),
    DevnetSeed.generatedChannelId(3)
  };
  static NodeWithDevnets net;
  static String aliceUser;

  @BeforeAll
  static void start() throws Exception {
    net =
        NodeWithDevnets.discovering(
            "chainwatch",
            false,
            YoutubeDevnetSettings.defaults()
                .withPort(0)
                .withSeed(DevnetSeed.standard().withGeneratedChannels(GENERATED.length)),
            Map.of(),
            channels(6));
    aliceUser = net.signUp(DevnetSeed.ALICE, 1);
    for (int i = 0; i < GENERATED.length; i++) {
      ApiClient.Reply added =
          net.api.send(
              "POST",
              "/channels/unauthorized",
              "{\"ytChannelId\":\"" + GENERATED[i] + "\",\"joystreamChannelId\":" + (i + 2) + "}",
              TestNodes.OPERATOR_KEY);
      assertThat(added.status()).as(added.body()).isEqualTo(201);
    }
    try (CqlSession cassandra = ForkedNode.cassandraSession()) {
      await("every channel joined the schedule")
          .atMost(Duration.ofSeconds(30))
          // Discovery creates its tables while the node starts: until then the query is refused,
          // and while Cassandra applies the new table it may answer "Unknown CF" once.
          .ignoreExceptionsMatching(
              e -> e instanceof InvalidQueryException || e instanceof ServerError)
          .until(
              () ->
                  cassandra
                          .execute(
                              "SELECT channel_id FROM "
                                  + net.readKeyspace()
                                  + ".watch_channels WHERE watched = true ALLOW FILTERING")
                          .all()
                          .size()
                      == 1 + GENERATED.length);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (net != null) {
      net.close();
    }
  }

  /** Devnet channels 1..n, each with joysync's member 1 as a collaborator allowed to add videos. */
  static DevnetSettings channels(int n) {
    List<Object> channels = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
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
                  Map.of(
                      "member",
                      "joysync-collaborator-1",
                      "permissions",
                      List.of("AddVideo", "DeleteVideo")))));
    }
    return DevnetSettings.forTests().with("genesis.channels", channels);
  }

  static String status(long joystreamChannelId) {
    return net.api
        .send("GET", "/channels/" + joystreamChannelId, null, null)
        .json()
        .get("yppStatus")
        .asText();
  }

  static void removeCollaborator(long channelId) {
    ApiClient.Reply r =
        net.joystreamAdmin(
            "POST",
            "/actions/remove-collaborator",
            "{\"channelId\":" + channelId + ",\"memberId\":1}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  static List<JsonNode> videosOf(String userId) {
    return net.videos(userId);
  }

  @Test
  void aRemovedCollaboratorOptsTheChannelOut() {
    assertThat(status(2)).isEqualTo("Unverified");
    removeCollaborator(6);
    assertThat(net.joystreamAdmin("POST", "/actions/delete-channel", "{\"channelId\":6}").status())
        .as("events of a Joystream channel joysync does not serve are skipped")
        .isEqualTo(200);
    removeCollaborator(2);
    await("channel of Joystream channel 2 opted out")
        .atMost(Duration.ofSeconds(20))
        .until(() -> status(2).equals("OptedOut"));
  }

  @Test
  void aDeletedJoystreamChannelOptsTheChannelOut() {
    ApiClient.Reply r = net.joystreamAdmin("POST", "/actions/delete-channel", "{\"channelId\":3}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    await("channel of Joystream channel 3 opted out")
        .atMost(Duration.ofSeconds(20))
        .until(() -> status(3).equals("OptedOut"));
  }

  @Test
  void aVideoJoysyncCreatedAndDeletedOnChainBecomesUnavailable() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> !videosOf(aliceUser).isEmpty());
    String videoId = videosOf(aliceUser).get(0).get("id").asText();
    long joystreamVideoId = createVideoOnChain(1);
    ClusterSharding sharding = ClusterSharding.get(net.node.node().system());
    for (VideoTransition step :
        List.of(
            new VideoTransition.StartCreating(),
            new VideoTransition.Created(new JoystreamVideo(joystreamVideoId, List.of()), 0))) {
      StatusReply<VideoRecord> reply =
          sharding
              .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
              .<StatusReply<VideoRecord>>ask(
                  to -> new VideoEntity.Advance(step, Instant.now(), to), Duration.ofSeconds(20))
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      assertThat(reply.isSuccess()).as(String.valueOf(reply)).isTrue();
    }
    await("the read side shows the video created")
        .atMost(Duration.ofSeconds(20))
        .until(() -> state(videoId).equals("VideoCreated"));
    ApiClient.Reply r =
        net.joystreamAdmin(
            "POST", "/actions/delete-video", "{\"videoId\":" + joystreamVideoId + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    await("the video is unavailable")
        .atMost(Duration.ofSeconds(20))
        .until(() -> state(videoId).equals("VideoUnavailable::Deleted"));
  }

  @Test
  void aRestartedNodeKeepsItsScheduleAndItsChainPosition() throws Exception {
    String uploader = GENERATED[2];
    long before = videosOf("UnauthorizedUser-" + uploader).size();
    net.stopNode();
    String videoId = net.upload(uploader, "PUBLIC", "Uploaded while joysync was down");
    removeCollaborator(5);
    net.startNode();
    await("the upload made while down is found by the kept schedule")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                videosOf("UnauthorizedUser-" + uploader).stream()
                    .anyMatch(v -> v.get("id").asText().equals(videoId)));
    assertThat(videosOf("UnauthorizedUser-" + uploader)).hasSize((int) before + 1);
    await("the collaborator removed while down opts its channel out")
        .atMost(Duration.ofSeconds(30))
        .until(() -> status(5).equals("OptedOut"));
  }

  static String state(String videoId) {
    return videosOf(aliceUser).stream()
        .filter(v -> v.get("id").asText().equals(videoId))
        .map(v -> v.get("state").asText())
        .findFirst()
        .orElse("");
  }

  /** joysync's member 1 creates a video without assets on the channel; returns its id. */
  static long createVideoOnChain(long channelId) throws Exception {
    var state = net.joystream.chain().read(rt -> rt.state());
    long videoId = state.nextVideoId();
    KeyPair signer = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");
    JoystreamRpc rpc = JoystreamRpc.connect(RpcSettings.of(URI.create(net.joystream.chainUrl())));
    try {
      byte[] genesis = Hex.decode(rpc.genesisHash().get(10, TimeUnit.SECONDS));
      long nonce = rpc.accountNextIndex(signer.address()).get(10, TimeUnit.SECONDS);
      CreateVideo video =
          new CreateVideo(
              ContentActor.member(1),
              channelId,
              Optional.empty(),
              Optional.empty(),
              state.videoStateBloatBond(),
              state.dataObjectStateBloatBond(),
              5);
      byte[] x =
          SignedExtrinsic.sign(
                  signer,
                  Batch.all(List.of(video)),
                  new ChainIdentity(2004, 2, genesis),
                  TransactionParams.immortal(nonce, BigInteger.ZERO))
              .encode();
      List<TransactionStatus> seen = new CopyOnWriteArrayList<>();
      rpc.submitAndWatchExtrinsic(x)
          .get(10, TimeUnit.SECONDS)
          .forEach(seen::add)
          .get(30, TimeUnit.SECONDS);
      assertThat(seen.get(seen.size() - 1)).isInstanceOf(TransactionStatus.Finalized.class);
    } finally {
      rpc.close();
    }
    boolean created = net.joystream.chain().read(rt -> rt.state().video(videoId).isPresent());
    assertThat(created).as("video %d created", videoId).isTrue();
    return videoId;
  }
}
