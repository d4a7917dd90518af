package io.joysync.app;

import com.typesafe.config.Config;
import io.joysync.engine.metrics.NodeTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's OpenTelemetry SDK: spans batched and exported over OTLP/HTTP to {@code
 * joysync.tracing.otlp-endpoint}, sampled at {@code sample-ratio} (following a caller's decision),
 * as service {@code joysync} with this member's address as its instance; flushed at shutdown.
 * Without an endpoint nothing is installed and spans stay no-ops.
 */
final class NodeTelemetry {

  private static final Logger log = LoggerFactory.getLogger(NodeTelemetry.class);

  private NodeTelemetry() {}

  static void start(ActorSystem<?> system) {
    Config c = system.settings().config().getConfig("joysync.tracing");
    String endpoint = c.getString("otlp-endpoint").trim();
    if (endpoint.isEmpty()) {
      log.info("Tracing is off (no OTLP endpoint: joysync.tracing.otlp-endpoint)");
      return;
    }
    double ratio = c.getDouble("sample-ratio");
    if (ratio < 0 || ratio > 1) {
      throw new IllegalArgumentException(
          "joysync.tracing.sample-ratio must be between 0 and 1, not " + ratio);
    }
    OtlpHttpSpanExporter exporter;
    try {
      exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "joysync.tracing.otlp-endpoint is not a usable URL: " + e.getMessage(), e);
    }
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.name"),
                        "joysync",
                        AttributeKey.stringKey("service.instance.id"),
                        Cluster.get(system).selfMember().address().toString())));
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    NodeTracing.get(system).use(sdk);
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "flush-traces",
            () ->
                CompletableFuture.supplyAsync(
                    () -> {
                      provider.shutdown().join(5, TimeUnit.SECONDS);
                      return Done.getInstance();
                    }));
    log.info("Tracing: spans exported over OTLP to {} (sampled at {})", endpoint, ratio);
  }
}
