package io.joysync.engine.discovery;

import io.joysync.engine.youtube.YoutubeApiException;
import io.joysync.engine.youtube.YoutubeVideo;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns recorded candidates into decisions with as few Data API units as possible: candidates of
 * many channels share {@code videos.list} calls of up to 50 ids (charged to the sync budget); a
 * round waits until a batch is full or its oldest candidate has waited long enough; candidates of
 * channels no longer watched are dropped. What the answer means for each candidate is {@link
 * CandidateOutcomes}'s to apply. A candidate is removed only once its outcome is stored, so a crash
 * or a refused quota repeats the work and never loses it: when the budget is spent, candidates wait
 * and are resolved after the reset.
 */
final class CandidateResolver {

  private static final Logger log = LoggerFactory.getLogger(CandidateResolver.class);

  /** What a round did: nothing to do, waiting for a fuller batch, resolved, or paused until. */
  record Round(int resolved, Optional<Instant> pauseUntil) {
    static final Round IDLE = new Round(0, Optional.empty());
  }

  private final YoutubeDataClient dataApi;
  private final WatchStore schedule;
  private final CandidateStore store;
  private final CandidateOutcomes outcomes;
  private final DiscoverySettings settings;
  private final Clock clock;
  private final DiscoveryCounters counters;

  CandidateResolver(
      YoutubeDataClient dataApi,
      WatchStore schedule,
      CandidateStore store,
      ChannelActions actions,
      DiscoverySettings settings,
      Clock clock,
      DiscoveryCounters counters) {
    this.dataApi = dataApi;
    this.schedule = schedule;
    this.store = store;
    this.outcomes = new CandidateOutcomes(schedule, store, actions, settings, counters);
    this.settings = settings;
    this.clock = clock;
    this.counters = counters;
  }

  /** One round over the given candidate partitions. */
  CompletionStage<Round> resolve(List<Integer> partitions) {
    List<CompletableFuture<List<Candidate>>> reads =
        partitions.stream()
            .map(p -> store.pending(p, settings.resolve().readLimit()).toCompletableFuture())
            .toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenCompose(
            x -> {
              List<Candidate> pending =
                  reads.stream().flatMap(r -> r.join().stream()).collect(Collectors.toList());
              return resolvePending(pending);
            });
  }

  private CompletionStage<Round> resolvePending(List<Candidate> pending) {
    if (pending.isEmpty()) {
      return CompletableFuture.completedFuture(Round.IDLE);
    }
    Instant now = clock.instant();
    List<Candidate> due = due(pending, now, settings.resolve());
    if (due.isEmpty()) {
      return CompletableFuture.completedFuture(Round.IDLE);
    }
    return resolveDue(due, now);
  }

  /**
   * What a round takes of the pending candidates: the oldest first, in full batches, and the
   * remainder of a partial batch only once its oldest has waited {@code maxBatchWait}. A round
   * never sends the few left over after its full batches at once (they would fill a call of their
   * own); they wait for the next arrivals or for the limit.
   */
  static List<Candidate> due(List<Candidate> pending, Instant now, DiscoverySettings.Resolve r) {
    List<Candidate> oldestFirst = new ArrayList<>(pending);
    oldestFirst.sort(Comparator.comparing(Candidate::noticedAt));
    int full = oldestFirst.size() / r.batchSize() * r.batchSize();
    if (full < oldestFirst.size()
        && !oldestFirst.get(full).noticedAt().isAfter(now.minus(r.maxBatchWait()))) {
      return oldestFirst;
    }
    return oldestFirst.subList(0, full);
  }

  private CompletionStage<Round> resolveDue(List<Candidate> pending, Instant now) {
    List<String> channels = pending.stream().map(Candidate::channelId).distinct().toList();
    return schedule
        .watches(channels)
        .thenCompose(
            watches -> {
              Set<String> watched =
                  watches.stream()
                      .filter(Watch::watched)
                      .map(Watch::channelId)
                      .collect(Collectors.toSet());
              List<CompletionStage<Done>> dropped = new ArrayList<>();
              List<Candidate> live = new ArrayList<>();
              for (Candidate c : pending) {
                if (watched.contains(c.channelId())) {
                  live.add(c);
                } else {
                  log.info(
                      "video {} of channel {} not looked up: the channel is no longer watched",
                      c.videoId(),
                      c.channelId());
                  dropped.add(store.remove(c));
                }
              }
              return all(dropped).thenCompose(d -> withKnowledge(live, now));
            });
  }

