package io.joysync.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.youtube.discovery.FeedEntry;
import io.joysync.engine.youtube.discovery.FeedValidators;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a feed or notification asks for, decided from what discovery knows: only videos published
 * since the channel joined are new; a repeat asks for nothing; an edit of a tracked video, or a
 * change of one that could not be synced, asks for a fresh look.
 */
class EntryTriageTest {

  static final String CHANNEL = "UC" + "c".repeat(22);
  static final Instant JOINED = Instant.parse("2026-05-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  final MemoryCandidateStore store = new MemoryCandidateStore();
  final EntryTriage triage = new EntryTriage(store, new DiscoveryCounters());
  final Watch watch =
      new Watch(
          CHANNEL,
          true,
          JOINED,
          NOW,
          Optional.empty(),
          FeedValidators.NONE,
          Optional.empty(),
          0,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  static FeedEntry entry(String id, String title, Instant published, Instant updated) {
    return new FeedEntry(id, CHANNEL, title, Optional.empty(), published, updated);
  }

  int triage(FeedEntry... entries) {
    return triage
        .triage(watch, List.of(entries), Candidate.Source.WEBSUB, NOW)
        .toCompletableFuture()
        .join();
  }

  static VideoKnowledge tracked(String id, String title, Optional<Instant> seen) {
    return new VideoKnowledge(
        CHANNEL,
        id,
        Optional.of("New"),
        Optional.of(title),
        Optional.of("description"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        seen,
        0);
  }

  @Test
  void onlyVideosPublishedSinceTheChannelJoinedAreNewAndRepeatsAreOneCandidate() {
    Instant published = NOW.minus(Duration.ofHours(1));
    FeedEntry fresh = entry("freshVideo1", "Fresh", published, published);
    FeedEntry old = entry("oldVideo001", "Old", JOINED.minusSeconds(1), NOW);
    assertThat(triage(fresh, old)).isEqualTo(1);
    assertThat(triage(fresh, fresh, fresh)).isEqualTo(1);
    assertThat(store.candidates).containsOnlyKeys(MemoryCandidateStore.key(CHANNEL, "freshVideo1"));
    FeedEntry foreign =
        new FeedEntry("foreignVid1", "UC" + "d".repeat(22), "Not ours", Optional.empty(), NOW, NOW);
    assertThat(triage(foreign)).isZero();
  }

  @Test
  void aTrackedVideoIsLookedAtAgainOnlyWhenItsEntryChanged() {
    Instant published = NOW.minus(Duration.ofHours(5));
    store.know(tracked("trackedVid1", "Title", Optional.empty()));
    assertThat(triage(entry("trackedVid1", "Title", published, published)))
        .as("first sight, same title: remembered, no lookup")
        .isZero();
    assertThat(triage(entry("trackedVid1", "Title", published, published))).as("a repeat").isZero();
    assertThat(triage(entry("trackedVid1", "Title", published, published.plusSeconds(60))))
        .as("edited since it was seen (maybe its description)")
        .isEqualTo(1);
    store.candidates.clear();
    store.know(tracked("trackedVid2", "Before", Optional.empty()));
    assertThat(triage(entry("trackedVid2", "After", published, published)))
        .as("a new title")
        .isEqualTo(1);
  }

  @Test
  void aVideoThatCouldNotBeSyncedCostsNoSecondLookupUntilItChanges() {
    Instant published = NOW.minus(Duration.ofHours(2));
    store.verdict(
        CHANNEL,
        "premiere001",
        VideoKnowledge.Verdict.UNSYNCABLE,
        "live broadcast content is upcoming",
        1,
        published);
    assertThat(triage(entry("premiere001", "Premiere", published, published))).isZero();
    assertThat(triage(entry("premiere001", "Premiere", published, NOW))).isEqualTo(1);
  }
}
