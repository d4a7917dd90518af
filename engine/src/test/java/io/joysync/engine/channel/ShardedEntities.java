package io.joysync.engine.channel;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.joysync.engine.TestCluster;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoEntity;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;

/**
 * A one-node cluster in the test's JVM with the channel and video entities sharded on the
 * persistence test kit's in-memory journal and snapshot store (which serialize what they store, as
 * Cassandra would), for tests of what passes between the two aggregates.
 */
final class ShardedEntities {

  static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  private ShardedEntities() {}

  static ActorTestKit start(String name) {
    ActorTestKit testKit =
        TestCluster.start(
            name,
            ConfigFactory.parseString(
                PersistenceTestKitSnapshotPlugin.getInstance().PluginId()
                    + ".snapshot-is-optional = "
                    + snapshotIsOptionalInProduction()));
    ChannelEntity.init(testKit.system());
    VideoEntity.init(testKit.system());
    return testKit;
  }

  /** Whether the node's snapshot store recovers from events when a snapshot cannot be read. */
  static boolean snapshotIsOptionalInProduction() {
    return ConfigFactory.parseResources("joysync/persistence.conf")
        .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true))
        .getBoolean("pekko.persistence.cassandra.snapshot.snapshot-is-optional");
  }

  static Optional<TrackedVideo> video(ActorTestKit testKit, String id) throws Exception {
    return ClusterSharding.get(testKit.system())
        .entityRefFor(VideoEntity.ENTITY_KEY, id)
        .<Optional<TrackedVideo>>ask(VideoEntity.Get::new, ASK_TIMEOUT)
        .toCompletableFuture()
        .get();
  }

  static Optional<ChannelState> channel(ActorTestKit testKit, String id) throws Exception {
    return ClusterSharding.get(testKit.system())
        .entityRefFor(ChannelEntity.ENTITY_KEY, id)
        .<Optional<ChannelState>>ask(ChannelEntity.Get::new, ASK_TIMEOUT)
        .toCompletableFuture()
        .get();
  }
}
