package io.joysync.engine.discovery;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * This node's running discovery, for the edges that need it: the HTTP callback route finds the
 * {@link WebSubInbox} here (empty before discovery runs and when push is off; the route then
 * answers that it takes no notifications), and monitoring and the benchmark read the {@link
 * DiscoveryCounters}. Set once by {@link Discovery#start}; one per actor system.
 */
public final class DiscoveryRuntime implements Extension {

  private static final Id ID = new Id();

  private final AtomicReference<WebSubInbox> inbox = new AtomicReference<>();
  private final AtomicReference<DiscoveryCounters> counters = new AtomicReference<>();

  public static DiscoveryRuntime get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  public Optional<WebSubInbox> inbox() {
    return Optional.ofNullable(inbox.get());
  }

  /** What this node's discovery did since it started; empty before it runs. */
  public Optional<DiscoveryCounters> counters() {
    return Optional.ofNullable(counters.get());
  }

  void started(DiscoveryCounters running, Optional<WebSubInbox> push) {
    counters.set(running);
    push.ifPresent(inbox::set);
  }

  private static final class Id extends AbstractExtensionId<DiscoveryRuntime> {
    @Override
    public DiscoveryRuntime createExtension(ExtendedActorSystem system) {
      return new DiscoveryRuntime();
    }
  }
}
