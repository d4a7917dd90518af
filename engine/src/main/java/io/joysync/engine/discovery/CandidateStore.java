package io.joysync.engine.discovery;

import io.joysync.engine.discovery.VideoKnowledge.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Where discovery keeps what it found (the persistence module keeps it in Cassandra): candidates
 * waiting for their details, what it knows of each video (so a video costs one lookup, however
 * often it is announced), and the changes and deletions it noticed after a video was tracked.
 */
public interface CandidateStore {

  /** Records candidates (a repeat of one already recorded overwrites it). */
  CompletionStage<Done> record(List<Candidate> candidates);

  /** Up to {@code limit} candidates of one partition. */
  CompletionStage<List<Candidate>> pending(int partition, int limit);

  CompletionStage<Done> remove(Candidate candidate);

  /** What is known of the given videos of a channel; videos never seen are absent. */
  CompletionStage<Map<String, VideoKnowledge>> knowledge(String channelId, List<String> videoIds);

  /** The entry of a video as last seen on YouTube (to notice later edits). */
  CompletionStage<Done> seen(
      String channelId,
      String videoId,
      Instant updatedAt,
      String title,
      Optional<String> description);

  /** A video looked up and not synced, and how often it was looked at. */
  CompletionStage<Done> verdict(
      String channelId,
      String videoId,
      Verdict verdict,
      String reason,
      int checks,
      Instant updatedAt);

  CompletionStage<Done> recordChange(MetadataChange change);

  /** A deletion YouTube announced (recorded whether or not deletions are propagated). */
  CompletionStage<Done> recordDeletion(String channelId, String videoId, Instant deletedAt);
}
