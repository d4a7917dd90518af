package io.joysync.engine.discovery;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A Sharded Daemon Process instance of discovery: runs its round, waits the pause the round asks
 * for, runs it again; never two rounds at once. A failed round is logged and the next one runs
 * after the same pause, so one bad row or a Cassandra hiccup never stops discovery.
 */
final class RoundLoop {

  interface Command {}

  private enum Start implements Command {
    INSTANCE
  }

  private record Finished(Duration pause, Throwable error) implements Command {}

  /** Sent by the Sharded Daemon Process when the instance moves to another node. */
  enum Stop implements Command {
    INSTANCE
  }

  private RoundLoop() {}

  static Behavior<Command> create(
      String name, Supplier<CompletionStage<Duration>> round, Duration pauseAfterFailure) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  ctx.getSelf().tell(Start.INSTANCE);
                  return Behaviors.receive(Command.class)
                      .onMessageEquals(
                          Start.INSTANCE,
                          () -> {
                            CompletionStage<Duration> running;
                            try {
                              running = round.get();
                            } catch (RuntimeException e) {
                              running = java.util.concurrent.CompletableFuture.failedFuture(e);
                            }
                            ctx.pipeToSelf(
                                running,
                                (pause, error) ->
                                    new Finished(error == null ? pause : pauseAfterFailure, error));
                            return Behaviors.same();
                          })
                      .onMessage(
                          Finished.class,
                          f -> {
                            if (f.error() != null) {
                              ctx.getLog()
                                  .warn(
                                      "{} round failed (next in {}): {}",
                                      name,
                                      f.pause(),
                                      FeedCheck.cause(f.error()).toString());
                            }
                            timers.startSingleTimer(Start.INSTANCE, f.pause());
                            return Behaviors.same();
                          })
                      .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                      .build();
                }));
  }
}
