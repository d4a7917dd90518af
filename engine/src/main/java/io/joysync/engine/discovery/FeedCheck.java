package io.joysync.engine.discovery;

import io.joysync.engine.channel.ChannelEntity.AutoOptOutReason;
import io.joysync.engine.youtube.ChannelLookup;
import io.joysync.engine.youtube.YoutubeApiException;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.discovery.FeedEntry;
import io.joysync.engine.youtube.discovery.FeedException;
import io.joysync.engine.youtube.discovery.FeedResult;
import io.joysync.engine.youtube.discovery.FeedValidators;
import io.joysync.engine.youtube.discovery.RssFeedReader;
import io.joysync.engine.youtube.discovery.WebSubSubscriber;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One due entry of the schedule. For a channel: keep its WebSub subscription alive (subscribe when
 * the lease is missing or about to lapse), poll its feed conditionally, hand what the feed shows to
 * the {@link EntryTriage}, offer it to the {@link StatisticsRefresh} when its statistics are due,
 * and move the channel to its next check. A feed that answers 404 is confirmed with the Data API
 * before the channel is opted out (YouTube account terminated); a transient error, a refused quota
 * or an unclear answer only delays the next check. A channel no longer watched is unsubscribed and
 * leaves the schedule. For a video recheck: record it as a candidate again.
 */
final class FeedCheck {

  private static final Logger log = LoggerFactory.getLogger(FeedCheck.class);

  /** What the feed poll left behind for the watch row. */
  private record FeedOutcome(
      FeedValidators validators, Optional<Instant> lastUpload, int failures) {}

  private final RssFeedReader feeds;
  private final Optional<WebSubSubscriber> websub;
  private final YoutubeDataClient dataApi;
  private final WatchStore schedule;
  private final CandidateStore candidates;
  private final EntryTriage triage;
  private final ChannelActions actions;
  private final WatchCadence cadence;
  private final StatisticsRefresh statistics;
  private final Clock clock;
  private final DiscoveryCounters counters;

  FeedCheck(
      RssFeedReader feeds,
      Optional<WebSubSubscriber> websub,
      YoutubeDataClient dataApi,
      WatchStore schedule,
      CandidateStore candidates,
      EntryTriage triage,
      ChannelActions actions,
      WatchCadence cadence,
      StatisticsRefresh statistics,
      Clock clock,
      DiscoveryCounters counters) {
    this.feeds = feeds;
    this.websub = websub;
    this.dataApi = dataApi;
    this.schedule = schedule;
    this.candidates = candidates;
    this.triage = triage;
    this.actions = actions;
    this.cadence = cadence;
    this.statistics = statistics;
    this.clock = clock;
    this.counters = counters;
  }

  /** Handles one due entry; the watch is the channel's row as read with the entry. */
  CompletionStage<Done> check(ScheduleEntry entry, Optional<Watch> watch) {
    if (entry.videoId().isPresent()) {
      Instant now = clock.instant();
      Candidate recheck =
          new Candidate(
              entry.channelId(),
              entry.videoId().get(),
              Candidate.Reason.RECHECK,
              Candidate.Source.SCHEDULE,
              now,
              now,
              "");
      return candidates.record(java.util.List.of(recheck)).thenCompose(d -> schedule.remove(entry));
    }
    if (watch.isEmpty() || !watch.get().watched()) {
      return leave(entry, watch);
    }
    if (!watch.get().due().equals(entry.due())) {
      return schedule.remove(entry);
    }
    return checkChannel(entry, watch.get());
  }

  private CompletionStage<Done> leave(ScheduleEntry entry, Optional<Watch> watch) {
    if (websub.isPresent() && watch.flatMap(Watch::leaseEnd).isPresent()) {
      websub
          .get()
          .unsubscribe(entry.channelId())
          .whenComplete(
              (x, e) -> {
                if (e != null) {
                  log.info(
                      "could not unsubscribe channel {} from the hub (its lease will lapse): {}",
                      entry.channelId(),
                      cause(e).getMessage());
                }
              });
    }
    return schedule.remove(entry);
  }

  private CompletionStage<Done> checkChannel(ScheduleEntry entry, Watch watch) {
    Instant now = clock.instant();
    Optional<Instant> requested = watch.subscribeRequestedAt();
    if (websub.isPresent()
        && cadence.subscribeNow(watch.leaseEnd(), watch.subscribeRequestedAt(), now)) {
      requested = Optional.of(now);
      subscribe(watch);
    }
    Optional<Instant> subscribeRequestedAt = requested;
    boolean statisticsOffered = statistics.due(watch, now);
    if (statisticsOffered) {
      statistics.offer(watch.channelId());
    }
    // The next check comes no later than the next statistics refresh is due.
    Instant statisticsDue = statistics.nextDue(watch, statisticsOffered, now);
    boolean pollNow = watch.nextPoll().map(at -> !now.isBefore(at)).orElse(true);
    log.debug("checking channel {} (feed poll: {})", watch.channelId(), pollNow);
    CompletionStage<FeedOutcome> polled =
        pollNow
            ? poll(watch, now)
            : CompletableFuture.completedFuture(
                new FeedOutcome(watch.validators(), watch.lastUploadAt(), watch.failures()));
    return polled.thenCompose(
        outcome -> {
          Instant nextPoll;
          if (!pollNow) {
            nextPoll = watch.nextPoll().get();
          } else if (outcome.failures() > 0) {
            nextPoll = cadence.afterFailure(outcome.failures(), now);
          } else {
            nextPoll = cadence.nextPoll(outcome.lastUpload(), watch.nextPoll().isEmpty(), now);
          }
          Instant checkDue = cadence.due(nextPoll, watch.leaseEnd(), subscribeRequestedAt, now);
          Instant due = statisticsDue.isBefore(checkDue) ? statisticsDue : checkDue;
          return schedule.reschedule(
              watch.checked(
                  due,
                  nextPoll,
                  outcome.validators(),
                  outcome.lastUpload(),
                  outcome.failures(),
                  subscribeRequestedAt),
              entry);
        });
  }

