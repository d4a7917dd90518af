package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.joysync.devnet.Devnet;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainEvent;
import io.joysync.devnet.chain.EventLog;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.engine.publish.CreationResult.Updated;
import io.joysync.joystream.content.proto.ContentMetadata;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metadata updates through the Publisher on a one-node cluster against the devnet: the update goes
 * to the account of a member with UpdateVideoMetadata on the channel, lands as one metadata-only
 * {@code content.update_video} that Orion reads as the new title and description, and asking again
 * for the same edit signs nothing more; a channel where no member may update videos is refused.
 */
class PublisherUpdateDevnetTest {
  private static final Duration WAIT = PublishingDevnet.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningDevnet devnet;
  private static ActorTestKit testKit;
  private static ChainConnection chain;
  private static Publisher publisher;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(PublishingDevnet.blocksOf("500ms"));
    testKit =
        ActorTestKit.create(
            "publisher-updates",
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
            TestVideos.settings(PublishingDevnet.ACCOUNTS),
            chain,
            OrionClient.create(URI.create(devnet.orionUrl())));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    chain.close();
    devnet.close();
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void anEditLandsOnceAsAMetadataOnlyUpdateAndARepeatSignsNothing() throws Exception {
    String ytId = TestVideos.freshId();
    Created created = (Created) await(publisher.create(TestVideos.video(ytId, 1)));
    VideoUpdate edit = new VideoUpdate(ytId, 1, created.videoId(), 1, "Edited", "New text");

    Updated updated = (Updated) await(publisher.update(edit));
    assertThat(updated.videoId()).isEqualTo(created.videoId());
    assertThat(updated.revision()).isEqualTo(1);
    assertThat(updatesOnChain(created.videoId()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getVideoMetadata().getTitle()).isEqualTo("Edited");
              assertThat(m.getVideoMetadata().getDescription()).isEqualTo("New text");
              assertThat(m.getVideoMetadata().hasVideo()).isFalse();
            });
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              JsonNode v = orionVideo(created.videoId());
              assertThat(v.get("title").asText()).isEqualTo("Edited");
              assertThat(v.get("description").asText()).isEqualTo("New text");
              return null;
            });

    assertThat(await(publisher.update(edit))).isEqualTo(updated);
    assertThat(updatesOnChain(created.videoId())).hasSize(1);
  }

  @Test
  void aChannelWhereNoMemberMayUpdateVideosIsRefused() throws Exception {
    String ytId = TestVideos.freshId();
    Created created = (Created) await(publisher.create(TestVideos.video(ytId, 2)));
    Refused refused =
        (Refused) await(publisher.update(new VideoUpdate(ytId, 2, created.videoId(), 1, "t", "d")));
    assertThat(refused.code()).isEqualTo(Refused.CHANNEL_NOT_COLLABORATOR);
    assertThat(refused.retryable()).isFalse();
    assertThat(updatesOnChain(created.videoId())).isEmpty();
  }

  /** The new metadata of every VideoUpdated event of the video in the chain's blocks. */
  private static List<ContentMetadata> updatesOnChain(long videoId) throws Exception {
    List<ContentMetadata> found = new ArrayList<>();
    long best = devnet.chain().best().number();
    for (long n = 1; n <= best; n++) {
      Optional<Block> block = devnet.chain().block(n);
      for (EventLog.Record r : block.map(Block::events).orElse(List.of())) {
        if (r.domain().orElse(null) instanceof ChainEvent.VideoUpdated u
            && u.videoId() == videoId) {
          found.add(ContentMetadata.parseFrom(u.newMeta().orElseThrow()));
        }
      }
    }
    return found;
  }

  private static JsonNode orionVideo(long videoId) throws Exception {
    String query = "{ videos(where:{id_eq:\\\"" + videoId + "\\\"}) { id title description } }";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(devnet.orionUrl()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode videos = JSON.readTree(r.body()).get("data").get("videos");
    assertThat(videos).as(r.body()).hasSize(1);
    return videos.get(0);
  }
}
