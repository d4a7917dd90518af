package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.whitelist.WhitelistEntity;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.StatusReply;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes started through {@link Node#start} in this JVM, on free ports, join one cluster on
 * the test Cassandra (node 1 is the seed). Sharded, event-sourced entities are spread over all
 * three; when node 3 leaves, every entity it held answers from another node with the state it had,
 * recovered from Cassandra. The base on which the cluster operations are tested.
 */
@Needs(Service.CASSANDRA)
class ThreeNodeClusterIntegrationTest {

  private static final Duration ASK = Duration.ofSeconds(30);
  private static final Duration CONVERGE = Duration.ofSeconds(90);
  private static final int ENTITIES = 30;

  private final List<TestNodes.Started> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).stop();
    }
  }

  @Test
  void entitiesSpreadOverThreeNodesAndALeavingNodesEntitiesAnswerElsewhereWithTheirState()
      throws Exception {
    String keyspacePrefix = TestCassandra.freshKeyspacePrefix("cluster");
    int seedPort = TestCassandra.freePort();
    String seed = "pekko://joysync@127.0.0.1:" + seedPort;
    // The seed first, so that it alone creates the keyspaces; then the others join it.
    for (int port : List.of(seedPort, TestCassandra.freePort(), TestCassandra.freePort())) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("pekko.remote.artery.canonical.port", port);
      settings.put("pekko.cluster.seed-nodes", List.of(seed));
      settings.put("joysync.cluster.formation", "seed-nodes");
      // Three nodes in one JVM open three times the driver sessions one node does.
      settings.put("datastax-java-driver.advanced.session-leak.threshold", 16);
      nodes.add(TestNodes.start(keyspacePrefix, settings));
    }
    awaitUpMembers(system(1), 3);
    awaitShardRegions(3);

    Map<String, WhitelistEntity.Entry> written = new HashMap<>();
    for (int i = 0; i < ENTITIES; i++) {
      String handle = "@cluster" + i;
      WhitelistEntity.Entry entry =
          ClusterSharding.get(system(1))
              .entityRefFor(WhitelistEntity.ENTITY_KEY, handle)
              .<StatusReply<WhitelistEntity.Entry>>ask(WhitelistEntity.Add::new, ASK)
              .toCompletableFuture()
              .get(40, TimeUnit.SECONDS)
              .getValue();
      written.put(handle, entry);
    }

    Map<String, Address> before = whereEntitiesLive();
    assertThat(before).containsOnlyKeys(written.keySet());
    assertThat(before.values())
        .as("every node holds some of the entities")
        .containsAll(List.of(address(1), address(2), address(3)));
    List<String> onNodeThree =
        before.entrySet().stream()
            .filter(e -> e.getValue().equals(address(3)))
            .map(Map.Entry::getKey)
            .toList();

    nodes.remove(2).stop();
    awaitUpMembers(system(1), 2);
    awaitUpMembers(system(2), 2);

    for (Map.Entry<String, WhitelistEntity.Entry> e : written.entrySet()) {
      Optional<WhitelistEntity.Entry> answer =
          ClusterSharding.get(system(2))
              .entityRefFor(WhitelistEntity.ENTITY_KEY, e.getKey())
              .<Optional<WhitelistEntity.Entry>>ask(WhitelistEntity.Get::new, ASK)
              .toCompletableFuture()
              .get(40, TimeUnit.SECONDS);
      assertThat(answer).as("the state of %s", e.getKey()).contains(e.getValue());
    }
    Map<String, Address> after = whereEntitiesLive();
    assertThat(onNodeThree).isNotEmpty();
    for (String handle : onNodeThree) {
      assertThat(after.get(handle))
          .as("%s, which lived on the node that left", handle)
          .isIn(address(1), address(2));
    }
  }

  private ActorSystem<Void> system(int node) {
    return nodes.get(node - 1).node().system();
  }

  private Address address(int node) {
    return Cluster.get(system(node)).selfMember().address();
  }

  /** Until {@code system} sees exactly {@code count} members, every one of them up. */
  private static void awaitUpMembers(ActorSystem<?> system, int count) {
    Awaitility.await(count + " members up, as " + system.address() + " sees them")
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<Member> members =
                  StreamSupport.stream(
                          Cluster.get(system).state().getMembers().spliterator(), false)
                      .toList();
              return members.size() == count
                  && members.stream().allMatch(m -> m.status() == MemberStatus.up());
            });
  }

  /** Until the shard coordinator knows a region of the entity on each of {@code count} nodes. */
  private void awaitShardRegions(int count) {
    Awaitility.await(count + " shard regions registered")
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                AskPattern.<ClusterShardingQuery, ShardRegion.ClusterShardingStats>ask(
                            ClusterSharding.get(system(1)).shardState(),
                            replyTo ->
                                new GetClusterShardingStats(
                                    WhitelistEntity.ENTITY_KEY, Duration.ofSeconds(5), replyTo),
                            Duration.ofSeconds(10),
                            system(1).scheduler())
                        .toCompletableFuture()
                        .get(15, TimeUnit.SECONDS)
                        .getRegions()
                        .size()
                    == count);
  }

  /** Which node each running entity lives on, from every node's shard region. */
  private Map<String, Address> whereEntitiesLive() throws Exception {
    Map<String, Address> where = new HashMap<>();
    for (int node = 1; node <= nodes.size(); node++) {
      ShardRegion.CurrentShardRegionState state =
          AskPattern.<ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
                  ClusterSharding.get(system(node)).shardState(),
                  replyTo -> new GetShardRegionState(WhitelistEntity.ENTITY_KEY, replyTo),
                  ASK,
                  system(node).scheduler())
              .toCompletableFuture()
              .get(40, TimeUnit.SECONDS);
      for (ShardRegion.ShardState shard : state.getShards()) {
        for (String entity : shard.getEntityIds()) {
          where.put(entity, address(node));
        }
      }
    }
    return where;
  }
}
