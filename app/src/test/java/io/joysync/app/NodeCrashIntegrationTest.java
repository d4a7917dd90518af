package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node process killed with SIGKILL right after acknowledging whitelist changes, then started
 * again, has lost none of them: an acknowledged change is in the journal, not in memory.
 */
@Needs(Service.CASSANDRA)
class NodeCrashIntegrationTest {

  private ForkedNode.Launch launch;

  @AfterEach
  void dropKeyspaces() {
    if (launch != null) {
      launch.dropKeyspaces();
    }
  }

  @Test
  void noAcknowledgedEntryIsLostToKillMinus9() throws Exception {
    launch = ForkedNode.Launch.fresh("crash");
    List<String> handles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      handles.add("@crash" + i + "x" + UUID.randomUUID().toString().substring(0, 6));
    }

    try (ForkedNode first = launch.start()) {
      for (String h : handles) {
        assertThat(
                first
                    .api()
                    .send(
                        "POST",
                        "/channels/whitelist",
                        "[{\"channelHandle\":\"" + h + "\"}]",
                        OPERATOR_KEY)
                    .status())
            .isEqualTo(201);
      }
      assertThat(
              first
                  .api()
                  .send("DELETE", "/channels/whitelist/" + handles.get(0), null, OPERATOR_KEY)
                  .status())
          .isEqualTo(200);
      first.kill();
    }

    try (ForkedNode second = launch.start()) {
      assertThat(
              second
                  .api()
                  .send("GET", "/channels/whitelist/" + handles.get(0), null, OPERATOR_KEY)
                  .status())
          .isEqualTo(404);
      for (String h : handles.subList(1, handles.size())) {
        assertThat(
                second.api().send("GET", "/channels/whitelist/" + h, null, OPERATOR_KEY).status())
            .as("whitelisted %s before the crash", h)
            .isEqualTo(200);
      }
    }
  }
}
