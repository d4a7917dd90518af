package io.joysync.engine.discovery;

import io.joysync.engine.discovery.VideoKnowledge.Verdict;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.youtube.VideoFilter;
import io.joysync.engine.youtube.YoutubeVideo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Data API's answer means for each candidate of a batch. Syncable new videos are handed to
 * their channel (tracked as {@code New}, once); videos that cannot be synced are remembered, and
 * those that may still become syncable (a premiere, processing, not yet public) are looked at again
 * later, less and less often, until they are too old; tracked videos whose title or description
 * changed are recorded and the edit handed to the video's entity (the pipeline updates the
 * Joystream video); a video YouTube deleted is marked unavailable when deletions are propagated.
 * Each outcome is stored before its candidate is removed.
 */
final class CandidateOutcomes {

  private static final Logger log = LoggerFactory.getLogger(CandidateOutcomes.class);

  private final WatchStore schedule;
  private final CandidateStore store;
  private final ChannelActions actions;
  private final DiscoverySettings settings;
  private final DiscoveryCounters counters;

  CandidateOutcomes(
      WatchStore schedule,
      CandidateStore store,
      ChannelActions actions,
      DiscoverySettings settings,
      DiscoveryCounters counters) {
    this.schedule = schedule;
    this.store = store;
    this.actions = actions;
    this.settings = settings;
    this.counters = counters;
  }

  CompletionStage<Done> settle(
      List<Candidate> batch,
      Map<String, YoutubeVideo> found,
      Map<String, VideoKnowledge> known,
      Instant now) {
    List<CompletionStage<Done>> done = new ArrayList<>();
    Map<String, List<Candidate>> toTrack = new LinkedHashMap<>();
    for (Candidate c : batch) {
      Optional<VideoKnowledge> k = Optional.ofNullable(known.get(key(c)));
      YoutubeVideo v = found.get(c.videoId());
      if (v == null) {
        done.add(gone(c, k));
      } else if (!v.channelId().equals(c.channelId())) {
        log.warn(
            "video {} belongs to channel {}, not {} as announced; ignored",
            c.videoId(),
            v.channelId(),
            c.channelId());
        done.add(store.remove(c));
      } else if (k.filter(VideoKnowledge::tracked).isPresent()) {
        done.add(compare(c, v, k.get(), now));
      } else if (VideoFilter.syncable(v)) {
        toTrack.computeIfAbsent(c.channelId(), ch -> new ArrayList<>()).add(c);
      } else {
        done.add(unsyncable(c, v, k, now));
      }
    }
    toTrack.forEach((channel, list) -> done.add(track(channel, list, found, known, now)));
    return all(done);
  }

  private CompletionStage<Done> gone(Candidate c, Optional<VideoKnowledge> k) {
    if (k.filter(VideoKnowledge::tracked).isPresent()) {
      return store.remove(c);
    }
    return store
        .verdict(
            c.channelId(),
            c.videoId(),
            Verdict.GONE,
            "not returned by the Data API (deleted, private or not yet published)",
            k.map(VideoKnowledge::checks).orElse(0) + 1,
            c.entryUpdatedAt())
        .thenCompose(d -> store.remove(c));
  }

  private CompletionStage<Done> compare(
      Candidate c, YoutubeVideo v, VideoKnowledge k, Instant now) {
    String description = v.description() == null ? "" : v.description();
    CompletionStage<Done> change = CompletableFuture.completedFuture(Done.getInstance());
    if (!v.title().equals(k.title().orElse(""))
        || !description.equals(k.description().orElse(""))) {
      log.info(
          "video {} of channel {} changed on YouTube (title or description); recorded",
          v.id(),
          c.channelId());
      counters.changesRecorded.increment();
      change =
          store
              .recordChange(
                  new MetadataChange(
                      c.channelId(), v.id(), v.title(), description, k.joystreamVideoId(), now))
              .thenCompose(d -> actions.editMetadata(v.id(), v.title(), description, now));
    }
    return change
        .thenCompose(
            d ->
                store.seen(
                    c.channelId(), v.id(), c.entryUpdatedAt(), v.title(), Optional.of(description)))
        .thenCompose(d -> store.remove(c));
  }

