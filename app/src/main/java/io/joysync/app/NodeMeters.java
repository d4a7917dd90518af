package io.joysync.app;

import io.joysync.engine.metrics.NodeMetrics;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaMeters;
import io.joysync.persistence.readside.ReadSide;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * The node's meters as Prometheus sees them: a Prometheus registry joined to the node's {@link
 * NodeMetrics} (so every meter the domain registers, before or after, is exposed), plus what only
 * the node as a whole knows: the JVM, cluster membership, the sync backlog and the YouTube quota.
 * {@link MetricsRoute} answers {@code GET /metrics} from {@link #scrape()}.
 */
public final class NodeMeters implements Extension {

  private static final Id ID = new Id();

  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private NodeMeters(ExtendedActorSystem system) {
    NodeMetrics.get(system).registry().add(prometheus);
    MeterRegistry registry = NodeMetrics.get(system).registry();
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-metrics",
            () -> {
              gc.close();
              prometheus.close();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
    bindCluster(Cluster.get(system), registry);
  }

  public static NodeMeters get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  /** Every meter of the node in Prometheus's text format. */
  public String scrape() {
    return prometheus.scrape();
  }

  /** The members this node sees, by status, and those it sees as unreachable. */
  private static void bindCluster(Cluster cluster, MeterRegistry registry) {
    for (MemberStatus status :
        new MemberStatus[] {
          MemberStatus.joining(),
          MemberStatus.weaklyUp(),
          MemberStatus.up(),
          MemberStatus.leaving(),
          MemberStatus.exiting(),
          MemberStatus.down()
        }) {
      Gauge.builder("joysync.cluster.members", cluster, c -> count(c.state().getMembers(), status))
          .description("Cluster members this node sees, by status")
          .tags(Tags.of("status", statusName(status)))
          .register(registry);
    }
    Gauge.builder(
            "joysync.cluster.unreachable.members", cluster, c -> c.state().getUnreachable().size())
        .description("Cluster members this node's failure detector finds unreachable")
        .register(registry);
  }

  private static long count(Iterable<Member> members, MemberStatus status) {
    return StreamSupport.stream(members.spliterator(), false)
        .filter(m -> m.status().equals(status))
        .count();
  }

  private static String statusName(MemberStatus status) {
    return status.toString().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
  }

  /** The backlog from the read side and the quota from the ledger, read every refresh interval. */
  static void bindReadSide(NodeMetrics metrics, ReadSide readSide, QuotaGovernor quota) {
    metrics.polled(
        "joysync.pipeline.backlog",
        "Videos of syncing channels waiting to be synced, cluster-wide (from the read side)",
        Tags.empty(),
        () -> readSide.videos().syncBacklog(VideoEntity.tags()));
    QuotaMeters.bind(metrics, quota);
  }

  private static final class Id extends AbstractExtensionId<NodeMeters> {
    @Override
    public NodeMeters createExtension(ExtendedActorSystem system) {
      return new NodeMeters(system);
    }
  }
}
