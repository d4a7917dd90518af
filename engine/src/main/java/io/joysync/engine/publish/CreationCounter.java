package io.joysync.engine.publish;

import java.time.Instant;

/** Videos created in the last hour, counted per minute in a ring (memory stays constant). */
final class CreationCounter {
  private final long[] minutes = new long[60];
  private final int[] counts = new int[60];

  void add(int videos, Instant at) {
    long minute = at.getEpochSecond() / 60;
    int slot = (int) (minute % 60);
    if (minutes[slot] != minute) {
      minutes[slot] = minute;
      counts[slot] = 0;
    }
    counts[slot] += videos;
  }

  int lastHour(Instant now) {
    long minute = now.getEpochSecond() / 60;
    int sum = 0;
    for (int i = 0; i < 60; i++) {
      if (minute - minutes[i] < 60 && minute >= minutes[i]) {
        sum += counts[i];
      }
    }
    return sum;
  }
}
