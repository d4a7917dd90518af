package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage-bucket alert over what a real node logged: a storage bucket of the channel's bag is
 * full (the devnet's owner action), so the chain refuses to create the channel's video; the node's
 * lines, shipped to the test Elasticsearch by joysync's own appender, make the storage-bucket rule
 * of {@code kibana/rules} fire, and no other rule. The bucket stays full, so this test has a node
 * of its own.
 */
@Needs({Service.CASSANDRA, Service.ELASTICSEARCH})
class StorageAlertIntegrationTest {

  @TempDir static Path downloads;
  @TempDir static Path logSpool;
  static ShippedLogs logs;
  static NodeWithDevnets net;

  @BeforeAll
  static void start() throws Exception {
    logs = new ShippedLogs(logSpool);
    net = NodeWithDevnets.syncing("storagealert", downloads, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.inOrder(net, logs);
  }

  @Test
  void aFullStorageBucketFiresTheStorageRuleAndNoOther() {
    // Bucket 0 holds every channel's bag on the devnet; filled to its limits, it takes no object.
    ApiClient admin = new ApiClient(net.devnets.joystream.adminUrl());
    assertThat(admin.send("POST", "/actions/bucket-full", "{\"bucketId\":0}", null).status())
        .isEqualTo(200);
    // Bob's young channel meets no requirement: an operator whitelists it, as for youtube-synch.
    net.whitelist("@bobstarts");
    net.signUp(DevnetSeed.BOB, 2);
    await("the chain's refusal is logged")
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                logs.count("Storage.StorageBucketObjectNumberLimitReached")
                        + logs.count("Storage.StorageBucketObjectSizeLimitReached")
                    > 0);

    logs.stopAndRefresh();
    KibanaRules.assertOnlyFire(
        logs.indices(),
        m -> assertThat(m).contains("Storage.StorageBucketObject"),
        "joysync-storage-bucket");
  }
}
