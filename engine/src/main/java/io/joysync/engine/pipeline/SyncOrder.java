package io.joysync.engine.pipeline;

import io.joysync.engine.channel.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The order in which waiting videos are taken up (replacing youtube-synch's priority formula and
 * its division-by-zero and negative-priority bugs):
 *
 * <ol>
 *   <li>Videos already registered on Joystream (or on their way there) before any other, oldest
 *       first: their files are on the local disk, so finishing them frees the room new downloads
 *       wait for (were they queued behind videos that cannot start for want of room, a full disk
 *       would never empty).
 *   <li>New uploads (published after their channel signed up) before any back catalogue, oldest
 *       first, so a channel's new videos appear on Joystream in the order it published them.
 *   <li>The back catalogue is dealt out in rounds: every channel's first waiting video, then every
 *       channel's second, and so on, so a channel that just signed up gets its first video soon
 *       however large the others' catalogues are, and no channel starves. Higher tiers weigh more:
 *       in each round a channel takes as many videos as its tier's {@link #weight} (Bronze 1,
 *       Silver 2, Gold 3, Diamond 4), so a Diamond channel's back catalogue goes four times as fast
 *       as a Bronze one's while both wait, and every channel still has its first video in the first
 *       round. A channel's videos already on their way (created, uploading) count as turns it has
 *       had: were they left out, a channel whose earlier videos all got past creation would be back
 *       in the first round each time one place frees, and win it every time its videos are the
 *       older.
 *   <li>Within a channel's back catalogue, the most viewed first, and of equally viewed ones the
 *       shortest (the engagement-and-short-first order proposed for choosing content).
 *   <li>Within a round, every channel's first video of the round before any channel's second (so a
 *       channel's own order holds); ties go to the channel whose video was published first.
 * </ol>
 *
 * Failed videos wait for their retry time ({@link WorkItem#isDue}) and are left out until then.
 */
final class SyncOrder {

  private SyncOrder() {}

  private static final Comparator<WorkItem> NEW_UPLOADS =
      Comparator.comparing(WorkItem::publishedAt).thenComparing(WorkItem::videoId);

  private static final Comparator<WorkItem> BACK_CATALOGUE =
      Comparator.comparingLong(WorkItem::viewCount)
          .reversed()
          .thenComparingLong(WorkItem::durationSeconds)
          .thenComparing(WorkItem::videoId);

  private record Ranked(WorkItem item, int round, int place) {}

  /** How many of a channel's back-catalogue videos one round takes. */
  static int weight(Tier tier) {
    return switch (tier) {
      case BRONZE -> 1;
      case SILVER -> 2;
      case GOLD -> 3;
      case DIAMOND -> 4;
    };
  }

  /**
   * The due items in the order they are to be taken up; {@code tiers} weighs each channel's back
   * catalogue (a channel it does not name has Bronze's weight).
   */
  static List<WorkItem> order(List<WorkItem> items, Map<String, Tier> tiers, Instant now) {
    // true: on Joystream already (or on the way), false: still to be downloaded and created.
    Map<Boolean, List<WorkItem>> byProgress =
        items.stream()
            .filter(i -> i.isDue(now))
            .collect(Collectors.partitioningBy(i -> !DownloadStage.notYetCreated(i.state())));
    List<WorkItem> started = byProgress.get(true).stream().sorted(NEW_UPLOADS).toList();
    List<WorkItem> due = byProgress.get(false);
    List<WorkItem> fresh = due.stream().filter(i -> !i.historical()).sorted(NEW_UPLOADS).toList();
    Map<String, List<WorkItem>> catalogues =
        due.stream()
            .filter(WorkItem::historical)
            .collect(Collectors.groupingBy(WorkItem::channelId));
    List<Ranked> ranked = new ArrayList<>();
    // A channel's videos on their way already have had their turns.
    Map<String, Long> turnsTaken =
        started.stream().collect(Collectors.groupingBy(WorkItem::channelId, Collectors.counting()));
    for (Map.Entry<String, List<WorkItem>> catalogue : catalogues.entrySet()) {
      int weight = weight(tiers.getOrDefault(catalogue.getKey(), Tier.BRONZE));
      int taken = turnsTaken.getOrDefault(catalogue.getKey(), 0L).intValue();
      List<WorkItem> sorted = catalogue.getValue().stream().sorted(BACK_CATALOGUE).toList();
      for (int i = 0; i < sorted.size(); i++) {
        int place = taken + i;
        ranked.add(new Ranked(sorted.get(i), place / weight, place));
      }
    }
    ranked.sort(
        Comparator.comparingInt(Ranked::round)
            .thenComparingInt(Ranked::place)
            .thenComparing(r -> r.item().publishedAt())
            .thenComparing(r -> r.item().videoId()));
    List<WorkItem> ordered = new ArrayList<>(started);
    ordered.addAll(fresh);
    ranked.forEach(r -> ordered.add(r.item()));
    return ordered;
  }
}
