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
 * totalVideosCreated} at the height Orion has processed plus the channel's {@code VideoCreated}
 * events in the chain's blocks after that height up to the best block. Orion's height is read
 * before and after the channels; a channel that got a video in a block Orion indexed meanwhile is
 * read again, since its count could be either side of that block. When Orion is further behind than
 * allowed, counting waits.
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

  /**
   * The counts of the channels Orion knows, and the block they are the counts of: {@code best}, or
   * a later block Orion had processed already when it was asked.
   */
  record Counts(long block, Map<Long, Long> byChannel) {
    Counts {
      byChannel = Map.copyOf(byChannel);
    }
  }

  /** The counts of the channels Orion knows, as of block {@code best} or later. */
  CompletionStage<Counts> at(ChainReads.Runtime rt, Set<Long> channels, long best) {
    return at(rt, channels, best, SNAPSHOT_ATTEMPTS);
  }

  private CompletionStage<Counts> at(
      ChainReads.Runtime rt, Set<Long> channels, long best, int attempts) {
    return orionSnapshot(channels)
        .thenCompose(
            snapshot -> {
              long height = snapshot.from();
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
              return createdAfter(rt, height, Math.max(best, snapshot.to()))
                  .thenCompose(
                      created -> {
                        if (created.movedWhileRead(snapshot, channels)) {
                          if (attempts <= 1) {
                            throw new OrionLagging(
                                "Orion indexed new videos of the channels while they were read");
                          }
                          return at(rt, channels, best, attempts - 1);
                        }
                        Map<Long, Long> counts = new HashMap<>();
                        snapshot
                            .counts()
                            .forEach(
                                (ch, n) ->
                                    counts.put(ch, n + created.upTo(best).getOrDefault(ch, 0L)));
                        return CompletableFuture.completedFuture(
                            new Counts(Math.max(best, height), counts));
                      });
            });
  }

  /**
   * Orion's counts, read while Orion went from block {@code from} to block {@code to}: a channel's
   * count is the one at {@code from} unless the channel got a video in a block between the two.
   */
  private record Snapshot(long from, long to, Map<Long, Long> counts) {}

  private CompletionStage<Snapshot> orionSnapshot(Set<Long> channels) {
    return orion
        .indexedHeight()
        .thenCompose(
            before -> {
              List<CompletableFuture<Optional<OrionChannel>>> reads = new ArrayList<>();
              channels.forEach(ch -> reads.add(orion.channelById(ch)));
              return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                  .thenCompose(done -> orion.indexedHeight())
                  .thenApply(
                      after -> {
                        Map<Long, Long> counts = new HashMap<>();
                        reads.forEach(
                            r ->
                                r.join()
                                    .ifPresent(c -> counts.put(c.id(), c.totalVideosCreated())));
                        return new Snapshot(before, after, counts);
                      });
            });
  }

  /** VideoCreated events per block and channel, in blocks after some height. */
  private record Created(Map<Long, Map<Long, Long>> byBlock) {
    /** Whether one of the channels got a video in a block Orion indexed while it was read. */
    boolean movedWhileRead(Snapshot snapshot, Set<Long> channels) {
      return byBlock.entrySet().stream()
          .filter(b -> b.getKey() > snapshot.from() && b.getKey() <= snapshot.to())
          .anyMatch(b -> channels.stream().anyMatch(b.getValue()::containsKey));
    }

    Map<Long, Long> upTo(long block) {
      Map<Long, Long> counts = new HashMap<>();
      byBlock.forEach(
          (number, perChannel) -> {
            if (number <= block) {
              perChannel.forEach((ch, n) -> counts.merge(ch, n, Long::sum));
            }
          });
      return counts;
    }
  }

  /** VideoCreated events per block and channel in blocks {@code from + 1} to {@code to}. */
  private CompletionStage<Created> createdAfter(ChainReads.Runtime rt, long from, long to) {
    CompletionStage<Map<Long, Map<Long, Long>>> acc =
        CompletableFuture.completedFuture(new HashMap<>());
    for (long n = from + 1; n <= to; n++) {
      long number = n;
      acc =
          acc.thenCompose(
              byBlock ->
                  chain
                      .rpc()
                      .blockHash(number)
                      .thenCompose(hash -> chain.events(rt, hash))
                      .thenApply(
                          records -> {
                            byBlock.put(number, count(rt, records));
                            return byBlock;
                          }));
    }
    return acc.thenApply(Created::new);
  }

  private static Map<Long, Long> count(ChainReads.Runtime rt, List<EventRecord> records) {
    Map<Long, Long> counts = new HashMap<>();
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
