package io.joysync.persistence.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Listings read their rows a window at a time and keep the order they were asked in. */
class WindowedTest {

  @Test
  void noMoreThanTheWindowIsInFlightAndResultsKeepTheirOrder() throws Exception {
    List<Integer> items = IntStream.range(0, 100).boxed().toList();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<CompletableFuture<Integer>> pending = new ArrayList<>();

    CompletableFuture<List<Integer>> result =
        Windowed.map(
                items,
                8,
                i -> {
                  most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                  CompletableFuture<Integer> step = new CompletableFuture<>();
                  synchronized (pending) {
                    pending.add(step);
                  }
                  return step.thenApply(
                      v -> {
                        inFlight.decrementAndGet();
                        return v * 10;
                      });
                })
            .toCompletableFuture();
    AtomicInteger answered = new AtomicInteger();
    // Answers each step as it is started, in order, until the whole list is done.
    Awaitility.await("every step answered")
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              synchronized (pending) {
                while (answered.get() < pending.size()) {
                  pending.get(answered.get()).complete(answered.getAndIncrement());
                }
              }
              return result.isDone();
            });

    assertThat(result.get(10, TimeUnit.SECONDS))
        .isEqualTo(items.stream().map(i -> i * 10).toList());
    assertThat(most.get()).isEqualTo(8);
  }

  @Test
  void aFailedStepFailsTheWholeListing() {
    var result =
        Windowed.map(
                List.of(1, 2, 3),
                2,
                i ->
                    i == 2
                        ? CompletableFuture.<Integer>failedFuture(new IllegalStateException("down"))
                        : CompletableFuture.completedFuture(i))
            .toCompletableFuture();

    assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("down");
  }
}
