package io.joysync.engine.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** A {@link CandidateStore} in memory, for tests of the rules around it. */
final class MemoryCandidateStore implements CandidateStore {

  final Map<String, Candidate> candidates = new HashMap<>();
  final Map<String, VideoKnowledge> known = new HashMap<>();
  final List<MetadataChange> changes = new ArrayList<>();

  static String key(String channelId, String videoId) {
    return channelId + "/" + videoId;
  }

  void know(VideoKnowledge k) {
    known.put(key(k.channelId(), k.videoId()), k);
  }

  @Override
  public synchronized CompletionStage<Done> record(List<Candidate> list) {
    list.forEach(c -> candidates.put(key(c.channelId(), c.videoId()), c));
    return done();
  }

  @Override
  public synchronized CompletionStage<List<Candidate>> pending(int partition, int limit) {
    return CompletableFuture.completedFuture(
        candidates.values().stream().filter(c -> c.partition() == partition).limit(limit).toList());
  }

  @Override
  public synchronized CompletionStage<Done> remove(Candidate c) {
    candidates.remove(key(c.channelId(), c.videoId()));
    return done();
  }

  @Override
  public synchronized CompletionStage<Map<String, VideoKnowledge>> knowledge(
      String channelId, List<String> videoIds) {
    Map<String, VideoKnowledge> out = new HashMap<>();
    for (String id : videoIds) {
      VideoKnowledge k = known.get(key(channelId, id));
      if (k != null) {
        out.put(id, k);
      }
    }
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public synchronized CompletionStage<Done> seen(
      String channelId,
      String videoId,
      Instant updatedAt,
      String title,
      Optional<String> description) {
    VideoKnowledge k = known.get(key(channelId, videoId));
    know(
        new VideoKnowledge(
            channelId,
            videoId,
            k == null ? Optional.empty() : k.trackedState(),
            Optional.of(title),
            description.or(() -> k == null ? Optional.empty() : k.description()),
            k == null ? Optional.empty() : k.joystreamVideoId(),
            k == null ? Optional.empty() : k.verdict(),
            k == null ? Optional.empty() : k.verdictReason(),
            Optional.of(updatedAt),
            k == null ? 0 : k.checks()));
    return done();
  }

  @Override
  public synchronized CompletionStage<Done> verdict(
      String channelId,
      String videoId,
      VideoKnowledge.Verdict verdict,
      String reason,
      int checks,
      Instant updatedAt) {
    VideoKnowledge k = known.get(key(channelId, videoId));
    know(
        new VideoKnowledge(
            channelId,
            videoId,
            k == null ? Optional.empty() : k.trackedState(),
            k == null ? Optional.empty() : k.title(),
            k == null ? Optional.empty() : k.description(),
            Optional.empty(),
            Optional.of(verdict),
            Optional.of(reason),
            Optional.of(updatedAt),
            checks));
    return done();
  }

  @Override
  public synchronized CompletionStage<Done> recordChange(MetadataChange change) {
    changes.add(change);
    return done();
  }

  @Override
  public CompletionStage<Done> recordDeletion(String channelId, String videoId, Instant at) {
    return done();
  }

  private static CompletionStage<Done> done() {
    return CompletableFuture.completedFuture(Done.getInstance());
  }
}
