package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import io.joysync.harness.TestEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A command of the {@code joysync} command line ends when its work is done, also where log lines
 * are shipped to Elasticsearch (a deployment's environment sets {@code JOYSYNC_ELASTICSEARCH_URL}
 * for every process, the commands an operator runs in a node's container among them). The
 * Elasticsearch client's threads once kept such a process running after {@code joysync schema
 * apply} had applied the schema, so a deployment waiting for it never went on.
 */
@Needs({Service.CASSANDRA, Service.ELASTICSEARCH})
class ShippingCommandExitIntegrationTest {

  @Test
  void schemaApplyEndsAndItsLinesAreInElasticsearch() throws Exception {
    String index = "cmd-exit-" + UUID.randomUUID().toString().substring(0, 8);
    ForkedNode.Launch launch =
        ForkedNode.Launch.fresh("cmdexit")
            .withEnvironment(
                Map.of(
                    "JOYSYNC_ELASTICSEARCH_URL",
                    TestEnvironment.elasticsearchUrl(),
                    "JOYSYNC_ELASTICSEARCH_INDEX",
                    index));
    try {
      // Fails unless the process has ended, with status 0, within 120 s.
      launch.applySchema();
      await("the command's lines in Elasticsearch")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                KibanaRules.send("POST", "/" + index + "-*/_refresh", null);
                assertThat(
                        KibanaRules.send("POST", "/" + index + "-*/_count", null)
                            .path("count")
                            .asLong())
                    .isPositive();
              });
    } finally {
      launch.dropKeyspaces();
      KibanaRules.deleteIndices(index + "-*");
      KibanaRules.send("DELETE", "/_index_template/" + index, null);
      KibanaRules.send("DELETE", "/_ilm/policy/" + index + "-retention", null);
    }
  }
}
