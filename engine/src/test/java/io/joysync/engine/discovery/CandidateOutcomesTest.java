package io.joysync.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelEntity.AutoOptOutReason;
import io.joysync.engine.channel.ChannelProfile;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.VideoTracking.TrackedVideos;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.youtube.YoutubeVideo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

/**
 * A detected video wakes one entity, its own: its channel's terms come from the schedule's copy of
 * the channel (kept by the projection of the channel's events), not from the channel's entity,
 * which is asked only while the projection has not seen the channel yet.
 */
class CandidateOutcomesTest {

  static final String CHANNEL = "UC" + "d".repeat(22);
  static final Instant JOINED = Instant.parse("2026-05-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  final MemoryCandidateStore candidates = new MemoryCandidateStore();
  final ProjectedSchedule schedule = new ProjectedSchedule();
  final RecordingActions actions = new RecordingActions();
  final DiscoveryCounters counters = new DiscoveryCounters();
  final CandidateOutcomes outcomes =
      new CandidateOutcomes(
          schedule,
          candidates,
          actions,
          DiscoverySettings.from(
              ConfigFactory.parseResources("joysync/discovery.conf")
                  .withFallback(
                      ConfigFactory.parseString("joysync.joystream.collaborator-member-id = 1"))
                  .resolve()),
          counters);

  static ChannelState signedUp(String category) {
    Registration registration =
        new Registration(
            "google-user-1",
            "creator@example.com",
            42,
            Optional.of("de"),
            true,
            Optional.of(category),
            Optional.empty(),
            new ChannelProfile(
                "Title",
                "About",
                Optional.empty(),
                Optional.of("en"),
                Map.of(),
                Optional.empty(),
                1500,
                30,
                100000,
                Optional.empty(),
                Optional.of("UU" + CHANNEL.substring(2))),
            Optional.empty(),
            JOINED);
    // What the projection keeps: the channel built from its events with the entity's handler.
    return ChannelEntity.applyToChannel(
            ChannelState.EMPTY, new ChannelEntity.SignedUp(CHANNEL, registration))
        .withoutTokens();
  }

  static YoutubeVideo upload(String id) {
    return new YoutubeVideo(
        id,
        CHANNEL,
        "https://www.youtube.com/watch?v=" + id,
        "Upload " + id,
        "description",
        0,
        new YoutubeVideo.VideoThumbnails(null, "https://i.example/" + id + ".jpg", null, null),
        60,
        "processed",
        "public",
        "youtube",
        "mp4",
        "none",
        false,
        NOW.minusSeconds(30),
        false);
  }

  static Candidate candidate(String id) {
    return new Candidate(
        CHANNEL,
        id,
        Candidate.Reason.NOTIFIED,
        Candidate.Source.WEBSUB,
        NOW.minusSeconds(5),
        NOW.minusSeconds(30),
        "Upload " + id);
  }

  void settle(String... ids) {
    List<Candidate> batch = new ArrayList<>();
    Map<String, YoutubeVideo> found = new HashMap<>();
    for (String id : ids) {
      batch.add(candidate(id));
      found.put(id, upload(id));
    }
    candidates.record(batch);
    outcomes.settle(batch, found, Map.of(), NOW).toCompletableFuture().join();
  }

  @Test
  void newVideosAreTrackedWithTheSchedulesCopyOfTheChannelWithoutWakingTheChannel() {
    schedule.copies.put(CHANNEL, signedUp("cat-22"));

    settle("vid00000001", "vid00000002");

    assertThat(actions.asked).as("the channel's entity is never asked").isEmpty();
    assertThat(actions.withCopy).hasSize(1);
    assertThat(actions.withCopy.get(0).channel().videoCategoryId()).contains("cat-22");
    assertThat(actions.withCopy.get(0).videoIds()).containsExactly("vid00000001", "vid00000002");
    assertThat(counters.get("entityCommands")).as("one per detected video").isEqualTo(2);
    assertThat(counters.get("videosTracked")).isEqualTo(2);
    assertThat(candidates.candidates).as("both candidates settled").isEmpty();
  }

  @Test
  void aChannelTheProjectionHasNotSeenYetIsAskedForItsTerms() {
    settle("vid00000003");

    assertThat(actions.withCopy).isEmpty();
    assertThat(actions.asked).containsExactly(CHANNEL);
    assertThat(counters.get("entityCommands")).isEqualTo(2);
    assertThat(candidates.candidates).isEmpty();
  }

  @Test
  void anUnreadableScheduleFallsBackToAskingTheChannelAndLosesNothing() {
    schedule.failing = true;

    settle("vid00000004");

    assertThat(actions.asked).containsExactly(CHANNEL);
    assertThat(counters.get("videosTracked")).isEqualTo(1);
    assertThat(candidates.candidates).isEmpty();
  }

  /** A schedule that only holds copies of channels. */
  static final class ProjectedSchedule implements WatchStore {
    final Map<String, ChannelState> copies = new HashMap<>();
    volatile boolean failing;

    @Override
    public CompletionStage<Optional<ChannelState>> channel(String channelId) {
      if (failing) {
        return CompletableFuture.failedFuture(new IllegalStateException("read timed out"));
      }
      return CompletableFuture.completedFuture(Optional.ofNullable(copies.get(channelId)));
    }

    @Override
    public CompletionStage<List<ScheduleEntry>> due(
        int shard, long bucket, Instant upTo, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<List<Watch>> watches(List<String> channelIds) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Optional<Watch>> watch(String channelId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> reschedule(Watch checked, ScheduleEntry done) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> schedule(ScheduleEntry entry) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> remove(ScheduleEntry entry) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> recordLease(String channelId, Optional<Instant> leaseEnd) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> recordStatistics(List<String> channelIds, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Optional<Long>> cursor(int shard) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> saveCursor(int shard, long bucket) {
      throw new UnsupportedOperationException();
    }
  }

  /** Channel actions that track everything they are given and remember how they were asked. */
  static final class RecordingActions implements ChannelActions {
    record WithCopy(ChannelState channel, List<String> videoIds) {}

    final List<String> asked = new ArrayList<>();
    final List<WithCopy> withCopy = new ArrayList<>();

    @Override
    public CompletionStage<TrackedVideos> track(
        String channelId, List<VideoFacts> videos, Instant at) {
      asked.add(channelId);
      return added(videos);
    }

    @Override
    public CompletionStage<TrackedVideos> track(
        String channelId, ChannelState channel, List<VideoFacts> videos, Instant at) {
      withCopy.add(new WithCopy(channel, videos.stream().map(VideoFacts::id).toList()));
      return added(videos);
    }

    private static CompletionStage<TrackedVideos> added(List<VideoFacts> videos) {
      return CompletableFuture.completedFuture(
          new TrackedVideos(videos.stream().map(VideoFacts::id).toList(), List.of()));
    }

    @Override
    public CompletionStage<Done> autoOptOut(String channelId, AutoOptOutReason reason, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> refreshStatistics(
        String channelId, io.joysync.engine.youtube.ChannelStatistics statistics, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> markUnavailable(
        String videoId, UnavailableReason reason, String detail, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Done> editMetadata(
        String videoId, String title, String description, Instant at) {
      throw new UnsupportedOperationException();
    }
  }
}
