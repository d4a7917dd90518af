package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.channel.Tier;
import io.joysync.engine.video.VideoState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The order in which a mix of channels' waiting videos is taken up. */
class SyncOrderTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static WorkItem item(
      String id, String channel, boolean historical, int daysAgo, long views, long duration) {
    return new WorkItem(
        id,
        channel,
        VideoState.NEW,
        historical,
        NOW.minusSeconds(86_400L * daysAgo),
        views,
        duration,
        0,
        Optional.empty());
  }

  @Test
  void newUploadsComeFirstThenEveryChannelsBackCatalogueInRounds() {
    List<WorkItem> items = new ArrayList<>();
    // A large back catalogue: 30 videos of channel "big".
    for (int i = 0; i < 30; i++) {
      items.add(item("big-" + i, "big", true, 400 + i, 1000 - i, 60));
    }
    // A channel that just signed up: three old videos.
    items.add(item("fresh-a", "fresh", true, 100, 5, 600));
    items.add(item("fresh-b", "fresh", true, 90, 50, 600));
    items.add(item("fresh-c", "fresh", true, 80, 50, 30));
    // Two new uploads of other channels.
    items.add(item("new-2", "other", false, 0, 0, 60));
    items.add(item("new-1", "big", false, 1, 0, 60));

    List<String> order =
        SyncOrder.order(items, Map.of(), NOW).stream().map(WorkItem::videoId).toList();

    assertThat(order.subList(0, 2)).containsExactly("new-1", "new-2");
    // Round one: each channel's best video (most viewed; of equal views the shortest).
    assertThat(order.subList(2, 4)).containsExactlyInAnyOrder("big-0", "fresh-c");
    assertThat(order.subList(4, 6)).containsExactlyInAnyOrder("big-1", "fresh-b");
    assertThat(order.subList(6, 8)).containsExactlyInAnyOrder("big-2", "fresh-a");
    // The new channel's whole catalogue is on its way before the big one's fourth video.
    assertThat(order.indexOf("fresh-a")).isLessThan(order.indexOf("big-3"));
    assertThat(order).hasSize(35).doesNotHaveDuplicates();
  }

  @Test
  void higherTiersTakeMoreOfEachRoundWhileEveryChannelGetsItsFirstVideoInTheFirst() {
    List<WorkItem> items = new ArrayList<>();
    for (String channel : List.of("diamond", "gold", "bronze")) {
      for (int i = 0; i < 12; i++) {
        items.add(item(channel + "-" + i, channel, true, 400 + i, 1000 - i, 60));
      }
    }
    // Just signed up, not verified yet: the read side does not name its tier.
    items.add(item("new-0", "new", true, 10, 9, 60));
    items.add(item("new-1", "new", true, 20, 5, 60));
    Map<String, Tier> tiers =
        Map.of("diamond", Tier.DIAMOND, "gold", Tier.GOLD, "bronze", Tier.BRONZE);

    List<WorkItem> order = SyncOrder.order(items, tiers, NOW);

    // The first round: four of Diamond's, three of Gold's, one each of the Bronze ones.
    assertThat(perChannel(order.subList(0, 9)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("diamond", 4L, "gold", 3L, "bronze", 1L, "new", 1L));
    assertThat(order.subList(0, 9)).extracting(WorkItem::videoId).contains("new-0");
    // Three rounds: Diamond's whole catalogue, nine of Gold's, three of Bronze's.
    assertThat(perChannel(order.subList(0, 26)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("diamond", 12L, "gold", 9L, "bronze", 3L, "new", 2L));
    // Within a channel the weight changes nothing: the most viewed first.
    assertThat(order.stream().filter(i -> i.channelId().equals("gold")).limit(3))
        .extracting(WorkItem::videoId)
        .containsExactly("gold-0", "gold-1", "gold-2");
    assertThat(order).hasSize(38).doesNotHaveDuplicates();
  }

  @Test
  void aChannelsVideosOnTheirWayCountAsTurnsItHadSoANewChannelIsNotHeldBackByOlderVideos() {
    List<WorkItem> items = new ArrayList<>();
    // The big channel's three best are created and uploading; its older videos still wait.
    for (int i = 0; i < 3; i++) {
      items.add(
          inState(item("big-up-" + i, "big", true, 900, 5000 - i, 60), VideoState.VIDEO_CREATED));
    }
    for (int i = 0; i < 5; i++) {
      items.add(item("big-" + i, "big", true, 800 + i, 1000 - i, 60));
    }
    // A channel that just signed up, with a newer video.
    items.add(item("fresh-0", "fresh", true, 30, 10, 60));

    List<String> order =
        SyncOrder.order(items, Map.of(), NOW).stream().map(WorkItem::videoId).toList();

    assertThat(order.subList(0, 3)).containsOnly("big-up-0", "big-up-1", "big-up-2");
    assertThat(order.get(3)).isEqualTo("fresh-0");
    assertThat(order).hasSize(9);
  }

  private static Map<String, Long> perChannel(List<WorkItem> items) {
    return items.stream()
        .collect(Collectors.groupingBy(WorkItem::channelId, Collectors.counting()));
  }

  @Test
  void videosAlreadyOnJoystreamComeBeforeAnyThatStillNeedsADownload() {
    List<WorkItem> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(item("popular-" + i, "big", true, 400 + i, 100_000 - i, 60));
    }
    items.add(item("new-upload", "big", false, 0, 0, 60));
    items.add(inState(item("upload-failed", "big", true, 500, 3, 60), VideoState.UPLOAD_FAILED));
    items.add(inState(item("created", "other", true, 450, 1, 60), VideoState.VIDEO_CREATED));
    items.add(
        inState(
            item("creation-failed", "big", true, 300, 2, 60), VideoState.VIDEO_CREATION_FAILED));

    List<String> order =
        SyncOrder.order(items, Map.of(), NOW).stream().map(WorkItem::videoId).toList();

    // Their files are on disk: finishing them first frees the room the downloads need.
    assertThat(order.subList(0, 2)).containsExactly("upload-failed", "created");
    assertThat(order.get(2)).isEqualTo("new-upload");
    assertThat(order).contains("creation-failed").hasSize(34).doesNotHaveDuplicates();
  }

  private static WorkItem inState(WorkItem i, VideoState state) {
    return new WorkItem(
        i.videoId(),
        i.channelId(),
        state,
        i.historical(),
        i.publishedAt(),
        i.viewCount(),
        i.durationSeconds(),
        i.failedAttempts(),
        i.retryAt());
  }

  @Test
  void aVideoWaitingForItsRetryIsLeftOutUntilThen() {
    WorkItem waiting =
        new WorkItem(
            "later",
            "c",
            VideoState.VIDEO_CREATION_FAILED,
            false,
            NOW.minusSeconds(60),
            0,
            60,
            2,
            Optional.of(NOW.plusSeconds(300)));
    WorkItem due =
        new WorkItem(
            "now",
            "c",
            VideoState.UPLOAD_FAILED,
            false,
            NOW.minusSeconds(60),
            0,
            60,
            1,
            Optional.of(NOW.minusSeconds(1)));

    assertThat(SyncOrder.order(List.of(waiting, due), Map.of(), NOW)).containsExactly(due);
    assertThat(SyncOrder.order(List.of(waiting, due), Map.of(), NOW.plusSeconds(301))).hasSize(2);
  }
}
