package io.joysync.joystream.keys;

import static io.joysync.joystream.scale.ReferenceVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.crypto.Base58;
import io.joysync.joystream.scale.ReferenceVectors;
import org.junit.jupiter.api.Test;

class Ss58Test {
  private final JsonNode keys = ReferenceVectors.section("keys");

  @Test
  void decodesEveryValidVectorAndRejectsTheBadChecksum() {
    for (JsonNode v : keys.get("ss58Decode")) {
      String address = v.get("address").asText();
      if (v.get("valid").asBoolean()) {
        Ss58.Address a = Ss58.decode(address);
        assertThat(a.prefix()).as(address).isEqualTo(v.get("prefix").asInt());
        assertThat(a.publicKey()).isEqualTo(hex(v, "publicKeyHex"));
        assertThat(Base58.decode(address)).isEqualTo(hex(v, "rawHex"));
        assertThat(Ss58.encode(a.publicKey(), a.prefix())).isEqualTo(address);
      } else {
        assertThatThrownBy(() -> Ss58.decode(address))
            .isInstanceOfSatisfying(
                Ss58Exception.class,
                e -> assertThat(e.reason()).isEqualTo(Ss58Exception.Reason.BAD_CHECKSUM))
            .hasMessageContaining("checksum");
      }
    }
  }

  @Test
  void encodesOneAndTwoBytePrefixes() {
    for (JsonNode v : keys.get("ss58Encode")) {
      assertThat(Ss58.encode(hex(v, "publicKeyHex"), v.get("prefix").asInt()))
          .as("prefix " + v.get("prefix"))
          .isEqualTo(v.get("address").asText());
      assertThat(Ss58.decode(v.get("address").asText()).prefix())
          .isEqualTo(v.get("prefix").asInt());
    }
  }

  @Test
  void joystreamAddressesRequirePrefix126() {
    String polkadotStyle = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    assertThatThrownBy(() -> AccountId.fromJoystreamAddress(polkadotStyle))
        .isInstanceOfSatisfying(
            Ss58Exception.class,
            e -> assertThat(e.reason()).isEqualTo(Ss58Exception.Reason.WRONG_PREFIX))
        .hasMessageContaining("has prefix 42, expected 126");
    assertThat(AccountId.parse(polkadotStyle).toSs58())
        .isEqualTo("j4W7rVcUCxi2crhhjRq46fNDRbVHTjJrz6bKxZwehEMQxZeSf");
  }

  @Test
  void malformedAddressesGiveTypedReasons() {
    assertThatThrownBy(() -> Ss58.decode("j4W7rVcUCxi2crhhjRq46fNDRbVHTjJrz6bKxZwehEMQxZe0"))
        .isInstanceOfSatisfying(
            Ss58Exception.class,
            e -> assertThat(e.reason()).isEqualTo(Ss58Exception.Reason.INVALID_BASE58))
        .hasMessageContaining("invalid base58 character '0' at position 47");
    byte[] shortAccount = new byte[35];
    shortAccount[0] = 0x5f;
    shortAccount[1] = (byte) 0x80;
    assertThatThrownBy(() -> Ss58.decode(Base58.encode(shortAccount)))
        .isInstanceOfSatisfying(
            Ss58Exception.class,
            e -> assertThat(e.reason()).isEqualTo(Ss58Exception.Reason.INVALID_LENGTH));
    byte[] reservedForm = new byte[35];
    reservedForm[0] = (byte) 0x80;
    assertThatThrownBy(() -> Ss58.decode(Base58.encode(reservedForm)))
        .isInstanceOfSatisfying(
            Ss58Exception.class,
            e -> assertThat(e.reason()).isEqualTo(Ss58Exception.Reason.RESERVED_PREFIX));
    assertThatThrownBy(() -> Ss58.encode(new byte[32], 16384))
        .isInstanceOfSatisfying(
            Ss58Exception.class,
            e -> assertThat(e.reason()).isEqualTo(Ss58Exception.Reason.RESERVED_PREFIX));
    assertThatThrownBy(() -> Ss58.encode(new byte[31], 126))
        .isInstanceOfSatisfying(
            Ss58Exception.class,
            e -> assertThat(e.reason()).isEqualTo(Ss58Exception.Reason.INVALID_LENGTH))
        .hasMessageContaining("got 31");
  }
}
