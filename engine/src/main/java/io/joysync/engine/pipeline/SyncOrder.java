package io.joysync.engine.pipeline;

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
 *       however large the others' catalogues are, and no channel starves.
 *   <li>Within a channel's back catalogue, the most viewed first, and of equally viewed ones the
 *       shortest (the engagement-and-short-first order proposed for choosing content).
 *   <li>Ties (the same round) go to the channel whose video was published first.
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

  private record Ranked(WorkItem item, int round) {}

  /** The due items in the order they are to be taken up. */
  static List<WorkItem> order(List<WorkItem> items, Instant now) {
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
    for (List<WorkItem> catalogue : catalogues.values()) {
      List<WorkItem> sorted = catalogue.stream().sorted(BACK_CATALOGUE).toList();
      for (int round = 0; round < sorted.size(); round++) {
        ranked.add(new Ranked(sorted.get(round), round));
      }
    }
    ranked.sort(
        Comparator.comparingInt(Ranked::round)
            .thenComparing(r -> r.item().publishedAt())
            .thenComparing(r -> r.item().videoId()));
    List<WorkItem> ordered = new ArrayList<>(started);
    ordered.addAll(fresh);
    ranked.forEach(r -> ordered.add(r.item()));
    return ordered;
  }
}
