package io.joysync.engine.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * The node's OpenTelemetry, one per actor system, through which the domain records spans (a video's
 * way through the pipeline, an HTTP request) without knowing where they go: the node installs an
 * SDK exporting over OTLP when an endpoint is configured ({@link #use}); until then, and without
 * one, every span is a no-op that costs nothing.
 */
public final class NodeTracing implements Extension {

  /** The instrumentation scope of joysync's own spans. */
  public static final String SCOPE = "io.joysync";

  private static final Id ID = new Id();

  private final AtomicReference<OpenTelemetry> telemetry =
      new AtomicReference<>(OpenTelemetry.noop());

  public static NodeTracing get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  /** Sends the node's spans through {@code openTelemetry} from now on. */
  public void use(OpenTelemetry openTelemetry) {
    telemetry.set(openTelemetry);
  }

  public OpenTelemetry openTelemetry() {
    return telemetry.get();
  }

  public Tracer tracer() {
    return telemetry.get().getTracer(SCOPE);
  }

  private static final class Id extends AbstractExtensionId<NodeTracing> {
    @Override
    public NodeTracing createExtension(ExtendedActorSystem system) {
      return new NodeTracing();
    }
  }
}
