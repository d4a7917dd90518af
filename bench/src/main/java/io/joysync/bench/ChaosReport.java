package io.joysync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The chaos run's report, in the Markdown that goes into {@code bench/RESULTS.md}. */
final class ChaosReport {

  private final List<String> notes = new ArrayList<>();
  private final List<String> sections = new ArrayList<>();

  void note(String line) {
    notes.add(line);
  }

  void events(List<String> events) {
    StringBuilder b =
        new StringBuilder("What happened (seconds from the end of the sign-ups):\n\n");
    b.append("```\n");
    events.forEach(e -> b.append(e).append('\n'));
    b.append("```\n");
    sections.add(b.toString());
  }

  void drain(Duration fromChaosStart, boolean drained, Duration afterChaos) {
    sections.add(
        drained
            ? fmt(
                "The last video ended %.0f s after the chaos started (%s its window closed).\n",
                seconds(fromChaosStart),
                afterChaos.isNegative()
                    ? fmt("%.0f s before", seconds(afterChaos.negated()))
                    : fmt("%.0f s after", seconds(afterChaos)))
            : fmt(
                "**Not drained**: videos were still on their way %.0f s after the chaos started.\n",
                seconds(fromChaosStart)));
  }

  void outcome(
      int syncable,
      long succeeded,
      long onChain,
      long duplicatesOnChain,
      long attributedTwice,
      long notInOrion,
      Map<String, Long> states) {
    StringBuilder b = new StringBuilder();
    b.append("| figure | goal | measured |\n|---|---|---:|\n");
    b.append(fmt("| syncable videos | | %d |\n", syncable));
    b.append(fmt("| synced (`UploadSucceeded`) | all syncable | %d |\n", succeeded));
    b.append(fmt("| videos on chain in the channels | one per synced | %d |\n", onChain));
    b.append(
        fmt("| duplicates: on chain beyond one per synced video | 0 | %d |\n", duplicatesOnChain));
    b.append(fmt("| duplicates: attributed twice in Orion | 0 | %d |\n", attributedTwice));
    b.append(fmt("| synced but not attributed in Orion | 0 | %d |\n", notInOrion));
    b.append(fmt("| lost (syncable, not synced) | 0 | %d |\n", Math.max(0, syncable - succeeded)));
    sections.add(b.toString());
    StringBuilder s = new StringBuilder("End states: ");
    new TreeMap<>(states)
        .forEach((k, v) -> s.append('`').append(k).append("` ").append(v).append(", "));
    sections.add(s.substring(0, s.length() - 2) + ".\n");
  }

  void rollingRestart(List<Integer> answers) {
    long ok = answers.stream().filter(a -> a == 200).count();
    sections.add(
        fmt(
            "Rolling restart (each node stopped with SIGTERM and started again in turn, while"
                + " syncing): Atlas' list of a creator's videos, asked every 200 ms of a node that"
                + " stayed, answered 200 %d times of %d.\n",
            ok, answers.size()));
  }

  void partition(int node, Duration exitedAfter, int status, boolean downed) {
    sections.add(
        fmt(
            "Network partition (node %d cut off both ways in the middle of the chaos window): it"
                + " exited %.1f s after the cut with status %d%s, then started again on its address"
                + " once the link was back.\n",
            node,
            seconds(exitedAfter),
            status,
            downed
                ? ", its log saying it was downed (the minority side)"
                : ", NOT logged as downed"));
  }

  void joined(List<String> downloaded) {
    sections.add(
        fmt(
            "A fourth node (role `pipeline` only, no key, no API) joined after the chaos window and"
                + " downloaded %d videos itself (its log's `downloaded` lines%s).\n",
            downloaded.size(),
            downloaded.isEmpty()
                ? ""
                : ", e.g. "
                    + String.join(", ", downloaded.subList(0, Math.min(3, downloaded.size())))));
  }

  void filesLeft(long files) {
    sections.add(fmt("Files left in the nodes' download folders: %d.\n", files));
  }

  void logs(List<LogLedger.Comparison> comparisons) {
    StringBuilder b =
        new StringBuilder(
            "| node | lines in its log file | in Elasticsearch | in the file, not shipped (lost)"
                + " | shipped, not in the file |\n|---|---:|---:|---:|---:|\n");
    long lost = 0;
    for (LogLedger.Comparison c : comparisons) {
      b.append(
          fmt(
              "| %d | %d | %d | %d | %d |\n",
              c.node(), c.inFile(), c.inElasticsearch(), c.notShipped(), c.notInFile()));
      lost += c.notShipped();
    }
    sections.add(b.toString());
    if (lost > 0) {
      StringBuilder e = new StringBuilder("Some of the lines not shipped:\n\n```\n");
      comparisons.forEach(
          c -> c.examples().forEach(x -> e.append(c.node()).append(": ").append(x).append('\n')));
      sections.add(e.append("```\n").toString());
    }
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    notes.forEach(n -> b.append(n).append('\n'));
    b.append('\n');
    sections.forEach(s -> b.append(s).append('\n'));
    return b.toString();
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
