package io.joysync.engine;

import org.apache.pekko.actor.CoordinatedShutdown;

/** Why a node is leaving the cluster, as the parts that act on its way out need to know. */
public final class Leaving {

  private Leaving() {}

  /**
   * Whether the node shuts down because it was downed (by the split brain resolver or an operator):
   * the others take over at once, so it must stop at once, draining nothing.
   */
  public static boolean downed(CoordinatedShutdown shutdown) {
    return shutdown
        .getShutdownReason()
        .filter(r -> r.equals(CoordinatedShutdown.clusterDowningReason()))
        .isPresent();
  }
}
