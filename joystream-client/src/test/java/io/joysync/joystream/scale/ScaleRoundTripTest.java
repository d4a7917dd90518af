package io.joysync.joystream.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Writer and reader agree on many values, including every compact-mode boundary. */
class ScaleRoundTripTest {
  private final Random random = new Random(20240501);

  @Test
  void compactIntegersRoundTripAndUseTheShortestForm() {
    for (int bits = 0; bits <= 128; bits++) {
      for (int i = 0; i < 20; i++) {
        BigInteger v = new BigInteger(bits, random);
        byte[] bytes = new ScaleWriter().writeCompact(v).toByteArray();
        ScaleReader r = new ScaleReader(bytes);
        assertThat(r.readCompact()).isEqualTo(v);
        r.expectEnd();
        int expectedLength =
            v.bitLength() <= 6
                ? 1
                : v.bitLength() <= 14
                    ? 2
                    : v.bitLength() <= 30 ? 4 : 1 + Math.max(4, (v.bitLength() + 7) / 8);
        assertThat(bytes).as("compact " + v).hasSize(expectedLength);
      }
    }
  }

  @Test
  void longAndBigIntegerCompactFormsAgree() {
    for (int i = 0; i < 2000; i++) {
      long v = (random.nextLong() >>> 1) >>> random.nextInt(63);
      assertThat(new ScaleWriter().writeCompact(v).toByteArray())
          .isEqualTo(new ScaleWriter().writeCompact(BigInteger.valueOf(v)).toByteArray());
      assertThat(new ScaleReader(new ScaleWriter().writeCompact(v).toByteArray()).readCompactLong())
          .isEqualTo(v);
    }
  }

  @Test
  void fixedWidthIntegersRoundTrip() {
    for (int i = 0; i < 1000; i++) {
      int u8 = random.nextInt(256);
      int u16 = random.nextInt(65536);
      long u32 = random.nextLong() >>> 32;
      long u64 = random.nextLong();
      BigInteger u128 = new BigInteger(128, random);
      byte[] bytes =
          new ScaleWriter()
              .writeU8(u8)
              .writeU16(u16)
              .writeU32(u32)
              .writeU64(u64)
              .writeU128(u128)
              .toByteArray();
      assertThat(bytes).hasSize(1 + 2 + 4 + 8 + 16);
      ScaleReader r = new ScaleReader(bytes);
      assertThat(r.readU8()).isEqualTo(u8);
      assertThat(r.readU16()).isEqualTo(u16);
      assertThat(r.readU32()).isEqualTo(u32);
      assertThat(r.readU64()).isEqualTo(u64);
      assertThat(r.readU128()).isEqualTo(u128);
      r.expectEnd();
    }
  }
}
