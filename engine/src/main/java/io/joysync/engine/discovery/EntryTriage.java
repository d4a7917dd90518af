package io.joysync.engine.discovery;

import io.joysync.engine.youtube.discovery.FeedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what each video of a feed or notification asks for, from what discovery already knows
 * (one read per channel, no entity): a video never seen and published since the channel joined
 * becomes a candidate; one published before was the initial ingestion's to take (so a flood of
 * notifications for years-old videos costs nothing); a tracked video whose entry changed since it
 * was last seen becomes a candidate for the comparison of its details; a video looked up before and
 * not syncable is looked up again only when its entry changed. A repeated entry asks for nothing.
 */
final class EntryTriage {

  private static final Logger log = LoggerFactory.getLogger(EntryTriage.class);

  private final CandidateStore store;
  private final DiscoveryCounters counters;

  EntryTriage(CandidateStore store, DiscoveryCounters counters) {
    this.store = store;
    this.counters = counters;
  }

  /** Records what the entries ask for; completes with the number of candidates recorded. */
  CompletionStage<Integer> triage(
      Watch watch, List<FeedEntry> entries, Candidate.Source source, Instant now) {
    Map<String, FeedEntry> byVideo = new LinkedHashMap<>();
    for (FeedEntry e : entries) {
      if (!e.channelId().equals(watch.channelId())) {
        log.warn(
            "entry of video {} names channel {} in the feed of {}; ignored",
            e.videoId(),
            e.channelId(),
            watch.channelId());
        continue;
      }
      byVideo.merge(e.videoId(), e, (a, b) -> a.updatedAt().isAfter(b.updatedAt()) ? a : b);
    }
    if (byVideo.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    return store
        .knowledge(watch.channelId(), List.copyOf(byVideo.keySet()))
        .thenCompose(
            known -> {
              List<Candidate> candidates = new ArrayList<>();
              List<CompletionStage<Done>> writes = new ArrayList<>();
              for (FeedEntry e : byVideo.values()) {
                VideoKnowledge k = known.get(e.videoId());
                if (k == null) {
                  if (!e.publishedAt().isBefore(watch.joinedAt())) {
                    candidates.add(candidate(e, source, now));
                  }
                } else if (k.tracked()) {
                  if (!k.isNewerEntry(e.updatedAt())
                      || k.trackedState().get().startsWith("VideoUnavailable")) {
                    continue;
                  }
                  if (!e.title().equals(k.title().orElse("")) || k.seenUpdatedAt().isPresent()) {
                    candidates.add(candidate(e, source, now));
                  } else {
                    writes.add(
                        store.seen(
                            e.channelId(), e.videoId(), e.updatedAt(), e.title(), e.description()));
                  }
                } else if (k.isNewerEntry(e.updatedAt())) {
                  candidates.add(candidate(e, source, now));
                }
              }
              if (!candidates.isEmpty()) {
                writes.add(store.record(candidates));
              }
              return CompletableFuture.allOf(
                      writes.stream()
                          .map(CompletionStage::toCompletableFuture)
                          .toArray(CompletableFuture[]::new))
                  .thenApply(
                      x -> {
                        counters.candidatesRecorded.add(candidates.size());
                        return candidates.size();
                      });
            });
  }

  private static Candidate candidate(FeedEntry e, Candidate.Source source, Instant now) {
    return new Candidate(
        e.channelId(),
        e.videoId(),
        Candidate.Reason.NOTIFIED,
        source,
        now,
        e.updatedAt(),
        e.title());
  }
}
