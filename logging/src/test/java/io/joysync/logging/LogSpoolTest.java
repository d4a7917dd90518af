package io.joysync.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSpoolTest {

  @TempDir Path dir;

  @Test
  void linesComeBackInOrderAcrossSegmentsAndAReopen() throws IOException {
    List<LogLine> written = lines(0, 3000);
    int committed;
    try (LogSpool spool = LogSpool.open(dir.resolve("spool"), 1 << 20)) {
      assertThat(spool.append(written)).isZero();
      assertThat(segments(spool.dir())).hasSizeGreaterThan(1);
      List<LogLine> first = spool.peek(1000, Long.MAX_VALUE);
      assertThat(first).isNotEmpty().isEqualTo(written.subList(0, first.size()));
      spool.commit();
      committed = first.size();
      // Peeked but not committed: offered again after a restart.
      assertThat(spool.peek(100, Long.MAX_VALUE)).isEqualTo(lines(committed, committed + 100));
    }

    try (LogSpool reopened = LogSpool.open(dir.resolve("spool"), 1 << 20)) {
      assertThat(reopened.append(lines(3000, 3100))).isZero();
      assertThat(drain(reopened)).isEqualTo(lines(committed, 3100));
      assertThat(reopened.hasPending()).isFalse();
    }
  }

  @Test
  void refusesWhatDoesNotFitAndNeverGrowsPastItsBound() throws IOException {
    long bound = 100_000;
    try (LogSpool spool = LogSpool.open(dir.resolve("spool"), bound)) {
      int refused = spool.append(lines(0, 2000));

      assertThat(refused).isPositive();
      assertThat(spool.bytes()).isLessThanOrEqualTo(bound);
      assertThat(sizeOnDisk(spool.dir())).isLessThanOrEqualTo(bound);
      List<LogLine> kept = drain(spool);
      assertThat(kept).hasSize(2000 - refused).isSubsetOf(lines(0, 2000));
      assertThat(kept).isSortedAccordingTo(LogSpoolTest::byNumber);
      assertThat(spool.append(lines(5000, 5010))).isZero();
    }
  }

  @Test
  void aSecondProcessTakesTheNextFolder() throws IOException {
    try (LogSpool first = LogSpool.open(dir.resolve("spool"), 1 << 20)) {
      try (LogSpool second = openInOtherFolder()) {
        assertThat(second.dir()).isNotEqualTo(first.dir());
      }
    }
  }

  @Test
  void aLineCutShortByACrashIsSkipped() throws IOException {
    Path folder = dir.resolve("spool");
    try (LogSpool spool = LogSpool.open(folder, 1 << 20)) {
      spool.append(lines(0, 3));
    }
    try (Stream<Path> files = Files.list(folder)) {
      Path segment = files.filter(p -> p.toString().endsWith(".ndjson")).findFirst().orElseThrow();
      Files.writeString(
          segment, "id-x joysync-logs-2026.01.01 {\"message\":\"cut", StandardOpenOption.APPEND);
    }
    try (LogSpool reopened = LogSpool.open(folder, 1 << 20)) {
      reopened.append(lines(3, 5));
      assertThat(drain(reopened)).isEqualTo(lines(0, 5));
      assertThat(reopened.damagedLines()).isEqualTo(1);
    }
  }

  private LogSpool openInOtherFolder() throws IOException {
    return LogSpool.open(dir.resolve("spool"), 1 << 20);
  }

  private static int byNumber(LogLine a, LogLine b) {
    return Integer.compare(
        Integer.parseInt(a.id().substring(4)), Integer.parseInt(b.id().substring(4)));
  }

  private static List<LogLine> drain(LogSpool spool) throws IOException {
    List<LogLine> all = new ArrayList<>();
    for (List<LogLine> batch = spool.peek(333, 50_000);
        !batch.isEmpty();
        batch = spool.peek(333, 50_000)) {
      all.addAll(batch);
      spool.commit();
    }
    return all;
  }

  private static List<LogLine> lines(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(
            i ->
                new LogLine(
                    "run-" + i,
                    "joysync-logs-2026.01.01",
                    "{\"message\":\"line " + i + " " + "x".repeat(i % 200) + "\"}"))
        .toList();
  }

  private static List<Path> segments(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".ndjson")).toList();
    }
  }

  private static long sizeOnDisk(Path folder) throws IOException {
    long total = 0;
    for (Path p : segments(folder)) {
      total += Files.size(p);
    }
    return total;
  }
}
