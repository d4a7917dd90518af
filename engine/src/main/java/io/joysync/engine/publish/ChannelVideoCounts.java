package io.joysync.engine.publish;

import io.joysync.joystream.events.EventRecord;
import io.joysync.joystream.events.JoystreamEvent;
import io.joysync.joystream.orion.OrionChannel;
import io.joysync.joystream.orion.OrionClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How many videos were ever created in each channel, as of the best block: the app-action nonce of
 * the channel's next video (youtube-synch section 5.4). Orion alone lags the chain, and a video
 * signed with a lagging count loses its app attribution; so the count is Orion's {@code
 * totalVideosCreated} at the height Orion has processed (read twice around the channels, so it is a
 * consistent snapshot) plus the channel's {@code VideoCreated} events in the chain's blocks after
 * that height up to the best block. When Orion is further behind than allowed, counting waits.
 */
final class ChannelVideoCounts {
  private static final int SNAPSHOT_ATTEMPTS = 3;

  /** Orion lags too far behind the chain to count on it now. */
  static final class OrionLagging extends IllegalStateException {
    OrionLagging(String message) {
      super(message);
    }
  }

  private final ChainReads chain;
  private final OrionClient orion;
  private final int maxLagBlocks;

  ChannelVideoCounts(ChainReads chain, OrionClient orion, int maxLagBlocks) {
    this.chain = chain;
    this.orion = orion;
    this.maxLagBlocks = maxLagBlocks;
  }

  /** The counts of the channels Orion knows, as of block {@code best}. */
  CompletionStage<Map<Long, Long>> at(ChainReads.Runtime rt, Set<Long> channels, long best) {
    return orionSnapshot(channels, SNAPSHOT_ATTEMPTS)
        .thenCompose(
            snapshot -> {
              long height = snapshot.height();
              if (best - height > maxLagBlocks) {
                throw new OrionLagging(
                    "Orion has processed block "
                        + height
                        + ", "
                        + (best - height)
                        + " behind the best block "
                        + best
                        + " (at most "
                        + maxLagBlocks
                        + ")");
              }
              return createdAfter(rt, height, best)
                  .thenApply(
                      extra -> {
                        Map<Long, Long> counts = new HashMap<>();
                        snapshot
                            .counts()
                            .forEach((ch, n) -> counts.put(ch, n + extra.getOrDefault(ch, 0L)));
                        return counts;
                      });
            });
  }

  private record Snapshot(long height, Map<Long, Long> counts) {}

  private CompletionStage<Snapshot> orionSnapshot(Set<Long> channels, int attempts) {
    return orion
        .indexedHeight()
        .thenCompose(
            before -> {
              List<CompletableFuture<Optional<OrionChannel>>> reads = new ArrayList<>();
              channels.forEach(ch -> reads.add(orion.channelById(ch)));
              return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                  .thenCompose(
                      done ->
                          orion
                              .indexedHeight()
                              .thenCompose(
                                  after -> {
                                    if (after != before) {
                                      if (attempts <= 1) {
                                        throw new OrionLagging(
                                            "Orion kept moving while the channels were read");
                                      }
                                      return orionSnapshot(channels, attempts - 1);
                                    }
                                    Map<Long, Long> counts = new HashMap<>();
                                    reads.forEach(
                                        r ->
                                            r.join()
                                                .ifPresent(
                                                    c ->
                                                        counts.put(
                                                            c.id(), c.totalVideosCreated())));
                                    return CompletableFuture.completedFuture(
                                        new Snapshot(before, counts));
                                  }));
            });
  }

  /** VideoCreated events per channel in blocks {@code from + 1} to {@code to}. */
  private CompletionStage<Map<Long, Long>> createdAfter(ChainReads.Runtime rt, long from, long to) {
    CompletionStage<Map<Long, Long>> acc = CompletableFuture.completedFuture(new HashMap<>());
    for (long n = from + 1; n <= to; n++) {
      long number = n;
      acc =
          acc.thenCompose(
              counts ->
                  chain
                      .rpc()
                      .blockHash(number)
                      .thenCompose(hash -> chain.events(rt, hash))
                      .thenApply(records -> count(rt, records, counts)));
    }
    return acc;
  }

  private static Map<Long, Long> count(
      ChainReads.Runtime rt, List<EventRecord> records, Map<Long, Long> counts) {
    for (EventRecord r : records) {
      if (r.is("Content", "VideoCreated")) {
        rt.events()
            .view(r)
            .filter(e -> e instanceof JoystreamEvent.VideoCreated)
            .map(e -> (JoystreamEvent.VideoCreated) e)
            .ifPresent(v -> counts.merge(v.channelId(), 1L, Long::sum));
      }
    }
    return counts;
  }
}
