package io.joysync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The chain saturation figures as the Markdown table and notes bench/RESULTS.md records. */
final class SaturationReport {
  private SaturationReport() {}

  /** One row per mode, then the rate of the first mode over the last (the baseline). */
  static String table(List<Figures> all) {
    StringBuilder out =
        new StringBuilder(
            "| mode | capacity per block | included per block, mean (min-max) | of capacity"
                + " | blocks >= 90 % | inclusion latency p50 / p99 (blocks)"
                + " | nonce errors 1010 / 1014 / future | duplicates | videos/s |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Figures f : all) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f (%d-%d) | %.1f %% | %d of %d | %d / %d | %d / %d / %d | %d | %.1f"
                  + " |%n",
              f.mode(),
              f.capacityPerBlock(),
              f.includedPerBlock(),
              f.minPerBlock(),
              f.maxPerBlock(),
              100 * f.includedPerBlock() / f.capacityPerBlock(),
              f.blocksAtGoal(),
              f.measuredBlocks(),
              f.latencyP50(),
              f.latencyP99(),
              f.nonceErrors().stale1010(),
              f.nonceErrors().priority1014(),
              f.nonceErrors().future(),
              f.duplicates(),
              f.videosPerSecond()));
    }
    Figures first = all.get(0);
    Figures baseline = all.get(all.size() - 1);
    out.append(
        String.format(
            Locale.ROOT,
            "%nRate of '%s' over '%s': %.1fx%n",
            first.mode(),
            baseline.mode(),
            first.videosPerSecond() / baseline.videosPerSecond()));
    return out.toString();
  }

  /**
   * What each mode answered, what Orion credits, who signed, what the pool kept, each measured
   * block, and the signing cycle's steps.
   */
  static String details(List<Figures> all) {
    StringBuilder out = new StringBuilder();
    for (Figures f : all) {
      out.append(
          String.format(
              Locale.ROOT,
              "- %s: answers %s (%d unanswered); %d of %d created videos credited to the app by"
                  + " Orion; videos of the measured blocks by member %s; %d broadcasts,"
                  + " %d failed extrinsics in the measured blocks, %d extrinsics left in the"
                  + " pool.%n  Videos per measured block: %s%n",
              f.mode(),
              f.answers(),
              f.unanswered(),
              f.attributed(),
              f.created(),
              f.videosByMember(),
              f.broadcasts(),
              f.failedExtrinsics(),
              f.leftInPool(),
              f.perBlock()));
      f.cycle()
          .ifPresent(
              c ->
                  out.append(
                      String.format(
                          Locale.ROOT,
                          "  Signing cycle per account, ms p50 / p90 (n): in a block -> next"
                              + " preparation %s; preparing %s; signed -> broadcast (persisted,"
                              + " then held until the one before succeeded in a block) %s; broadcast -> in a block %s%n",
                          spread(c.waiting()),
                          spread(c.preparing()),
                          spread(c.persisting()),
                          spread(c.landing()))));
    }
    return out.toString();
  }

  private static String spread(List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    return Figures.percentile(sorted, 0.5)
        + " / "
        + Figures.percentile(sorted, 0.9)
        + " ("
        + sorted.size()
        + ")";
  }
}
