package io.joysync.bench;

import java.util.List;
import java.util.Locale;

/**
 * YouTube Data API units per day needed to keep channels in sync, for youtube-synch's polling
 * (every 2 minutes: a {@code channels.list} statistics sweep of every channel, 50 per unit, then
 * {@code playlistItems.list} + {@code videos.list} for each channel whose video count changed) and
 * for joysync's policy (discovery by WebSub and RSS, which cost no quota; {@code videos.list} for
 * the details of new ids only, batched 50 ids per unit across channels; a statistics sweep at a
 * chosen cadence; sign-ups with their bounded first listing).
 *
 * <p>Unit costs are Google's (1 unit per list page, search 100); each line of the output shows its
 * parts so that the arithmetic can be checked by hand. Run: {@code java -cp bench/target/classes
 * io.joysync.bench.QuotaCostModel}.
 */
public final class QuotaCostModel {

  static final int IDS_PER_CALL = 50;
  static final long UNITS_PER_PROJECT = 10_000;

  /** Inputs shared by both policies. */
  record Workload(
      long channels,
      double newVideosPerChannelPerWeek,
      double signupsPerDayPerChannel,
      int firstIngestionVideos) {}

  /** One line of the result. */
  record Cost(String policy, long discovery, long details, long statistics, long signups) {
    long total() {
      return discovery + details + statistics + signups;
    }

    double projects() {
      return total() / (double) UNITS_PER_PROJECT;
    }
  }

  static long ceilDiv(double a, long b) {
    return (long) Math.ceil(a / b);
  }

  /**
   * Sign-up: channels.list mine (1) + first listing (1 per 50) + details of those videos (1 per
   * 50).
   */
  static long signupUnits(Workload w) {
    double signups = w.channels() * w.signupsPerDayPerChannel();
    return Math.round(
        signups
            * (1
                + ceilDiv(w.firstIngestionVideos(), IDS_PER_CALL)
                + ceilDiv(w.firstIngestionVideos(), IDS_PER_CALL)));
  }

  static Cost youtubeSynch(Workload w, int pollMinutes) {
    long pollsPerDay = 24 * 60 / pollMinutes;
    long sweep = ceilDiv(w.channels(), IDS_PER_CALL) * pollsPerDay;
    double changedPerDay = w.channels() * w.newVideosPerChannelPerWeek() / 7.0;
    long listing = Math.round(changedPerDay);
    long details = Math.round(changedPerDay);
    return new Cost(
        "youtube-synch, " + pollMinutes + "-min polling",
        sweep,
        listing + details,
        0,
        signupUnits(w));
  }

  static Cost joysync(Workload w, double statisticsSweepsPerDay) {
    double newVideosPerDay = w.channels() * w.newVideosPerChannelPerWeek() / 7.0;
    long details = ceilDiv(newVideosPerDay, IDS_PER_CALL);
    long statistics = Math.round(ceilDiv(w.channels(), IDS_PER_CALL) * statisticsSweepsPerDay);
    String cadence =
        statisticsSweepsPerDay >= 1
            ? String.format(Locale.ROOT, "%.0f/day", statisticsSweepsPerDay)
            : String.format(Locale.ROOT, "every %.0f days", 1 / statisticsSweepsPerDay);
    return new Cost(
        "joysync, WebSub+RSS, stats " + cadence, 0, details, statistics, signupUnits(w));
  }

  static List<Cost> model(Workload w) {
    return List.of(youtubeSynch(w, 2), joysync(w, 1), joysync(w, 1 / 7.0));
  }

  public static void main(String[] args) {
    for (long channels : List.of(1_000_000L, 10_000_000L)) {
      Workload w = new Workload(channels, 1.0, 0.001, 5);
      System.out.printf(
          Locale.ROOT,
          "%n%,d channels, %.1f new video/channel/week, %.1f%% sign-ups/day, first ingestion %d videos%n",
          channels,
          w.newVideosPerChannelPerWeek(),
          w.signupsPerDayPerChannel() * 100,
          w.firstIngestionVideos());
      System.out.printf(
          Locale.ROOT,
          "| policy | discovery | details | statistics | sign-ups | units/day | 10k-unit projects |%n|---|---:|---:|---:|---:|---:|---:|%n");
      for (Cost c : model(w)) {
        System.out.printf(
            Locale.ROOT,
            "| %s | %,d | %,d | %,d | %,d | %,d | %,.1f |%n",
            c.policy(),
            c.discovery(),
            c.details(),
            c.statistics(),
            c.signups(),
            c.total(),
            c.projects());
      }
    }
  }
}
