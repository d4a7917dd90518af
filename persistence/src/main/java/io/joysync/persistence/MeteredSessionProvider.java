package io.joysync.persistence;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import io.joysync.engine.metrics.NodeMetrics;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.CqlSessionProvider;
import org.apache.pekko.stream.connectors.cassandra.DriverConfigLoaderFromConfig;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Opens the node's Cassandra sessions (journal, read side, readiness check) as the connectors'
 * default provider does, from the {@code datastax-java-driver} section the session config names,
 * and hands the driver the node's meter registry, so the driver's session and node metrics ({@code
 * advanced.metrics}) reach {@code /metrics}. Named by {@code session-provider} in the session
 * configs; the connectors instantiate it with the actor system and that config.
 */
public final class MeteredSessionProvider implements CqlSessionProvider {

  private final ActorSystem system;
  private final Config config;

  public MeteredSessionProvider(ActorSystem system, Config config) {
    this.system = system;
    this.config = config;
  }

  @Override
  public Future<CqlSession> connect(ExecutionContext ec) {
    Config driver = CqlSessionProvider.driverConfig(system, config);
    return FutureConverters.asScala(
        CqlSession.builder()
            .withConfigLoader(DriverConfigLoaderFromConfig.fromConfig(driver))
            .withMetricRegistry(NodeMetrics.get(system).registry())
            .buildAsync());
  }
}
