package io.joysync.app;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;

/**
 * Liveness check for Pekko Management: a node that the cluster has downed or removed can never
 * rejoin as it is and must be restarted, so it reports itself not alive. A node still joining is
 * alive (only not ready).
 */
public final class ClusterMemberLivenessCheck implements Supplier<CompletionStage<Boolean>> {

  private static final Set<MemberStatus> GONE = Set.of(MemberStatus.down(), MemberStatus.removed());

  private final Cluster cluster;

  /** Pekko Management instantiates checks reflectively with the classic actor system. */
  public ClusterMemberLivenessCheck(ActorSystem system) {
    this.cluster = Cluster.get(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    boolean gone = cluster.isTerminated() || GONE.contains(cluster.selfMember().status());
    return CompletableFuture.completedFuture(!gone);
  }
}
