package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A user's videos as Atlas reads them ({@code GET /users/:id/videos}), for the sync tests. */
public final class UserVideos {

  private UserVideos() {}

  /** The user's videos now, or none while the read side does not list the user yet. */
  public static List<JsonNode> of(ApiClient api, String userId) {
    ApiClient.Reply reply = api.send("GET", "/users/" + userId + "/videos", null, null);
    List<JsonNode> videos = new ArrayList<>();
    if (reply.status() == 200) {
      reply.json().forEach(videos::add);
    }
    return videos;
  }

  /** The status of Atlas' list of the user's videos on the node (0 when it did not answer). */
  public static int listingStatus(ApiClient api, String userId) {
    try {
      return api.send("GET", "/users/" + userId + "/videos", null, null).status();
    } catch (AssertionError noAnswer) {
      return 0;
    }
  }

  public static long inState(ApiClient api, String userId, String state) {
    return of(api, userId).stream().filter(v -> v.get("state").asText().equals(state)).count();
  }

  /** Waits until the user's videos number {@code count} and none is on its way any more. */
  static List<JsonNode> awaitAllEnded(ApiClient api, String userId, int count, Duration limit) {
    List<JsonNode> videos = new ArrayList<>();
    await()
        .atMost(limit)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<JsonNode> listed = of(api, userId);
              assertThat(listed).hasSize(count);
              assertThat(listed)
                  .allSatisfy(
                      v ->
                          assertThat(v.get("state").asText())
                              .matches("UploadSucceeded|VideoUnavailable::.*"));
              videos.clear();
              videos.addAll(listed);
            });
    return videos;
  }
}
