package io.joysync.app;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts real nodes (through {@link Node#start}) on free ports against the test Cassandra. */
public final class TestNodes {

  public static final String OPERATOR_KEY = "test-operator-key-0123456789";

  private TestNodes() {}

  record Started(Node.Running node, ApiClient api, ApiClient management) {
    void stop() throws Exception {
      node.system().terminate();
      node.system().getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  static Started start(String keyspacePrefix) throws Exception {
    return start(keyspacePrefix, Map.of());
  }

  static Started start(String keyspacePrefix, Map<String, Object> extra) throws Exception {
    int managementPort = TestCassandra.freePort();
    Node.Running node = Node.start(config(keyspacePrefix, extra, managementPort));
    // A fresh node creates its keyspaces first; on a loaded machine with many keyspaces that DDL
    // alone can take minutes.
    Node.Endpoints endpoints = node.endpoints().toCompletableFuture().get(240, TimeUnit.SECONDS);
    ApiClient api = new ApiClient("http://127.0.0.1:" + endpoints.http().getPort());
    ApiClient management = new ApiClient("http://127.0.0.1:" + managementPort);
    management.await("/ready", r -> r.status() == 200, Duration.ofSeconds(120));
    return new Started(node, api, management);
  }

  /** A test node's configuration: free ports, the test Cassandra, its own keyspaces. */
  static Config config(String keyspacePrefix, Map<String, Object> extra, int managementPort) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("joysync.http.port", 0);
    overrides.put("joysync.http.operator-key", OPERATOR_KEY);
    overrides.put("joysync.http.ask-timeout", "20s");
    overrides.put("pekko.management.http.port", managementPort);
    overrides.put("pekko.remote.artery.canonical.port", 0);
    overrides.put("pekko.coordinated-shutdown.exit-jvm", "off");
    overrides.put("joysync.cassandra.keyspace-prefix", keyspacePrefix);
    overrides.put("joysync.cassandra.contact-point", TestCassandra.contactPoint());
    // Projections see new events sooner than production needs (which waits 5 s for stragglers).
    overrides.put("pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay", "200ms");
    overrides.put("pekko.persistence.cassandra.query.refresh-interval", "500ms");
    // Tests stop nodes often, mid-sync: a short drain keeps them quick
    // (PipelineDrainIntegrationTest
    // runs a real one).
    overrides.put("joysync.pipeline.drain-timeout", "3s");
    overrides.putAll(extra);
    return NodeConfig.load(null, overrides);
  }
}
