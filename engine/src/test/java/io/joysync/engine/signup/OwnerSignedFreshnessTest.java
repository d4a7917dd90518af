package io.joysync.engine.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An owner's signed message is acted on only while it is recent and not from the future. */
class OwnerSignedFreshnessTest {

  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void aMessageSignedNowOrWithinTheHourIsFresh() {
    assertThat(OwnerSignedChanges.fresh(NOW, NOW, HOUR)).isTrue();
    assertThat(OwnerSignedChanges.fresh(NOW.minus(HOUR), NOW, HOUR)).isTrue();
    assertThat(OwnerSignedChanges.fresh(NOW.plusSeconds(60), NOW, HOUR)).isTrue();
  }

  @Test
  void aMessageOlderThanTheMaximumAgeOrFromTheFutureIsRefused() {
    assertThat(OwnerSignedChanges.fresh(NOW.minus(HOUR).minusMillis(1), NOW, HOUR)).isFalse();
    assertThat(OwnerSignedChanges.fresh(NOW.plus(Duration.ofMinutes(11)), NOW, HOUR)).isFalse();
  }
}
