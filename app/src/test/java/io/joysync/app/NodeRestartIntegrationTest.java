package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A node stopped and started again on the same keyspaces reads its whitelist back. */
@Needs(Service.CASSANDRA)
class NodeRestartIntegrationTest {

  @Test
  void whitelistSurvivesARestart() throws Exception {
    String keyspaces = TestCassandra.freshKeyspacePrefix("restart");
    String kept = "@kept" + UUID.randomUUID().toString().substring(0, 8);
    String removed = "@removed" + UUID.randomUUID().toString().substring(0, 8);

    TestNodes.Started first = TestNodes.start(keyspaces);
    try {
      String body =
          "[{\"channelHandle\":\"" + kept + "\"},{\"channelHandle\":\"" + removed + "\"}]";
      assertThat(first.api().send("POST", "/channels/whitelist", body, OPERATOR_KEY).status())
          .isEqualTo(201);
      assertThat(
              first
                  .api()
                  .send("DELETE", "/channels/whitelist/" + removed, null, OPERATOR_KEY)
                  .status())
          .isEqualTo(200);
    } finally {
      first.stop();
    }

    TestNodes.Started second = TestNodes.start(keyspaces);
    try {
      assertThat(
              second.api().send("GET", "/channels/whitelist/" + kept, null, OPERATOR_KEY).status())
          .isEqualTo(200);
      assertThat(
              second
                  .api()
                  .send("GET", "/channels/whitelist/" + removed, null, OPERATOR_KEY)
                  .status())
          .isEqualTo(404);
    } finally {
      second.stop();
    }
  }
}
