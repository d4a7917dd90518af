package io.joysync.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * Readiness check for Pekko Management: a node is ready only once its HTTP API is bound (it binds
 * after the read side exists), so a load balancer never sends Atlas to a node that cannot answer. A
 * node without the api role serves none, and this check does not hold it back.
 */
public final class HttpApiReadinessCheck implements Supplier<CompletionStage<Boolean>> {

  /** Whether this actor system's HTTP API is bound; one per actor system. */
  public static final class Bound implements Extension {
    private static final Id ID = new Id();
    private final AtomicBoolean bound = new AtomicBoolean();
    private final AtomicBoolean notServed = new AtomicBoolean();

    public static Bound get(ClassicActorSystemProvider system) {
      return ID.get(system.classicSystem());
    }

    void set(boolean value) {
      bound.set(value);
    }

    public boolean isBound() {
      return bound.get();
    }

    /** This node serves no HTTP API (it lacks the api role): readiness does not wait for one. */
    public void notServedHere() {
      notServed.set(true);
    }

    boolean ready() {
      return bound.get() || notServed.get();
    }

    private static final class Id extends AbstractExtensionId<Bound> {
      @Override
      public Bound createExtension(ExtendedActorSystem system) {
        return new Bound();
      }
    }
  }

  private final Bound bound;

  /** Pekko Management instantiates checks reflectively with the classic actor system. */
  public HttpApiReadinessCheck(ActorSystem system) {
    this.bound = Bound.get(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.completedFuture(bound.ready());
  }
}
