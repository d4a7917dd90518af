package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionVideo;
import io.joysync.joystream.storage.ChainState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end state of the crash and failover tests, which sync the devnet's alice (verified Silver:
 * her 60 public videos and five that can never be synced) and bob (one video): every video ended
 * once, on chain exactly as many videos per channel as synced ones, each attributed in Orion once
 * with its assets accepted, and no file left in the given download folders.
 */
final class SyncedOnce {

  private SyncedOnce() {}

  static void assertAliceAndBob(
      Devnets devnets, ApiClient api, String alice, String bob, String context, Path... downloads)
      throws Exception {
    List<JsonNode> aliceVideos = UserVideos.awaitAllEnded(api, alice, 65, Duration.ofMinutes(6));
    List<JsonNode> bobVideos = UserVideos.awaitAllEnded(api, bob, 1, Duration.ofMinutes(6));

    Map<String, Long> states = new HashMap<>();
    aliceVideos.forEach(v -> states.merge(v.get("state").asText(), 1L, Long::sum));
    assertThat(states)
        .as(context)
        .containsEntry("UploadSucceeded", 60L)
        .containsEntry("VideoUnavailable::NotAVideo", 1L)
        .containsEntry("VideoUnavailable::EmptyDownload", 1L)
        .containsEntry("VideoUnavailable::Unavailable", 1L)
        .containsEntry("VideoUnavailable::GeoBlocked", 1L)
        .containsEntry("VideoUnavailable::MembersOnly", 1L);
    assertThat(bobVideos.get(0).get("state").asText()).isEqualTo("UploadSucceeded");

    try (ChainConnection chain = new ChainConnection(URI.create(devnets.joystream.chainUrl()))) {
      ChainState state = chain.chainState().toCompletableFuture().get();
      assertThat(state.channel(1, null).get().orElseThrow().numVideos())
          .as("videos on chain in channel 1 (%s)", context)
          .isEqualTo(60);
      assertThat(state.channel(2, null).get().orElseThrow().numVideos()).isEqualTo(1);
    }
    OrionClient orion = OrionClient.create(URI.create(devnets.joystream.orionUrl()));
    List<JsonNode> all = new ArrayList<>(aliceVideos);
    all.addAll(bobVideos);
    for (JsonNode v : all) {
      if (v.get("state").asText().equals("UploadSucceeded")) {
        List<OrionVideo> found = orion.videosByYtVideoId(v.get("id").asText(), "joysync").get();
        assertThat(found).as("%s in Orion (%s)", v.get("id"), context).hasSize(1);
        assertThat(found.get(0).id()).isEqualTo(v.get("joystreamVideo").get("id").asLong());
        assertThat(found.get(0).assetsAccepted()).isTrue();
      }
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (Path folder : downloads) {
                try (Stream<Path> left = Files.walk(folder)) {
                  assertThat(left.filter(Files::isRegularFile)).as("files in " + folder).isEmpty();
                }
              }
            });
  }
}
