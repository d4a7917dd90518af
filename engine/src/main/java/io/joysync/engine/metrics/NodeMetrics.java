package io.joysync.engine.metrics;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one node, one registry per actor system. The domain records what it does through
 * Micrometer's API here and never learns how the numbers leave the node: the node adds the registry
 * that exposes them (Prometheus) to {@link #registry()}. Values that are only known by asking (a
 * Cassandra query, an entity) are read every {@code joysync.metrics.refresh-interval} by {@link
 * #polled}; a failed read keeps the last value.
 */
public final class NodeMetrics implements Extension {

  private static final Logger log = LoggerFactory.getLogger(NodeMetrics.class);
  private static final Id ID = new Id();
  private static final String REFRESH = "joysync.metrics.refresh-interval";

  private final ActorSystem system;
  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final Duration refresh;

  private NodeMetrics(ActorSystem system) {
    this.system = system;
    Config config = system.settings().config();
    this.refresh = config.hasPath(REFRESH) ? config.getDuration(REFRESH) : Duration.ofSeconds(15);
  }

  public static NodeMetrics get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  /** Where meters are registered; a registry added to it exposes every meter, earlier ones too. */
  public CompositeMeterRegistry registry() {
    return registry;
  }

  /** How often {@link #polled} values are read again. */
  public Duration refreshInterval() {
    return refresh;
  }

  /**
   * A gauge whose value is read by {@code read} now and then every refresh interval (NaN until the
   * first read answers).
   */
  public void polled(
      String name,
      String description,
      Tags tags,
      Supplier<CompletionStage<? extends Number>> read) {
    AtomicReference<Double> last = new AtomicReference<>(Double.NaN);
    Gauge.builder(name, last, AtomicReference::get)
        .description(description)
        .tags(tags)
        .register(registry);
    every(
        () ->
            read.get()
                .whenComplete(
                    (value, error) -> {
                      if (error != null) {
                        log.debug("Could not read {}: {}", name, error.toString());
                      } else if (value != null) {
                        last.set(value.doubleValue());
                      }
                    }));
  }

  /** Runs {@code task} now and every refresh interval until the actor system stops. */
  public void every(Runnable task) {
    system
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO,
            refresh,
            () -> {
              try {
                task.run();
              } catch (RuntimeException e) {
                log.debug("A metrics refresh failed: {}", e.toString());
              }
            },
            system.dispatcher());
  }

  private static final class Id extends AbstractExtensionId<NodeMetrics> {
    @Override
    public NodeMetrics createExtension(ExtendedActorSystem system) {
      return new NodeMetrics(system);
    }
  }
}
