package io.joysync.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/**
 * A one-node cluster in the test's JVM on the persistence test kit's in-memory journal and snapshot
 * store (which serialize what they store, as Cassandra would), for tests of services that ask
 * sharded entities. Each call starts a fresh one: no entity of another test is there.
 */
public final class TestCluster {

  private TestCluster() {}

  public static ActorTestKit start(String name, Config overrides) {
    ActorTestKit testKit =
        ActorTestKit.create(
            name + "-" + UUID.randomUUID().toString().substring(0, 8),
            overrides
                .withFallback(
                    ConfigFactory.parseString(
                        "pekko.actor.provider = cluster\n"
                            + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                            + "pekko.remote.artery.canonical.port = 0\n"
                            + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
                            + "joysync.links.takeover-grace = 2 minutes\n"))
                .withFallback(ConfigFactory.parseResources("joysync/serialization.conf"))
                .withFallback(EventSourcedBehaviorTestKit.config())
                .withFallback(ConfigFactory.load()));
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    return testKit;
  }

  public static ActorTestKit start(String name) {
    return start(name, ConfigFactory.empty());
  }
}
