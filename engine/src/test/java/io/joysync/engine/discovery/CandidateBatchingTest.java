package io.joysync.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which pending candidates a resolver round looks up: full {@code videos.list} batches of the
 * oldest, and a partial batch only once its oldest has waited the limit, so a busy discovery spends
 * one quota unit per 50 videos and a quiet one still answers within the limit.
 */
class CandidateBatchingTest {

  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final DiscoverySettings.Resolve RESOLVE =
      new DiscoverySettings.Resolve(
          50, Duration.ofSeconds(8), 500, Duration.ofMinutes(1), Duration.ofSeconds(30));

  /** {@code count} candidates noticed {@code agesSeconds[i % length]} seconds before now. */
  static List<Candidate> pending(int count, long... agesSeconds) {
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          new Candidate(
              "UC" + String.format("%022d", i % 7),
              "video" + i,
              Candidate.Reason.NOTIFIED,
              Candidate.Source.WEBSUB,
              NOW.minusSeconds(agesSeconds[i % agesSeconds.length]),
              NOW,
              "Upload " + i));
    }
    return out;
  }

  @Test
  void aFewFreshCandidatesWaitForMore() {
    assertThat(CandidateResolver.due(pending(49, 1, 2, 7), NOW, RESOLVE)).isEmpty();
  }

  @Test
  void aPartialBatchGoesOnceItsOldestHasWaitedTheLimit() {
    List<Candidate> due = CandidateResolver.due(pending(3, 1, 8), NOW, RESOLVE);

    assertThat(due).hasSize(3);
    assertThat(due.get(0).noticedAt()).isEqualTo(NOW.minusSeconds(8));
  }

  @Test
  void fullBatchesGoAtOnceAndTheFreshRemainderWaits() {
    List<Candidate> due = CandidateResolver.due(pending(123, 0, 1, 2, 3), NOW, RESOLVE);

    assertThat(due).hasSize(100);
    // The oldest go first: everything left waiting is at least as young as anything taken.
    Instant youngestTaken = due.get(due.size() - 1).noticedAt();
    List<Candidate> left = new ArrayList<>(pending(123, 0, 1, 2, 3));
    left.removeAll(due);
    assertThat(left).hasSize(23).allMatch(c -> !c.noticedAt().isBefore(youngestTaken));
  }

  @Test
  void candidatesThatWaitedTheLimitNeverWaitForAFullBatch() {
    List<Candidate> candidates = new ArrayList<>(pending(55, 9));
    pending(5, 1).forEach(c -> candidates.add(withId(c, "fresh-" + c.videoId())));

    List<Candidate> due = CandidateResolver.due(candidates, NOW, RESOLVE);

    // Two calls: the 50 oldest, then 5 that waited the limit with the 5 fresh ones.
    assertThat(due).hasSize(60);
  }

  static Candidate withId(Candidate c, String videoId) {
    return new Candidate(
        c.channelId(),
        videoId,
        c.reason(),
        c.source(),
        c.noticedAt(),
        c.entryUpdatedAt(),
        c.title());
  }
}
