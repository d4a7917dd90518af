package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.joysync.engine.TestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A channel nothing asks about leaves the node's memory, with the node's own passivation settings
 * ({@code joysync/cluster.conf}, only the idle timeout shortened), and comes back from its journal,
 * whole, when next asked.
 */
class EntityPassivationTest {

  private static ActorTestKit testKit;
  private static Config passivation;

  @BeforeAll
  static void start() {
    passivation =
        ConfigFactory.parseResources("joysync/cluster.conf")
            .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true))
            .getConfig("pekko.cluster.sharding.passivation")
            .atPath("pekko.cluster.sharding.passivation");
    testKit =
        TestCluster.start(
            "EntityPassivationTest",
            ConfigFactory.parseString(
                    "pekko.cluster.sharding.passivation.default-strategy.idle-entity.timeout = 1s")
                .withFallback(passivation));
    ChannelEntity.init(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void theNodeStopsIdleEntitiesAndBoundsTheResidentOnes() {
    Config strategy = passivation.getConfig("pekko.cluster.sharding.passivation");
    assertThat(strategy.getString("strategy")).isEqualTo("default-strategy");
    assertThat(strategy.getDuration("default-strategy.idle-entity.timeout"))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(strategy.getInt("default-strategy.active-entity-limit")).isEqualTo(100_000);
  }

  @Test
  void anIdleChannelLeavesMemoryAndComesBackWhole() throws Exception {
    String channel = "UCpassivation00000000001";
    ChannelState signedUp =
        ClusterSharding.get(testKit.system())
            .entityRefFor(ChannelEntity.ENTITY_KEY, channel)
            .<StatusReply<ChannelState>>ask(
                r ->
                    new ChannelEntity.SignUp(
                        ChannelEntityTest.registration(Instant.parse("2026-12-07T00:00:00Z"), true),
                        r),
                ShardedEntities.ASK_TIMEOUT)
            .toCompletableFuture()
            .get()
            .getValue();
    assertThat(resident()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(20)).until(() -> resident() == 0);

    Optional<ChannelState> recovered = ShardedEntities.channel(testKit, channel);
    assertThat(recovered).contains(signedUp);
    assertThat(resident()).isEqualTo(1);
  }

  /** Channel entities resident on the node, as its shard region reports them. */
  private static long resident() throws Exception {
    CurrentShardRegionState state =
        AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
                ClusterSharding.get(testKit.system()).shardState(),
                r -> new GetShardRegionState(ChannelEntity.ENTITY_KEY, r),
                ShardedEntities.ASK_TIMEOUT,
                testKit.system().scheduler())
            .toCompletableFuture()
            .get();
    return state.getShards().stream().mapToLong(s -> s.getEntityIds().size()).sum();
  }
}
