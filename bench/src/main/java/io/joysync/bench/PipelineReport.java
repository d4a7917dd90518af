package io.joysync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pipeline benchmark's figures, printed as the Markdown kept in bench/RESULTS.md. */
final class PipelineReport {

  /** One new upload of (d): upload to tracked {@code New}, and {@code New} to UploadSucceeded. */
  record Sample(Duration discovery, Duration pipeline) {
    Duration total() {
      return discovery.plus(pipeline);
    }
  }

  private final String mode;
  private final List<String> notes = new ArrayList<>();
  private final StringBuilder latency = new StringBuilder();
  private final StringBuilder fairness = new StringBuilder();
  private final StringBuilder model = new StringBuilder();

  PipelineReport(String mode) {
    this.mode = mode;
  }

  void note(String line) {
    notes.add(line);
  }

  void latency(String mode, PipelineBenchmark.Latency measured) {
    List<Sample> samples = measured.samples();
    List<Duration> total = samples.stream().map(Sample::total).toList();
    if (latency.length() == 0) {
      latency.append("(d) latency, new uploads with an empty backlog\n\n");
      latency.append(
          "| mode | | uploads measured | p50 | p90 | max |\n|---|---|---:|---:|---:|---:|\n");
    }
    latency.append(
        row(
            mode,
            "upload to UploadSucceeded",
            samples.size() + " of " + (samples.size() + measured.unfinished()),
            total));
    latency.append(
        row("", "discovery (upload to New)", "", samples.stream().map(Sample::discovery).toList()));
    latency.append(
        row(
            "",
            "pipeline (New to UploadSucceeded)",
            "",
            samples.stream().map(Sample::pipeline).toList()));
    if (first == null) {
      first = measured;
      latency.append(
          row(
              "youtube-synch, computed from the push run",
              "its pipeline part + U(0,120 s) poll + U(0,60 s) loop",
              "1000 draws each",
              PipelineBenchmark.youtubeSynchLatency(samples)));
    }
  }

  private PipelineBenchmark.Latency first;

  /** The ratio of the polling mode to push, both measured in this run, and the goal. */
  void latencyVerdict(PipelineBenchmark.Latency push, PipelineBenchmark.Latency polling) {
    Duration p50 = pct(push.samples().stream().map(Sample::total).toList(), 0.5);
    Duration pollP50 = pct(polling.samples().stream().map(Sample::total).toList(), 0.5);
    latency.append(
        fmt(
            "%nRatio at p50, youtube-synch's polling / joysync's push, both measured: %.1fx;"
                + " computed baseline / push: %.1fx. Goal p50 <= 60 s with 1 s blocks: %s (p50 %.1f s)%n",
            seconds(pollP50) / seconds(p50),
            seconds(pct(PipelineBenchmark.youtubeSynchLatency(push.samples()), 0.5)) / seconds(p50),
            seconds(p50) <= 60 ? "met" : "not met",
            seconds(p50)));
  }

  void fairnessRun(
      int bigTracked, int bigSize, int bigDone, double throughput, Duration measuredFor) {
    fairness.append(
        fmt(
            "(e) fairness, measured end to end: large catalogue %d of %d videos tracked, %d on"
                + " Joystream after %d s; throughput %.2f videos/s%n%n",
            bigTracked, bigSize, bigDone, measuredFor.toSeconds(), throughput));
    fairness.append(
        "| small channel | sign-up + verification took | verification to first video on Joystream"
            + " | large catalogue on Joystream by then |\n|---|---:|---:|---:|\n");
  }

  private final List<Duration> measuredFirsts = new ArrayList<>();
  private final Map<String, Duration> modelledP50 = new LinkedHashMap<>();

  void smallMeasured(int i, Duration signUp, Duration first, int bigDone) {
    if (first != null) {
      measuredFirsts.add(first);
    }
    fairness.append(
        fmt(
            "| %d | %s | %s | %d |%n",
            i,
            signUp == null ? "not signed up" : fmt("%.1f s", seconds(signUp)),
            first == null ? "none in time" : fmt("%.1f s", seconds(first)),
            bigDone));
  }

  void modelled(
      String order,
      int servers,
      Duration service,
      double throughput,
      List<Duration> firsts,
      List<Integer> progress) {
    if (model.length() == 0) {
      model.append(
          fmt(
              "(e) modelled: the same arrivals (each video at the time it was tracked), %d slots"
                  + " of %.1f s each (the measured p50 pipeline part; %.2f videos/s)%n%n",
              servers, seconds(service), servers / seconds(service)));
      model.append(
          "| order | first video p50 | max | large catalogue done by then (p50 / max) |\n"
              + "|---|---:|---:|---:|\n");
    }
    modelledP50.put(order, pct(firsts, 0.5));
    List<Integer> sorted = progress.stream().sorted().toList();
    model.append(
        fmt(
            "| %s | %.1f s | %.1f s | %s / %s |%n",
            order,
            seconds(pct(firsts, 0.5)),
            seconds(pct(firsts, 1.0)),
            sorted.isEmpty() ? "-" : sorted.get((sorted.size() - 1) / 2),
            sorted.isEmpty() ? "-" : sorted.get(sorted.size() - 1)));
  }

  private String fairnessSummary() {
    if (measuredFirsts.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    b.append(
        fmt(
            "%nMeasured end to end (joysync): first video p50 %.1f s, max %.1f s (%d small"
                + " channels served).%n",
            seconds(pct(measuredFirsts, 0.5)),
            seconds(pct(measuredFirsts, 1.0)),
            measuredFirsts.size()));
    Duration joysync = null;
    for (Map.Entry<String, Duration> e : modelledP50.entrySet()) {
      if (e.getKey().startsWith("joysync SyncOrder, as the worker")) {
        joysync = e.getValue();
      }
    }
    if (joysync != null) {
      for (Map.Entry<String, Duration> e : modelledP50.entrySet()) {
        if (e.getKey().startsWith("youtube-synch")) {
          b.append(
              fmt(
                  "Modelled ratio at p50, %s / joysync SyncOrder: %.1fx%n",
                  e.getKey(), seconds(e.getValue()) / seconds(joysync)));
        }
      }
    }
    return b.toString();
  }

  String markdown() {
    return "### Pipeline benchmark, "
        + mode
        + "\n\n"
        + String.join("\n", notes)
        + "\n\n"
        + latency
        + "\n"
        + fairness
        + "\n"
        + model
        + fairnessSummary();
  }

  private static String row(String mode, String what, String count, List<Duration> values) {
    return fmt(
        "| %s | %s | %s | %.1f s | %.1f s | %.1f s |%n",
        mode,
        what,
        count,
        seconds(pct(values, 0.5)),
        seconds(pct(values, 0.9)),
        seconds(pct(values, 1.0)));
  }

  static Duration pct(List<Duration> values, double p) {
    if (values.isEmpty()) {
      return Duration.ZERO;
    }
    List<Duration> sorted = values.stream().sorted().toList();
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
