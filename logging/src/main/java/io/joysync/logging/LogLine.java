package io.joysync.logging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One encoded log line on its way to Elasticsearch: the document id it is created with (so a line
 * sent twice is stored once), the index it belongs to (from its own timestamp, so a replay lands it
 * in the same index) and its ECS JSON. On disk it is one line: {@code id index json}.
 */
record LogLine(String id, String index, String json) {

  LogLine {
    if (id.isEmpty() || id.contains(" ") || index.isEmpty() || index.contains(" ")) {
      throw new IllegalArgumentException("id and index must be single words: " + id + " " + index);
    }
    if (json.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a log line's JSON is a single line");
    }
  }

  /** The spool's form of this line, with its newline. */
  byte[] toSpool() {
    return (id + ' ' + index + ' ' + json + '\n').getBytes(StandardCharsets.UTF_8);
  }

  /** A line read back from the spool, or empty when it is damaged (a write cut short). */
  static Optional<LogLine> fromSpool(String line) {
    int first = line.indexOf(' ');
    int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (first <= 0 || second <= first + 1 || !line.endsWith("}")) {
      return Optional.empty();
    }
    return Optional.of(
        new LogLine(
            line.substring(0, first),
            line.substring(first + 1, second),
            line.substring(second + 1)));
  }
}
