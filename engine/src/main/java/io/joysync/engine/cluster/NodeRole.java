package io.joysync.engine.cluster;

import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * What a node of the cluster does ({@code joysync.cluster.roles}, Pekko's cluster roles). A node
 * has every role unless told otherwise; a larger cluster can put each on nodes of its own:
 *
 * <ul>
 *   <li>{@code api}: serves the HTTP API (Atlas, operators, the WebSub callback) behind the load
 *       balancer;
 *   <li>{@code pipeline}: runs the sync workers (download, probe, hash, upload), so it needs
 *       yt-dlp, ffprobe, a download disk and the IPs YouTube sees; many of them, in many regions;
 *   <li>{@code signer}: holds the signer accounts, the only nodes that sign extrinsics.
 * </ul>
 *
 * Entities (channels, videos, users), discovery and the read side run on every node. Work is routed
 * by role through cluster sharding: a node without the role reaches the entities and workers of
 * those that have it.
 */
public enum NodeRole {
  API,
  PIPELINE,
  SIGNER;

  /** The role's name in the configuration and in Pekko's membership. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether this node has the role. A node whose configuration names no roles at all (a bare actor
   * system, as in the engine's tests) does everything.
   */
  public boolean of(ActorSystem<?> system) {
    return !usesRoles(system) || Cluster.get(system).selfMember().hasRole(id());
  }

  /**
   * The role to place entities or workers of this kind by, or empty where the node uses no roles
   * (then they are placed on every node).
   */
  public Optional<String> placement(ActorSystem<?> system) {
    return usesRoles(system) ? Optional.of(id()) : Optional.empty();
  }

  private static boolean usesRoles(ActorSystem<?> system) {
    return !system.settings().config().getStringList("pekko.cluster.roles").isEmpty();
  }
}
