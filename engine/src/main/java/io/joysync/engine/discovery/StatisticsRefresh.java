package io.joysync.engine.discovery;

import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.youtube.ChannelStatistics;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow refresh of watched channels' statistics (subscribers, videos, views), as youtube-synch's
 * polling kept them, at a small fraction of its cost: a channel's check offers the channel once its
 * last refresh is {@code interval} old (and a channel is checked no later than that); the offers of
 * this node are gathered into {@code channels.list} calls of up to 50 ids (one unit of the sync
 * budget each), and only a channel whose counters changed is sent to its entity (compared with the
 * schedule's copy of the channel, so an unchanged channel never wakes). The refresh time is stored
 * in the channel's watch row once the call answered, so each channel costs at most one fiftieth of
 * a unit per interval; a call refused for lack of quota or failing leaves the rows as they were,
 * and the next check offers the channels again.
 */
final class StatisticsRefresh {

  private static final Logger log = LoggerFactory.getLogger(StatisticsRefresh.class);

  /** Offers waiting for their call at most; beyond it an offer is dropped until the next check. */
  static final int MAX_WAITING = 10_000;

  private final YoutubeDataClient dataApi;
  private final WatchStore schedule;
  private final ChannelActions actions;
  private final DiscoverySettings.Statistics settings;
  private final Clock clock;
  private final DiscoveryCounters counters;
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final BoundedSourceQueue<String> queue;

  StatisticsRefresh(
      ActorSystem<?> system,
      YoutubeDataClient dataApi,
      WatchStore schedule,
      ChannelActions actions,
      DiscoverySettings.Statistics settings,
      Clock clock,
      DiscoveryCounters counters) {
    this.dataApi = dataApi;
    this.schedule = schedule;
    this.actions = actions;
    this.settings = settings;
    this.clock = clock;
    this.counters = counters;
    this.queue =
        Source.<String>queue(MAX_WAITING)
            .groupedWithin(settings.batchSize(), settings.maxBatchWait())
            .mapAsync(1, this::refresh)
            .to(Sink.ignore())
            .run(system);
  }

  /** Whether the watch is due for a refresh now. */
  boolean due(Watch watch, Instant now) {
    return watch.statisticsDue(settings.interval(), now);
  }

  /**
   * When the channel's next refresh is due: an interval after this check when it was offered now
   * (its row learns the refresh time only once the call answered), else an interval after the last.
   */
  Instant nextDue(Watch watch, boolean offeredNow, Instant now) {
    return offeredNow
        ? now.plus(settings.interval())
        : watch.statisticsAt().orElse(watch.joinedAt()).plus(settings.interval());
  }

  /** Asks for the channel's statistics with the next call, unless it is already waiting for one. */
  void offer(String channelId) {
    if (!waiting.add(channelId)) {
      return;
    }
    if (queue.offer(channelId) != QueueOfferResult.enqueued()) {
      waiting.remove(channelId);
      log.debug("statistics of channel {} not asked for now (asked at its next check)", channelId);
    }
  }

  private CompletionStage<Done> refresh(List<String> channelIds) {
    counters.statisticsCalls.increment();
    return dataApi
        .channelStatistics(channelIds)
        .handle(
            (stats, error) -> {
              if (error != null) {
                log.info(
                    "statistics of {} channels not refreshed (asked again at their next check):"
                        + " {}",
                    channelIds.size(),
                    FeedCheck.cause(error).getMessage());
                return CompletableFuture.completedFuture(Done.getInstance());
              }
              return apply(channelIds, stats);
            })
        .thenCompose(stage -> stage)
        .whenComplete((d, e) -> channelIds.forEach(waiting::remove));
  }

  private CompletionStage<Done> apply(
      List<String> channelIds, Map<String, ChannelStatistics> stats) {
    Instant now = clock.instant();
    List<CompletableFuture<Optional<String>>> steps = new ArrayList<>();
    for (String channelId : channelIds) {
      ChannelStatistics latest = stats.get(channelId);
      if (latest == null) {
        // A deleted or terminated channel: its feed check confirms that and opts it out.
        log.debug("YouTube gave no statistics for channel {}", channelId);
        steps.add(CompletableFuture.completedFuture(Optional.of(channelId)));
      } else {
        steps.add(handOver(channelId, latest, now).toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
        .thenCompose(
            x ->
                schedule.recordStatistics(
                    steps.stream().flatMap(s -> s.join().stream()).toList(), now));
  }

  /**
   * Sends the counters to the channel's entity only when they differ from the schedule's copy; the
   * channel when it is done with, empty when it is to be asked again.
   */
  private CompletionStage<Optional<String>> handOver(
      String channelId, ChannelStatistics latest, Instant now) {
    return schedule
        .channel(channelId)
        .thenCompose(
            copy -> {
              boolean changed =
                  copy.flatMap(ChannelState::registration)
                      .map(Registration::profile)
                      .map(p -> p.countersDiffer(latest))
                      .orElse(true);
              if (!changed) {
                return CompletableFuture.completedFuture(Done.getInstance());
              }
              counters.entityCommands.increment();
              counters.statisticsRefreshed.increment();
              return actions.refreshStatistics(channelId, latest, now);
            })
        .thenApply(d -> Optional.of(channelId))
        .exceptionally(
            e -> {
              log.info(
                  "statistics of channel {} not handed to it (asked again at its next check): {}",
                  channelId,
                  FeedCheck.cause(e).getMessage());
              return Optional.empty();
            });
  }
}
