package io.joysync.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node finds its cluster ({@code joysync.cluster.formation}):
 *
 * <ul>
 *   <li>{@code self}: a single node, which forms a cluster of its own (the default).
 *   <li>{@code bootstrap}: Pekko Cluster Bootstrap. The node discovers its peers' management
 *       endpoints (the contact points: listed in configuration, or found through the Kubernetes
 *       API), asks each for the cluster it belongs to and joins that one. Only when every contact
 *       point answered and none is in a cluster does the one with the lowest address form a new
 *       cluster. So a node that restarts while the others run always joins them, however slowly
 *       they answer: it never forms a second cluster beside the running one.
 *   <li>{@code seed-nodes}: the fixed list {@code pekko.cluster.seed-nodes}. The first seed forms a
 *       new cluster when no other seed answers within {@code seed-node-timeout}; a first seed that
 *       restarts while the others are too busy to answer does that beside the running cluster, so
 *       this is for tests and setups that never restart the first seed alone.
 * </ul>
 *
 * A formation that contradicts the other settings (seed nodes with {@code self} or {@code
 * bootstrap}, none with {@code seed-nodes}, bootstrap from an empty list of contact points) is
 * refused at start with the setting named.
 */
final class ClusterFormation {

  private static final Logger log = LoggerFactory.getLogger(ClusterFormation.class);

  static final String SETTING = "joysync.cluster.formation";
  private static final String SEED_NODES = "pekko.cluster.seed-nodes";
  private static final String BOOTSTRAP = "pekko.management.cluster.bootstrap";
  private static final String DISCOVERY_METHOD =
      BOOTSTRAP + ".contact-point-discovery.discovery-method";
  private static final String SERVICE_NAME = BOOTSTRAP + ".contact-point-discovery.service-name";

  /** The ways a node can find its cluster. */
  enum Method {
    SELF,
    BOOTSTRAP,
    SEED_NODES;

    String setting() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private ClusterFormation() {}

  /**
   * Reads and checks the formation; the {@link IllegalArgumentException} names the setting that
   * contradicts it (the node command prints it and exits with status 40).
   */
  static Method from(Config config) {
    if (config.hasPath("joysync.cluster.join-self")) {
      throw invalid(
          "joysync.cluster.join-self",
          "was replaced by " + SETTING + " (self, bootstrap or seed-nodes)");
    }
    String value = config.getString(SETTING).trim();
    Method method =
        switch (value) {
          case "self" -> Method.SELF;
          case "bootstrap" -> Method.BOOTSTRAP;
          case "seed-nodes" -> Method.SEED_NODES;
          default ->
              throw invalid(
                  SETTING, "is \"" + value + "\"; it must be self, bootstrap or seed-nodes");
        };
    boolean seeds = !config.getList(SEED_NODES).isEmpty();
    if (method == Method.SEED_NODES && !seeds) {
      throw invalid(
          SEED_NODES, "is empty, but " + SETTING + " = seed-nodes needs at least one seed");
    }
    if (method != Method.SEED_NODES && seeds) {
      throw invalid(
          SEED_NODES,
          "lists seed nodes, but "
              + SETTING
              + " = "
              + method.setting()
              + " does not use them (set it to seed-nodes, or remove the seeds)");
    }
    if (method == Method.BOOTSTRAP && "config".equals(config.getString(DISCOVERY_METHOD))) {
      String service = config.getString(SERVICE_NAME);
      String endpoints =
          config.getString("pekko.discovery.config.services-path")
              + "."
              + ConfigUtil.joinPath(service, "endpoints");
      if (!config.hasPath(endpoints) || config.getList(endpoints).isEmpty()) {
        throw invalid(
            endpoints,
            "lists no contact point, but "
                + SETTING
                + " = bootstrap with discovery-method = config finds the cluster's nodes there"
                + " (each node's management host and port)");
      }
    }
    return method;
  }

  /**
   * A node the cluster refused to let join (JoinCompatibility) shuts down; Pekko's own line speaks
   * of a new version, so this says what to look for.
   */
  private static void explainRefusedJoin(ActorSystem<?> system) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "explain-refused-join",
        () -> {
          if (shutdown
              .getShutdownReason()
              .filter(r -> r == CoordinatedShutdown.incompatibleConfigurationDetectedReason())
              .isPresent()) {
            log.error(
                "The cluster refused this node: its settings differ from the cluster's in {} (the"
                    + " members' log names which). Check the contact points or seed nodes: they"
                    + " may be another joysync cluster's",
                String.join(", ", JoinCompatibility.KEYS));
          }
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  private static IllegalArgumentException invalid(String setting, String problem) {
    return new IllegalArgumentException("Invalid setting " + setting + ": " + problem);
  }

  /**
   * The configuration a node of this formation starts with: Cluster Bootstrap's contact-point route
   * ({@code /bootstrap/seed-nodes}, open because peers call it before they are members) is served
   * only when the node bootstraps.
   */
  static Config configure(Config config) {
    if (from(config) == Method.BOOTSTRAP) {
      return config;
    }
    return ConfigFactory.parseString("pekko.management.http.routes.cluster-bootstrap = \"\"")
        .withFallback(config);
  }

  /**
   * Starts joining as configured. For {@code bootstrap} Pekko Management must have been started
   * (its endpoint is the contact point peers probe).
   */
  static void start(ActorSystem<?> system) {
    Method method = from(system.settings().config());
    explainRefusedJoin(system);
    switch (method) {
      case SELF -> {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      case BOOTSTRAP -> {
        log.info(
            "Joining the cluster through Cluster Bootstrap: contact points by {} discovery of"
                + " service {}",
            system.settings().config().getString(DISCOVERY_METHOD),
            system.settings().config().getString(SERVICE_NAME));
        ClusterBootstrap.get(system).start();
      }
      case SEED_NODES -> {
        // Pekko joins the configured seed nodes by itself.
      }
    }
  }
}
