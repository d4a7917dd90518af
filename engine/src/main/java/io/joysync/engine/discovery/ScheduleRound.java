package io.joysync.engine.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a schedule worker over its shards. For each shard it walks the minute buckets from
 * the shard's cursor up to now, checks every entry due, and moves the cursor past a bucket only
 * once the bucket is closed (its minute is over by more than the grace that covers clocks and late
 * writers) and every entry in it was handled, so nothing due is ever skipped; a node that was down
 * catches up a bounded number of buckets per round. Shards are walked one after the other and feed
 * checks run concurrently within the worker's rate.
 */
final class ScheduleRound {

  private static final Logger log = LoggerFactory.getLogger(ScheduleRound.class);

  private final ActorSystem<?> system;
  private final WatchStore store;
  private final FeedCheck check;
  private final DiscoverySettings settings;
  private final Clock clock;

  ScheduleRound(
      ActorSystem<?> system,
      WatchStore store,
      FeedCheck check,
      DiscoverySettings settings,
      Clock clock) {
    this.system = system;
    this.store = store;
    this.check = check;
    this.settings = settings;
    this.clock = clock;
  }

  CompletionStage<Duration> run(List<Integer> shards) {
    return Source.from(shards)
        .mapAsync(1, this::shard)
        .runWith(Sink.ignore(), system)
        .thenApply(d -> settings.tick());
  }

  private CompletionStage<Done> shard(int shard) {
    Instant now = clock.instant();
    return store
        .cursor(shard)
        .thenCompose(
            saved -> {
              long start =
                  saved.orElse(WatchShards.bucketOf(now.minus(settings.initialLookback())));
              long last = Math.min(WatchShards.bucketOf(now), start + settings.catchUpBuckets());
              return walk(shard, start, start, last, true, start, now);
            });
  }

  /**
   * Processes the buckets from {@code bucket} to {@code last}; {@code cursor} is the first bucket
   * of the walk not known to be finished (closed and every entry handled), as long as every bucket
   * before it was.
   */
  private CompletionStage<Done> walk(
      int shard,
      long start,
      long bucket,
      long last,
      boolean finishedSoFar,
      long cursor,
      Instant now) {
    if (bucket > last) {
      return cursor > start
          ? store.saveCursor(shard, cursor)
          : CompletableFuture.completedFuture(Done.getInstance());
    }
    return store
        .due(shard, bucket, now, settings.dueLimit())
        .thenCompose(this::process)
        .thenCompose(
            allHandled -> {
              boolean closed =
                  WatchShards.bucketStart(bucket + 1)
                      .plus(settings.bucketCloseGrace())
                      .isBefore(now);
              boolean finished = finishedSoFar && closed && allHandled;
              return walk(
                  shard, start, bucket + 1, last, finished, finished ? bucket + 1 : cursor, now);
            });
  }

  /** Checks the entries; true when every one was handled and the bucket had no more. */
  private CompletionStage<Boolean> process(List<ScheduleEntry> entries) {
    if (entries.isEmpty()) {
      return CompletableFuture.completedFuture(true);
    }
    List<String> channels = entries.stream().map(ScheduleEntry::channelId).distinct().toList();
    return store
        .watches(channels)
        .thenCompose(
            watches -> {
              Map<String, Watch> byChannel =
                  watches.stream()
                      .collect(
                          Collectors.toMap(Watch::channelId, Function.identity(), (a, b) -> a));
              DiscoverySettings.Feeds feeds = settings.feeds();
              long perSecond = Math.max(1, Math.round(feeds.maxRequestsPerSecond()));
              return Source.from(entries)
                  .throttle((int) perSecond, Duration.ofSeconds(1))
                  .mapAsyncUnordered(
                      feeds.parallelism(),
                      e ->
                          check
                              .check(e, Optional.ofNullable(byChannel.get(e.channelId())))
                              .handle(
                                  (d, error) -> {
                                    if (error != null) {
                                      log.warn(
                                          "schedule entry {} of channel {} not handled (retried):"
                                              + " {}",
                                          e.key(),
                                          e.channelId(),
                                          FeedCheck.cause(error).toString());
                                      return false;
                                    }
                                    return true;
                                  }))
                  .runFold(true, (a, b) -> a && b, system)
                  .thenApply(ok -> ok && entries.size() < settings.dueLimit());
            });
  }
}
