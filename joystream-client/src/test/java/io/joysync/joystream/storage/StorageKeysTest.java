package io.joysync.joystream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.metadata.ChainMetadataFixture;
import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.scale.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageKeysTest {

  @Test
  void everyStorageKeyVectorIsReproducedWithTheMetadataHashers() {
    StorageKeys keys = new StorageKeys(ChainMetadataFixture.metadata());
    JsonNode vectors = ChainMetadataFixture.vectors().get("storageKeys");
    assertThat(vectors.size()).isEqualTo(18);
    for (JsonNode v : vectors) {
      List<byte[]> args = new ArrayList<>();
      for (JsonNode a : v.get("args")) {
        args.add(encode(a));
      }
      String actual =
          keys.key(
                  v.get("storagePrefix").asText(),
                  v.get("item").asText(),
                  args.toArray(new byte[0][]))
              .toHex();
      assertThat(actual).as(v.get("name").asText()).isEqualTo(v.get("keyHex").asText());
    }
  }

  @Test
  void theProtocolNotesPrefixesAgree() {
    StorageKeys keys = new StorageKeys(ChainMetadataFixture.metadata());
    assertThat(keys.key("Membership", "MembershipById", StorageKeys.u64(9)).toHex())
        .startsWith("0x2ce461329fdf4be12bce01afc0af09bc13020dc69e85870ac7b4c755bb8753c2");
    assertThat(keys.key("Storage", "DataObjectPerMegabyteFee").toHex())
        .isEqualTo("0x95875cb80ebaf9f918457db6a86ac6ad25e0482900c98a1856a1e4878ed6eac6");
  }

  @Test
  void aWrongNumberOfKeysIsRefused() {
    StorageKeys keys = new StorageKeys(ChainMetadataFixture.metadata());
    assertThatThrownBy(() -> keys.key("Content", "ChannelById"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("takes 1 keys, got 0");
    assertThatThrownBy(() -> keys.key("Content", "NoSuchItem"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("no storage item Content.NoSuchItem");
  }

  private static byte[] encode(JsonNode arg) {
    if (arg.isNumber()) {
      return StorageKeys.u64(arg.asLong());
    }
    if (arg.has("hex")) {
      return StorageKeys.accountId(Hex.decode(arg.get("hex").asText()));
    }
    JsonNode dynamic = arg.get("Dynamic");
    if (dynamic != null && dynamic.has("Channel")) {
      return StorageKeys.channelBag(dynamic.get("Channel").asLong());
    }
    if (dynamic != null && dynamic.has("Member")) {
      return StorageKeys.memberBag(dynamic.get("Member").asLong());
    }
    throw new IllegalArgumentException("no encoding for vector argument " + arg);
  }
}
