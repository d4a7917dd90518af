package io.joysync.joystream.crypto;

import static io.joysync.joystream.scale.ReferenceVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.crypto.StorageKey.HashedKey;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ReferenceVectors;
import io.joysync.joystream.scale.ScaleWriter;
import org.junit.jupiter.api.Test;

class HashVectorsTest {

  @Test
  void blake2AndTwoxMatchEveryHashVector() {
    for (JsonNode v : ReferenceVectors.section("hashes")) {
      byte[] in = hex(v, "inputHex");
      String name = v.get("name").asText();
      assertThat(Blake2b.hash128(in)).as(name).isEqualTo(hex(v, "blake2b_128"));
      assertThat(Blake2b.hash256(in)).as(name).isEqualTo(hex(v, "blake2b_256"));
      assertThat(Blake2b.hash512(in)).as(name).isEqualTo(hex(v, "blake2b_512"));
      assertThat(XxHash.twox64(in)).as(name).isEqualTo(hex(v, "twox64"));
      assertThat(XxHash.twox128(in)).as(name).isEqualTo(hex(v, "twox128"));
      assertThat(XxHash.twox256(in)).as(name).isEqualTo(hex(v, "twox256"));
      assertThat(StorageHasher.BLAKE2_128_CONCAT.hash(in)).isEqualTo(hex(v, "blake2_128concat"));
      assertThat(StorageHasher.TWOX_64_CONCAT.hash(in)).isEqualTo(hex(v, "twox64concat"));
    }
  }

  @Test
  void xxhashHandlesEveryTailLength() {
    byte[] data = new byte[100];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    // XXH64 of the empty input with seed 0 (published reference value)
    assertThat(XxHash.xxh64(new byte[0], 0)).isEqualTo(0xEF46DB3751D8E999L);
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int n = 0; n <= 100; n++) {
      distinct.add(XxHash.xxh64(java.util.Arrays.copyOf(data, n), 0));
    }
    assertThat(distinct).hasSize(101);
  }

  @Test
  void storageKeysMatchTheMetadataBuiltKeys() {
    int checked = 0;
    for (JsonNode v : ReferenceVectors.section("storageKeys")) {
      String prefix = v.get("storagePrefix").asText();
      String item = v.get("item").asText();
      assertThat(StorageKey.plain(prefix, item).bytes()).isEqualTo(hex(v, "prefixHex"));
      JsonNode hashers = v.get("hashers");
      JsonNode args = v.get("args");
      HashedKey[] keys = new HashedKey[hashers.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] =
            new HashedKey(
                StorageHasher.fromMetadataName(hashers.get(i).asText()), encodeArg(args.get(i)));
      }
      assertThat(StorageKey.doubleMap(prefix, item, keys).toHex())
          .as(v.get("name").asText())
          .isEqualTo(v.get("keyHex").asText());
      checked++;
    }
    assertThat(checked).isEqualTo(ReferenceVectors.section("storageKeys").size());
  }

  private static byte[] encodeArg(JsonNode arg) {
    if (arg.has("ss58")) {
      AccountId id = AccountId.fromJoystreamAddress(arg.get("ss58").asText());
      assertThat(id.toHex()).isEqualTo(arg.get("hex").asText());
      return id.bytes();
    }
    if (arg.has("Dynamic")) {
      return new ScaleWriter()
          .writeU8(1)
          .writeU8(1)
          .writeU64(arg.get("Dynamic").get("Channel").asLong())
          .toByteArray();
    }
    return new ScaleWriter().writeU64(arg.asLong()).toByteArray();
  }

  @Test
  void membersPalletStoresUnderMembership() {
    assertThat(StorageKey.plain("Membership", "MembershipPrice").toHex())
        .isEqualTo(
            ReferenceVectors.named("storageKeys", "Membership.MembershipPrice")
                .get("keyHex")
                .asText());
    assertThat(Hex.encode(XxHash.twox128("System".getBytes())))
        .isEqualTo("0x26aa394eea5630e07c48ae0c9558cef7");
  }
}
