package io.joysync.engine.pipeline;

import io.joysync.joystream.colossus.ColossusClient;
import io.joysync.joystream.colossus.StorageBagId;
import io.joysync.joystream.colossus.StorageNodeDiscovery;
import io.joysync.joystream.colossus.UploadOutcome;
import io.joysync.joystream.colossus.UploadRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Uploads one file to a storage node of a bag, streaming it from disk: each round finds a live node
 * of one of the bag's buckets (so a node that is down or refuses is replaced by another bucket's),
 * and a failure that another round could cure waits before the next. "Already exists" is success.
 */
final class StorageUpload {

  /** What became of a file: stored, rejected for good, or not stored this time. */
  record Result(boolean ok, boolean permanent, String detail) {}

  private final StorageNodeDiscovery discovery;
  private final ColossusClient colossus;
  private final int rounds;
  private final Duration pause;

  StorageUpload(
      StorageNodeDiscovery discovery, ColossusClient colossus, int rounds, Duration pause) {
    this.discovery = discovery;
    this.colossus = colossus;
    this.rounds = rounds;
    this.pause = pause;
  }

  CompletionStage<Result> store(StorageBagId bag, long dataObjectId, Path file) {
    return round(bag, new UploadRequest(dataObjectId, bag, file), 1);
  }

  private CompletionStage<Result> round(StorageBagId bag, UploadRequest request, int round) {
    return discovery
        .findUploadNode(bag)
        .thenCompose(
            node ->
                node.isEmpty()
                    ? CompletableFuture.<Result>completedFuture(
                        new Result(false, false, "no live storage node stores " + bag))
                    : colossus.upload(node.get(), request).thenApply(StorageUpload::result))
        .exceptionally(e -> new Result(false, false, "storage node discovery: " + e))
        .thenCompose(
            r ->
                r.ok() || r.permanent() || round >= rounds
                    ? CompletableFuture.completedFuture(r)
                    : CompletableFuture.supplyAsync(
                            () -> null,
                            CompletableFuture.delayedExecutor(
                                pause.toMillis(), TimeUnit.MILLISECONDS))
                        .thenCompose(x -> round(bag, request, round + 1)));
  }

  private static Result result(UploadOutcome outcome) {
    if (outcome.succeeded()) {
      return new Result(true, false, "stored");
    }
    if (outcome instanceof UploadOutcome.FinalFailure f) {
      return new Result(false, true, f.reason() + ": " + f.message());
    }
    UploadOutcome.RetryableFailure r = (UploadOutcome.RetryableFailure) outcome;
    return new Result(false, false, r.reason() + ": " + r.message());
  }
}
