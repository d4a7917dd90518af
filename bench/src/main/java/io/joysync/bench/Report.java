package io.joysync.bench;

import io.joysync.engine.discovery.DiscoveryCounters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The discovery benchmark's figures, printed as the Markdown kept in bench/RESULTS.md. */
final class Report {

  private final int channels;
  private final Duration day;
  private final double scale;
  private final StringBuilder phases = new StringBuilder();
  private final List<String> lines = new ArrayList<>();
  private long dayUnits;
  private long uploads;

  Report(int channels, Duration day, double scale) {
    this.channels = channels;
    this.day = day;
    this.scale = scale;
  }

  void phase(String name, Instant start, ResourceSampler.Usage usage) {
    Duration took = Duration.between(start, Instant.now());
    phases.append(
        fmt(
            "| %s | %s | %.2f | %d |%n",
            name, took.toSeconds() + " s", usage.cores(), usage.peakHeapMb()));
  }

  void joinFigures(DiscoveryCounters c, long hubSubscriptions) {
    lines.add(
        fmt(
            "- join: %d subscription requests, %d leases confirmed, %d held by the hub, %d feed"
                + " requests, %d Data API units",
            c.get("subscribeRequests"),
            c.get("leasesConfirmed"),
            hubSubscriptions,
            c.get("feedRequests"),
            c.get("videosListCalls") + c.get("channelLookups")));
  }

  void day(
      DiscoveryBenchmark.Snapshot before,
      DiscoveryBenchmark.Snapshot after,
      ResourceSampler.Usage usage,
      int uploaded) {
    uploads = uploaded;
    double seconds = Duration.between(before.at(), after.at()).toMillis() / 1000.0;
    long feeds = after.get("feedRequests") - before.get("feedRequests");
    long notModified = after.get("feedsNotModified") - before.get("feedsNotModified");
    long renewals = after.verifications() - before.verifications();
    dayUnits = after.quota() - before.quota();
    lines.add(fmt("- simulated day: %d uploads (one per channel per week)", uploaded));
    lines.add(
        fmt(
            "- feed requests: %d (%.0f %% answered 304); %.1f/s in the run, %.2f/s at production"
                + " speed for these %d channels (%.1f/s per million)",
            feeds,
            100.0 * notModified / Math.max(1, feeds),
            feeds / seconds,
            feeds / 86_400.0,
            channels,
            feeds / 86_400.0 * 1e6 / channels));
    lines.add(
        fmt(
            "- hub renewals (verifications): %d; %.2f/s in the run, %.3f/s at production speed"
                + " (%.2f/s per million)",
            renewals,
            renewals / seconds,
            renewals / 86_400.0,
            renewals / 86_400.0 * 1e6 / channels));
    lines.add(
        fmt(
            "- notifications accepted %d, candidates %d, videos.list calls %d for %d ids"
                + " (%.1f ids per call), tracked %d",
            after.get("notificationsAccepted") - before.get("notificationsAccepted"),
            after.get("candidatesRecorded") - before.get("candidatesRecorded"),
            after.get("videosListCalls") - before.get("videosListCalls"),
            after.get("videosListIds") - before.get("videosListIds"),
            (after.get("videosListIds") - before.get("videosListIds"))
                / (double)
                    Math.max(1, after.get("videosListCalls") - before.get("videosListCalls")),
            after.tracked() - before.tracked()));
    lines.add(
        fmt(
            "- Data API units in the day: %d, i.e. %.0f per day per million channels",
            dayUnits, dayUnits * 1e6 / channels));
    lines.add(
        fmt(
            "- node during the day: %.2f cores on average, peak heap %d MB",
            usage.cores(), usage.peakHeapMb()));
  }

  void latency(
      Map<String, Instant> uploadedAt,
      Map<String, Instant> trackedAt,
      DiscoveryBenchmark.Snapshot before,
      DiscoveryBenchmark.Snapshot after) {
    List<Long> millis = new ArrayList<>();
    uploadedAt.forEach(
        (video, at) -> {
          Instant tracked = trackedAt.get(video);
          if (tracked != null) {
            millis.add(Math.max(0, Duration.between(at, tracked).toMillis()));
          }
        });
    millis.sort(Long::compare);
    lines.add(
        fmt(
            "- detection latency, upload to New (%d of %d uploads): p50 %.1f s, p90 %.1f s, p99"
                + " %.1f s, max %.1f s",
            millis.size(),
            uploadedAt.size(),
            pct(millis, 0.50),
            pct(millis, 0.90),
            pct(millis, 0.99),
            pct(millis, 1.0)));
    long looked = after.get("videosListIds") - before.get("videosListIds");
    long waited = after.get("candidateWaitMillis") - before.get("candidateWaitMillis");
    lines.add(
        fmt(
            "- of which waiting for a videos.list batch (noticed to the lookup's round), mean %.1f"
                + " s over %d ids; upload to New, mean %.1f s",
            waited / 1000.0 / Math.max(1, looked),
            looked,
            millis.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0));
  }

  void activations(DiscoveryBenchmark.Snapshot before, DiscoveryBenchmark.Snapshot after) {
    long commands = after.get("entityCommands") - before.get("entityCommands");
    long tracked = after.tracked() - before.tracked();
    lines.add(
        fmt(
            "- entity commands per detected video: %.2f (%d commands for %d videos; each command"
                + " goes to an entity of its own, so commands = activations)",
            commands / (double) Math.max(1, tracked), commands, tracked));
  }

  void idle(DiscoveryBenchmark.Snapshot before, DiscoveryBenchmark.Snapshot after, Duration d) {
    lines.add(
        fmt(
            "- idle minute (no uploads): %d entity commands, %d Data API units, while the schedule"
                + " went on (%d feed requests, %d renewals)",
            after.get("entityCommands") - before.get("entityCommands"),
            after.quota() - before.quota(),
            after.get("feedRequests") - before.get("feedRequests"),
            after.verifications() - before.verifications()));
  }

  void retainedHeap(long mb) {
    lines.add(fmt("- heap retained after a full GC at the end: %d MB", mb));
  }

  void youtubeSynchSweep(YoutubeSynchSweep.Sweep sweep) {
    long sweepsPerDay = 720;
    long perDay = sweep.units() * sweepsPerDay + 2 * uploads;
    lines.add(
        fmt(
            "- youtube-synch over the same channels: one sweep measured = %d calls, %d units (%d"
                + " ms); x %d sweeps a day + 2 units per changed channel = %d units/day, %.0f per"
                + " million channels; joysync used %.0fx fewer",
            sweep.calls(),
            sweep.units(),
            sweep.took().toMillis(),
            sweepsPerDay,
            perDay,
            perDay * 1e6 / channels,
            perDay / (double) Math.max(1, dayUnits)));
  }

  String markdown() {
    Runtime rt = Runtime.getRuntime();
    return fmt(
            "### Discovery at scale, %d channels, one simulated day in %d min (cadence x%.0f), %s%n%n",
            channels, day.toMinutes(), scale, LocalDate.now())
        + fmt(
            "Machine: %d cores, node max heap %d MB, %s %s.%n%n",
            rt.availableProcessors(),
            rt.maxMemory() / 1_000_000,
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"))
        + "| phase | took | node cores (avg) | node peak heap (MB) |\n|---|---:|---:|---:|\n"
        + phases
        + "\n"
        + String.join("\n", lines)
        + "\n";
  }

  private static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1000.0;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
