package io.joysync.engine.pipeline;

import io.joysync.engine.channel.Tier;
import io.joysync.engine.video.VideoState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A discrete-event model of a sync queue, for the pipeline benchmark's fairness comparison: videos
 * arrive (when they were tracked in the measured run), wait, and are taken up one at a time by
 * {@code servers} slots that each hold a video for {@code serviceTime}; which waiting video a free
 * slot takes is decided by an {@link Order}. The two orders compared are joysync's own ({@link
 * SyncOrder#order}, called here) and youtube-synch's BullMQ priority formula (reference section
 * 1.4, clamped to [1, 2 097 152] as the reference advises). Both see the same arrivals and the same
 * throughput, so any difference is the order's alone.
 */
public final class QueueOrderModel {

  /** A channel as the priority formula sees it. */
  public record Channel(String id, Instant signedUpAt, String tier, long youtubeVideoCount) {}

  /** A video as it arrived in the measured run. */
  public record Video(
      String id,
      String channelId,
      Instant arrivedAt,
      Instant publishedAt,
      long viewCount,
      long durationSeconds,
      boolean historical) {}

  /** What one order gave: when each video was done. */
  public record Outcome(Map<String, Instant> doneAt) {}

  /** Chooses the next video among those waiting; {@code inService} are those in the slots. */
  public interface Order {
    Video next(
        List<Video> waiting,
        List<Video> inService,
        Map<String, Integer> unsyncedByChannel,
        Instant now);
  }

  private final Map<String, Channel> channels = new HashMap<>();

  public QueueOrderModel(List<Channel> channels) {
    channels.forEach(c -> this.channels.put(c.id(), c));
  }

  /**
   * joysync's order as its pipeline worker applies it: {@link SyncOrder#order} over the work
   * index's listing, which still holds the videos on their way (the worker skips those), so that
   * they keep their channel's first rounds; here a video in a slot is listed as {@code New} until
   * it is done.
   */
  public Order joysync() {
    return (waiting, inService, unsynced, now) -> pick(waiting, inService, now);
  }

  private Video pick(List<Video> waiting, List<Video> inService, Instant now) {
    Map<String, Video> byId = new HashMap<>();
    List<WorkItem> items = new ArrayList<>();
    for (Video v : waiting) {
      byId.put(v.id(), v);
      items.add(item(v));
    }
    inService.forEach(v -> items.add(item(v)));
    Map<String, Tier> tiers = new HashMap<>();
    channels.forEach((id, c) -> tiers.put(id, Tier.parse(c.tier()).orElse(Tier.BRONZE)));
    for (WorkItem i : SyncOrder.order(items, tiers, now)) {
      Video v = byId.get(i.videoId());
      if (v != null) {
        return v;
      }
    }
    throw new IllegalStateException("no waiting video in the order");
  }

  private static WorkItem item(Video v) {
    return new WorkItem(
        v.id(),
        v.channelId(),
        VideoState.NEW,
        v.historical(),
        v.publishedAt(),
        v.viewCount(),
        v.durationSeconds(),
        0,
        Optional.empty());
  }

  /**
   * youtube-synch's order: the lowest BullMQ priority number first; equal numbers in the order the
   * jobs were added (youtube-synch adds them by ascending {@code publishedAt}).
   */
  public Order youtubeSynch() {
    return (waiting, inService, unsynced, now) ->
        waiting.stream()
            .min(
                Comparator.comparingLong((Video v) -> priority(v, unsynced, now))
                    .thenComparing(Video::publishedAt)
                    .thenComparing(Video::id))
            .orElseThrow();
  }

  /** Reference 1.4, with the clamp the reference suggests. */
  long priority(Video v, Map<String, Integer> unsynced, Instant now) {
    Channel c = channels.get(v.channelId());
    double sudo = 10;
    if (v.publishedAt().isAfter(c.signedUpAt()) && v.durationSeconds() > 300) {
      sudo += 20;
    }
    if (c.tier().equals("Silver") || c.tier().equals("Gold") || c.tier().equals("Diamond")) {
      sudo += 20;
    }
    long total = Math.min(c.youtubeVideoCount(), videoCap(c.tier()));
    double pct = unsynced.getOrDefault(c.id(), 0) * 100.0 / Math.max(1, total);
    long nowMs = now.toEpochMilli();
    // The reference's quirk kept: the year-2000 constant is in seconds, the rest in milliseconds.
    double age = 100.0 * (nowMs - v.publishedAt().toEpochMilli()) / (nowMs - 946_684_800L);
    double measure = 2000 * sudo + 1000 * pct + age;
    long priority = Math.round(2_097_152 - measure / 201_100 * 2_097_152 + 1);
    return Math.max(1, Math.min(2_097_152, priority));
  }

  static int videoCap(String tier) {
    switch (tier) {
      case "Silver":
        return 100;
      case "Gold":
        return 250;
      case "Diamond":
        return 1000;
      default:
        return 5;
    }
  }

  /**
   * Runs the queue until every video is done. A video counts as unsynced for the formula from its
   * arrival until it is done (youtube-synch counts it while it is in one of its unsynced states).
   */
  public Outcome run(List<Video> videos, int servers, Duration serviceTime, Order order) {
    List<Video> arrivals = new ArrayList<>(videos);
    arrivals.sort(Comparator.comparing(Video::arrivedAt).thenComparing(Video::id));
    PriorityQueue<Map.Entry<Instant, Video>> busy = new PriorityQueue<>(Map.Entry.comparingByKey());
    List<Video> waiting = new ArrayList<>();
    Map<String, Integer> unsynced = new HashMap<>();
    Map<String, Instant> done = new HashMap<>();
    int next = 0;
    Instant now = arrivals.isEmpty() ? Instant.EPOCH : arrivals.get(0).arrivedAt();
    while (done.size() < arrivals.size()) {
      // Admit what has arrived, then fill free slots, then move to the next event.
      while (next < arrivals.size() && !arrivals.get(next).arrivedAt().isAfter(now)) {
        Video v = arrivals.get(next++);
        waiting.add(v);
        unsynced.merge(v.channelId(), 1, Integer::sum);
      }
      while (busy.size() < servers && !waiting.isEmpty()) {
        List<Video> serving = busy.stream().map(Map.Entry::getValue).toList();
        Video chosen = order.next(waiting, serving, unsynced, now);
        waiting.remove(chosen);
        busy.add(Map.entry(now.plus(serviceTime), chosen));
      }
      Instant nextArrival = next < arrivals.size() ? arrivals.get(next).arrivedAt() : null;
      Instant nextDone = busy.isEmpty() ? null : busy.peek().getKey();
      if (nextDone != null && (nextArrival == null || !nextDone.isAfter(nextArrival))) {
        Map.Entry<Instant, Video> finished = busy.poll();
        now = finished.getKey();
        done.put(finished.getValue().id(), now);
        unsynced.merge(finished.getValue().channelId(), -1, Integer::sum);
      } else if (nextArrival != null) {
        now = nextArrival;
      } else {
        break;
      }
    }
    return new Outcome(done);
  }
}
