package io.joysync.devnet;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * An HTTP stand-in that a fault switch can take off the network ("down": connections refused) and
 * bring back on the same port, as a real service restarting would.
 */
public final class SwitchableServer implements AutoCloseable {

  private final ActorSystem<?> system;
  private final String host;
  private final Supplier<Route> route;
  private final AtomicReference<ServerBinding> binding = new AtomicReference<>();
  private volatile int port;

  public SwitchableServer(ActorSystem<?> system, String host, Supplier<Route> route) {
    this.system = system;
    this.host = host;
    this.route = route;
  }

  /** Listens on {@code requested} (0 for any free port). */
  public CompletionStage<InetSocketAddress> bind(int requested) {
    return Http.get(system)
        .newServerAt(host, requested)
        .bind(route.get())
        .thenApply(
            b -> {
              binding.set(b);
              port = b.localAddress().getPort();
              return b.localAddress();
            });
  }

  public int port() {
    return port;
  }

  /** Stops listening, or listens again on the port it had. */
  public CompletionStage<?> setListening(boolean listening) {
    ServerBinding b = binding.get();
    if (!listening) {
      return b == null || !binding.compareAndSet(b, null)
          ? CompletableFuture.completedFuture(null)
          : b.terminate(Duration.ofMillis(200));
    }
    return b != null ? CompletableFuture.completedFuture(null) : bind(port);
  }

  @Override
  public void close() {
    ServerBinding b = binding.getAndSet(null);
    if (b != null) {
      b.unbind();
    }
  }
}
