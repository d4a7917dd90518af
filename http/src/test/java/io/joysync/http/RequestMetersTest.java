package io.joysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Requests are counted by the route template they match, so the series an operator's Prometheus
 * stores stay few whatever paths callers send.
 */
class RequestMetersTest {

  private final RequestMeters meters = new RequestMeters(new SimpleMeterRegistry());

  @Test
  void aPathIsCountedUnderItsTemplateNotItsIds() {
    assertThat(meters.route("/channels/42")).isEqualTo("/channels/{joystreamChannelId}");
    assertThat(meters.route("/channels/42/referrals"))
        .isEqualTo("/channels/{joystreamChannelId}/referrals");
    assertThat(meters.route("/users/8c1f-e2/videos")).isEqualTo("/users/{userId}/videos");
    assertThat(meters.route("/channels/whitelist/@bob"))
        .isEqualTo("/channels/whitelist/{channelHandle}");
    assertThat(meters.route("/docs/swagger-ui/swagger-ui-bundle.js"))
        .isEqualTo("/docs/swagger-ui/{file}");
  }

  @Test
  void literalRoutesWinOverTemplatesThatWouldAlsoMatch() {
    assertThat(meters.route("/channels/stats")).isEqualTo("/channels/stats");
    assertThat(meters.route("/channels/unverified")).isEqualTo("/channels/unverified");
    assertThat(meters.route("/channels/whitelist")).isEqualTo("/channels/whitelist");
    assertThat(meters.route("/channels")).isEqualTo("/channels");
    assertThat(meters.route("/channels/")).isEqualTo("/channels");
    assertThat(meters.route("/sync/pause")).isEqualTo("/sync/pause");
    assertThat(meters.route("/websub/callback")).isEqualTo("/websub/callback");
  }

  @Test
  void anyOtherPathIsUnmatchedSoTheRoutesStayFew() {
    Set<String> routes = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = UUID.randomUUID().toString();
      routes.add(meters.route("/" + id));
      routes.add(meters.route("/channels/" + id));
      routes.add(meters.route("/admin/" + id + "/x/y"));
      routes.add(meters.route("/channels/" + id + "/" + id));
    }
    assertThat(routes)
        .containsExactlyInAnyOrder(RequestMeters.UNMATCHED, "/channels/{joystreamChannelId}");
  }
}
