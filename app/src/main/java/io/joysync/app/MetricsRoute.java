package io.joysync.app;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /metrics} on the management port: the node's meters in Prometheus's text format
 * (version 0.0.4). Read-only, and open like the health checks beside it: the management port is
 * bound to a private address, where a Prometheus server scrapes it without credentials. Pekko
 * Management loads it from {@code pekko.management.http.routes}.
 */
public final class MetricsRoute implements ManagementRouteProvider {

  private static final org.apache.pekko.http.javadsl.model.ContentType PROMETHEUS_TEXT =
      ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private final NodeMeters meters;

  public MetricsRoute(ExtendedActorSystem system) {
    this.meters = NodeMeters.get(system);
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    return path(
        "metrics",
        () ->
            get(
                () ->
                    complete(
                        HttpResponse.create()
                            .withEntity(
                                HttpEntities.create(
                                    PROMETHEUS_TEXT, ByteString.fromString(meters.scrape()))))));
  }
}
