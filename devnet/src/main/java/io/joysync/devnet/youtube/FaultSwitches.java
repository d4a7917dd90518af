package io.joysync.devnet.youtube;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The devnet's current {@link YoutubeFaults}, read on every request and switched atomically. */
public final class FaultSwitches implements Supplier<YoutubeFaults> {

  private final AtomicReference<YoutubeFaults> current;

  FaultSwitches(YoutubeFaults initial) {
    this.current = new AtomicReference<>(initial);
  }

  @Override
  public YoutubeFaults get() {
    return current.get();
  }

  public void set(YoutubeFaults faults) {
    current.set(faults);
  }

  public YoutubeFaults update(UnaryOperator<YoutubeFaults> change) {
    return current.updateAndGet(change);
  }
}
