package io.joysync.persistence.readside;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs one asynchronous step per item, at most {@code parallelism} at a time, and keeps the results
 * in the items' order: a listing of thousands of rows becomes windows of reads instead of thousands
 * of queries in flight at once, which would exhaust the driver's request slots and starve
 * everything else on the session.
 */
public final class Windowed {

  private Windowed() {}

  public static <T, R> CompletionStage<List<R>> map(
      List<T> items, int parallelism, Function<T, CompletionStage<R>> step) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    List<R> results = new ArrayList<>(items.size());
    CompletionStage<Void> done = CompletableFuture.completedFuture(null);
    for (int from = 0; from < items.size(); from += parallelism) {
      List<T> window = items.subList(from, Math.min(items.size(), from + parallelism));
      done =
          done.thenCompose(
              v -> {
                List<CompletableFuture<R>> steps =
                    window.stream().map(item -> step.apply(item).toCompletableFuture()).toList();
                return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                    .thenAccept(all -> steps.forEach(s -> results.add(s.join())));
              });
    }
    return done.thenApply(v -> results);
  }
}
