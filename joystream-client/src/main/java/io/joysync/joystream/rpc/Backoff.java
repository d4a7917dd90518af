package io.joysync.joystream.rpc;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: {@code min} doubled after each failed attempt up to {@code max}, plus up to 20%
 * random jitter so that many clients of one restarted node do not reconnect in step.
 */
record Backoff(Duration min, Duration max) {

  long delayMillis(int failedAttempts) {
    long base = min.toMillis() << Math.min(failedAttempts, 20);
    long delay = Math.min(max.toMillis(), base);
    return delay + ThreadLocalRandom.current().nextLong(delay / 5 + 1);
  }
}
