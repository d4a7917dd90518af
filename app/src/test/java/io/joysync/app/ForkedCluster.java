package io.joysync.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes in JVMs of their own ({@link ForkedNode}) on one set of fresh keyspaces, with the devnets
 * in the test's JVM: what the multi-node tests share. Closing kills the nodes still running, drops
 * the keyspaces and stops the devnets.
 */
public final class ForkedCluster implements AutoCloseable {

  public final Devnets devnets;

  /** Every node's launch: the devnets' endpoints and secrets on the test's keyspaces. */
  public final ForkedNode.Launch launch;

  /** The nodes started, by index; a test replaces a node it restarts. */
  public final List<ForkedNode> nodes = new ArrayList<>();

  private ForkedCluster(Devnets devnets, ForkedNode.Launch launch) {
    this.devnets = devnets;
    this.launch = launch;
  }

  public static ForkedCluster start(String test) throws Exception {
    return start(test, Devnets.start());
  }

  /** Nodes on fresh keyspaces against the given devnets, which the cluster stops when closed. */
  public static ForkedCluster start(String test, Devnets devnets) throws Exception {
    return new ForkedCluster(
        devnets,
        ForkedNode.Launch.fresh(test)
            .withConfig(devnets.nodeSettings())
            .withEnvironment(devnets.secrets()));
  }

  /**
   * The settings of nodes that form their cluster through Cluster Bootstrap, the given nodes'
   * management endpoints listed as the contact points (as {@code local-cluster.conf} does), on a
   * schema applied beforehand ({@link ForkedNode.Launch#applySchema}), as a deployment of several
   * nodes runs.
   */
  public static Map<String, String> bootstrap(List<ForkedNode.Ports> ports) {
    Map<String, String> settings = new HashMap<>();
    settings.put("joysync.cluster.formation", "bootstrap");
    for (int i = 0; i < ports.size(); i++) {
      String endpoint = "pekko.discovery.config.services.joysync.endpoints." + i;
      settings.put(endpoint + ".host", "127.0.0.1");
      settings.put(endpoint + ".port", Integer.toString(ports.get(i).management()));
    }
    settings.put("joysync.cassandra.auto-create", "false");
    return settings;
  }

  @Override
  public void close() throws Exception {
    try (Devnets ignored = devnets) {
      for (ForkedNode node : nodes) {
        node.close();
      }
      launch.dropKeyspaces();
    }
  }
}
