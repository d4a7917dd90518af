package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/**
 * A downed node halts within {@code joysync.cluster.downed-exit-deadline}, with Pekko's status for
 * a downed node, so it stops signing before the majority restarts its accounts; a node stopping for
 * any other reason is left to its shutdown; and a deadline that is not shorter than {@code
 * stable-after} keeps the node from starting.
 */
class DownedNodeExitTest {

  private static Config config(String extra) {
    return ConfigFactory.parseString(
            "pekko.actor.provider = cluster\n"
                + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                + "pekko.remote.artery.canonical.port = 0\n"
                + "pekko.coordinated-shutdown.exit-jvm = off\n"
                + "pekko.loglevel = WARNING\n"
                + extra)
        .withFallback(ConfigFactory.parseResources("joysync/cluster.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  private static ActorSystem<Void> upNode(String name) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), name, config(""));
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.selfMember().status().equals(MemberStatus.up()));
    return system;
  }

  @Test
  void aDownedNodeHaltsWithinTheDeadline() throws Exception {
    ActorSystem<Void> system = upNode("downed-node");
    AtomicInteger halted = new AtomicInteger(Integer.MIN_VALUE);
    DownedNodeExit.install(system, Duration.ofSeconds(1), halted::set);
    // Every shutdown task but ours would wait far longer than the deadline.
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "stuck",
            () -> new java.util.concurrent.CompletableFuture<>());
    long downedAt = System.nanoTime();

    Cluster.get(system).manager().tell(new Down(Cluster.get(system).selfMember().address()));

    await().atMost(Duration.ofSeconds(20)).until(() -> halted.get() != Integer.MIN_VALUE);
    assertThat(halted.get()).isEqualTo(DownedNodeExit.DOWNED_EXIT_STATUS);
    assertThat(Duration.ofNanos(System.nanoTime() - downedAt)).isLessThan(Duration.ofSeconds(15));
    system.terminate();
  }

  @Test
  void aNodeStoppedForAnotherReasonIsNotHalted() throws Exception {
    ActorSystem<Void> system = upNode("stopped-node");
    AtomicInteger halted = new AtomicInteger(Integer.MIN_VALUE);
    DownedNodeExit.install(system, Duration.ofMillis(200), halted::set);

    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);

    // Three times the deadline it would have had, and still no halt.
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(2))
        .until(() -> halted.get() == Integer.MIN_VALUE);
  }

  @Test
  void aDeadlineNotShorterThanStableAfterIsRefused() {
    assertThat(DownedNodeExit.deadline(config(""))).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(
            () ->
                DownedNodeExit.deadline(
                    config("pekko.cluster.split-brain-resolver.stable-after = 5s")))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("joysync.cluster.downed-exit-deadline")
        .hasMessageContaining("stable-after");
  }
}