  private CompletionStage<Round> withKnowledge(List<Candidate> live, Instant now) {
    Map<String, List<Candidate>> byChannel =
        live.stream()
            .collect(
                Collectors.groupingBy(
                    Candidate::channelId, LinkedHashMap::new, Collectors.toList()));
    List<CompletableFuture<Map<String, VideoKnowledge>>> reads = new ArrayList<>();
    byChannel.forEach(
        (channel, list) ->
            reads.add(
                store
                    .knowledge(channel, list.stream().map(Candidate::videoId).toList())
                    .toCompletableFuture()));
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenCompose(
            x -> {
              Map<String, VideoKnowledge> known = new HashMap<>();
              reads.forEach(r -> r.join().values().forEach(k -> known.put(key(k), k)));
              List<CompletionStage<Done>> deletions = new ArrayList<>();
              List<Candidate> toLookUp = new ArrayList<>();
              for (Candidate c : live) {
                if (c.reason() == Candidate.Reason.DELETED) {
                  deletions.add(
                      outcomes.propagateDeletion(c, Optional.ofNullable(known.get(key(c))), now));
                } else {
                  toLookUp.add(c);
                }
              }
              return all(deletions).thenCompose(d -> lookUp(toLookUp, known, 0, now, 0));
            });
  }

  /** Looks up one batch after the other; a refused or failed call pauses the rounds. */
  private CompletionStage<Round> lookUp(
      List<Candidate> candidates,
      Map<String, VideoKnowledge> known,
      int from,
      Instant now,
      int resolvedSoFar) {
    if (from >= candidates.size()) {
      return CompletableFuture.completedFuture(new Round(resolvedSoFar, Optional.empty()));
    }
    List<Candidate> batch =
        candidates.subList(
            from, Math.min(candidates.size(), from + settings.resolve().batchSize()));
    List<String> ids = batch.stream().map(Candidate::videoId).distinct().toList();
    counters.videosListCalls.increment();
    counters.videosListIds.add(ids.size());
    batch.forEach(
        c -> counters.candidateWaitMillis.add(Duration.between(c.noticedAt(), now).toMillis()));
    return dataApi
        .videos(null, ids, QuotaPurpose.DISCOVERY)
        .handle(
            (videos, error) -> {
              if (error != null) {
                return CompletableFuture.completedFuture(paused(error, resolvedSoFar, now));
              }
              Map<String, YoutubeVideo> byId =
                  videos.stream()
                      .collect(
                          Collectors.toMap(YoutubeVideo::id, Function.identity(), (a, b) -> a));
              return outcomes
                  .settle(batch, byId, known, now)
                  .thenCompose(
                      d ->
                          lookUp(
                              candidates,
                              known,
                              from + batch.size(),
                              now,
                              resolvedSoFar + batch.size()));
            })
        .thenCompose(stage -> stage);
  }

  private Round paused(Throwable error, int resolvedSoFar, Instant now) {
    Throwable cause = FeedCheck.cause(error);
    if (cause instanceof YoutubeApiException.QuotaExceeded) {
      log.info(
          "no YouTube quota left for video details; the candidates wait (next try in {})",
          settings.resolve().quotaRetry());
      return new Round(resolvedSoFar, Optional.of(now.plus(settings.resolve().quotaRetry())));
    }
    log.warn(
        "videos.list failed ({}); the candidates wait (next try in {})",
        cause instanceof YoutubeApiException y ? y.code() + " " + y.getMessage() : cause.toString(),
        settings.resolve().errorRetry());
    return new Round(resolvedSoFar, Optional.of(now.plus(settings.resolve().errorRetry())));
  }

  private static String key(Candidate c) {
    return c.channelId() + "/" + c.videoId();
  }

  private static String key(VideoKnowledge k) {
    return k.channelId() + "/" + k.videoId();
  }

  static CompletionStage<Done> all(List<CompletionStage<Done>> stages) {
    return CompletableFuture.allOf(
            stages.stream()
                .map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new))
        .thenApply(x -> Done.getInstance());
  }
}