  private void subscribe(Watch watch) {
    log.debug(
        "asking the hub to subscribe channel {} (lease ends {})",
        watch.channelId(),
        watch.leaseEnd().map(Instant::toString).orElse("-"));
    counters.subscribeRequests.increment();
    websub
        .get()
        .subscribe(watch.channelId())
        .whenComplete(
            (x, e) -> {
              if (e != null) {
                log.info(
                    "the hub did not take the subscription of channel {} (asked again later): {}",
                    watch.channelId(),
                    cause(e).getMessage());
              }
            });
  }

  private CompletionStage<FeedOutcome> poll(Watch watch, Instant now) {
    counters.feedRequests.increment();
    String channelId = watch.channelId();
    return feeds
        .fetch(channelId, watch.validators())
        .handle(
            (result, error) -> {
              if (error == null) {
                return updated(watch, result, now);
              }
              counters.feedFailures.increment();
              Throwable cause = cause(error);
              int failures = watch.failures() + 1;
              if (cause instanceof FeedException f && f.code().equals("FEED_NOT_FOUND")) {
                return confirmTermination(watch, now)
                    .thenApply(
                        d -> new FeedOutcome(watch.validators(), watch.lastUploadAt(), failures));
              }
              log.info(
                  "feed of channel {} not usable ({} failures in a row): {}",
                  channelId,
                  failures,
                  cause.getMessage());
              return CompletableFuture.completedFuture(
                  new FeedOutcome(watch.validators(), watch.lastUploadAt(), failures));
            })
        .thenCompose(stage -> stage);
  }

  private CompletionStage<FeedOutcome> updated(Watch watch, FeedResult result, Instant now) {
    if (result instanceof FeedResult.Updated updated) {
      Optional<Instant> newest =
          updated.entries().stream()
              .filter(e -> e.channelId().equals(watch.channelId()))
              .map(FeedEntry::publishedAt)
              .max(Instant::compareTo);
      Optional<Instant> lastUpload =
          newest.isPresent() && watch.lastUploadAt().map(l -> newest.get().isAfter(l)).orElse(true)
              ? newest
              : watch.lastUploadAt();
      return triage
          .triage(watch, updated.entries(), Candidate.Source.RSS, now)
          .thenApply(n -> new FeedOutcome(updated.validators(), lastUpload, 0));
    }
    counters.feedsNotModified.increment();
    return CompletableFuture.completedFuture(
        new FeedOutcome(watch.validators(), watch.lastUploadAt(), 0));
  }

  /**
   * A 404 feed: the channel is gone only if the Data API no longer knows it either. Anything else
   * (the channel still there, an error, no quota left) opts nobody out.
   */
  private CompletionStage<Done> confirmTermination(Watch watch, Instant now) {
    String channelId = watch.channelId();
    counters.channelLookups.increment();
    return dataApi
        .publicChannel(new ChannelLookup.ById(channelId), QuotaPurpose.DISCOVERY)
        .handle(
            (found, error) -> {
              if (error != null) {
                Throwable cause = cause(error);
                String code =
                    cause instanceof YoutubeApiException y ? y.code() : cause.getClass().getName();
                log.info(
                    "feed of channel {} answers 404; the Data API could not confirm ({} {}),"
                        + " not opting out",
                    channelId,
                    code,
                    cause.getMessage());
                return CompletableFuture.completedFuture(Done.getInstance());
              }
              if (found.isPresent()) {
                log.warn(
                    "feed of channel {} answers 404 but the Data API still shows the channel;"
                        + " not opting out",
                    channelId);
                return CompletableFuture.completedFuture(Done.getInstance());
              }
              log.warn(
                  "channel {} is gone from YouTube (feed 404, Data API without it):"
                      + " opting it out",
                  channelId);
              counters.entityCommands.increment();
              counters.autoOptOuts.increment();
              return actions
                  .autoOptOut(channelId, AutoOptOutReason.YOUTUBE_ACCOUNT_TERMINATED, now)
                  .exceptionally(
                      e -> {
                        log.warn(
                            "channel {} could not be opted out yet (tried again at its next"
                                + " check): {}",
                            channelId,
                            cause(e).getMessage());
                        return Done.getInstance();
                      });
            })
        .thenCompose(stage -> stage);
  }

  static Throwable cause(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
