package io.joysync.joystream.extrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.joystream.extrinsic.MultiAddress.Bytes;
import io.joysync.joystream.extrinsic.MultiAddress.BytesKind;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The byte-carrying variants of Substrate's MultiAddress, as the SCALE codec lays them out. */
class MultiAddressTest {

  private static String encoded(MultiAddress a) {
    ScaleWriter w = new ScaleWriter(64);
    a.encode(w);
    return Hex.encode(w.toByteArray());
  }

  private static MultiAddress decoded(String hex) {
    return MultiAddress.decode(new ScaleReader(Hex.decode(hex)));
  }

  @Test
  void rawIsALengthPrefixedVectorAndTheFixedOnesAreBare() {
    Bytes raw = new Bytes(BytesKind.RAW, new byte[] {1, 2, 3});
    assertThat(encoded(raw)).isEqualTo("0x020c010203");
    assertThat(decoded("0x020c010203")).isEqualTo(raw);

    byte[] twenty = new byte[20];
    Arrays.fill(twenty, (byte) 0xab);
    Bytes address20 = new Bytes(BytesKind.ADDRESS20, twenty);
    assertThat(encoded(address20)).isEqualTo("0x04" + "ab".repeat(20));
    assertThat(decoded(encoded(address20))).isEqualTo(address20);
    assertThat(address20).isNotEqualTo(new Bytes(BytesKind.RAW, twenty));
  }

  @Test
  void address32NamesAnAccountAndTheOthersDoNot() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    MultiAddress address32 = decoded("0x03" + "07".repeat(32));
    assertThat(address32.accountId()).isEqualTo(new AccountId(key));
    assertThatThrownBy(() -> new Bytes(BytesKind.RAW, key).accountId())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFixedVariantOfTheWrongLengthIsRefused() {
    assertThatThrownBy(() -> new Bytes(BytesKind.ADDRESS32, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ADDRESS32 needs 32 bytes, got 31");
  }
}