  private CompletionStage<Done> unsyncable(
      Candidate c, YoutubeVideo v, Optional<VideoKnowledge> k, Instant now) {
    String reason = VideoFilter.rejection(v).orElse("not syncable");
    int checks = k.map(VideoKnowledge::checks).orElse(0) + 1;
    counters.videosUnsyncable.increment();
    boolean mayChange = !v.ageRestricted();
    Instant publishedAt = v.publishedAt() == null ? now : v.publishedAt();
    boolean young = publishedAt.plus(settings.unsyncable().giveUpAfter()).isAfter(now);
    CompletionStage<Done> recheck = CompletableFuture.completedFuture(Done.getInstance());
    if (mayChange && young) {
      Instant at = now.plus(recheckPause(checks));
      recheck = schedule.schedule(ScheduleEntry.videoRecheck(c.channelId(), v.id(), at));
      log.info("video {} is not syncable yet ({}); looked at again at {}", v.id(), reason, at);
    } else {
      log.info("video {} is not syncable ({}); remembered", v.id(), reason);
    }
    return recheck
        .thenCompose(
            d ->
                store.verdict(
                    c.channelId(), v.id(), Verdict.UNSYNCABLE, reason, checks, c.entryUpdatedAt()))
        .thenCompose(d -> store.remove(c));
  }

  private Duration recheckPause(int checks) {
    Duration pause = settings.unsyncable().recheckMin();
    for (int i = 1; i < checks && pause.compareTo(settings.unsyncable().recheckMax()) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(settings.unsyncable().recheckMax()) > 0
        ? settings.unsyncable().recheckMax()
        : pause;
  }

  /**
   * Hands syncable videos to their channel, with the terms (category, language, historical) of the
   * schedule's copy of the channel, so that a detected video wakes one entity, its own; only a
   * channel the projection has not seen yet is asked. A video its entity already tracks (the index
   * behind it, which the video projection keeps, can lag a moment) is compared with what was last
   * seen of it instead, so an edit right after tracking is still recorded.
   */
  private CompletionStage<Done> track(
      String channelId,
      List<Candidate> list,
      Map<String, YoutubeVideo> found,
      Map<String, VideoKnowledge> known,
      Instant now) {
    List<VideoFacts> facts = list.stream().map(c -> VideoFacts.of(found.get(c.videoId()))).toList();
    return schedule
        .channel(channelId)
        .exceptionally(
            error -> {
              log.info(
                  "channel {} not read from the schedule ({}); its entity is asked",
                  channelId,
                  FeedCheck.cause(error).toString());
              return Optional.empty();
            })
        .thenCompose(
            projected -> {
              // Each video wakes its own entity; the channel's only when the schedule has no copy.
              counters.entityCommands.add(facts.size() + (projected.isPresent() ? 0 : 1));
              return projected.isPresent()
                  ? actions.track(channelId, projected.get(), facts, now)
                  : actions.track(channelId, facts, now);
            })
        .handle(
            (tracked, error) -> {
              if (error != null) {
                Throwable cause = FeedCheck.cause(error);
                if (String.valueOf(cause.getMessage()).startsWith("Could not find channel")) {
                  log.warn("videos of unknown channel {} dropped", channelId);
                  return all(list.stream().map(store::remove).toList());
                }
                log.info(
                    "videos {} of channel {} not tracked yet (next round): {}",
                    list.stream().map(Candidate::videoId).toList(),
                    channelId,
                    cause.toString());
                return CompletableFuture.completedFuture(Done.getInstance());
              }
              counters.videosTracked.add(tracked.added().size());
              if (!tracked.added().isEmpty()) {
                log.info("channel {}: new videos {} tracked", channelId, tracked.added());
              }
              List<CompletionStage<Done>> writes = new ArrayList<>();
              for (Candidate c : list) {
                YoutubeVideo v = found.get(c.videoId());
                VideoKnowledge k = known.get(key(c));
                if (tracked.alreadyTracked().contains(v.id()) && k != null) {
                  writes.add(compare(c, v, k, now));
                  continue;
                }
                writes.add(
                    store
                        .seen(
                            channelId,
                            v.id(),
                            c.entryUpdatedAt(),
                            v.title(),
                            Optional.ofNullable(v.description()))
                        .thenCompose(d -> store.remove(c)));
              }
              return all(writes);
            })
        .thenCompose(stage -> stage);
  }

  CompletionStage<Done> propagateDeletion(Candidate c, Optional<VideoKnowledge> k, Instant now) {
    boolean open =
        k.flatMap(VideoKnowledge::trackedState)
            .map(s -> !s.equals("UploadSucceeded") && !s.startsWith("VideoUnavailable"))
            .orElse(false);
    if (!open) {
      return store.remove(c);
    }
    counters.entityCommands.increment();
    return actions
        .markUnavailable(c.videoId(), UnavailableReason.DELETED, "deleted on YouTube", now)
        .thenCompose(d -> store.remove(c));
  }

  private static String key(Candidate c) {
    return c.channelId() + "/" + c.videoId();
  }

  private static CompletionStage<Done> all(List<CompletionStage<Done>> stages) {
    return CandidateResolver.all(stages);
  }
}
