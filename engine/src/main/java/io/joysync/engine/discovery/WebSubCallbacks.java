package io.joysync.engine.discovery;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * Where the HTTP callback route finds this node's {@link WebSubInbox}: set by {@link Discovery}
 * once it runs with push on; empty before that and when push is off (the route then answers that it
 * takes no notifications). One per actor system.
 */
public final class WebSubCallbacks implements Extension {

  private static final Id ID = new Id();

  private final AtomicReference<WebSubInbox> inbox = new AtomicReference<>();

  public static WebSubCallbacks get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  public Optional<WebSubInbox> inbox() {
    return Optional.ofNullable(inbox.get());
  }

  void register(WebSubInbox running) {
    inbox.set(running);
  }

  private static final class Id extends AbstractExtensionId<WebSubCallbacks> {
    @Override
    public WebSubCallbacks createExtension(ExtendedActorSystem system) {
      return new WebSubCallbacks();
    }
  }
}
