package io.joysync.joystream.extrinsic;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import org.junit.jupiter.api.Test;

/** Every period and many phases survive encode/decode; the birth block contains the current one. */
class EraRoundTripTest {

  @Test
  void everyPeriodAndPhaseRoundTrips() {
    for (long period = 4; period <= 65536; period <<= 1) {
      for (long current = 0; current < 3 * period; current += Math.max(1, period / 61)) {
        Era.Mortal era = Era.mortal(period, current);
        ScaleWriter w = new ScaleWriter();
        era.encode(w);
        byte[] bytes = w.toByteArray();
        assertThat(bytes).hasSize(2);
        assertThat(Era.decode(new ScaleReader(bytes))).isEqualTo(era);
        long birth = era.birthBlock(current);
        assertThat(birth).isLessThanOrEqualTo(current);
        assertThat(current).isLessThan(era.deathBlock(current));
        assertThat(current - birth).isLessThan(Math.max(period >> 12, 1));
      }
    }
  }
}
