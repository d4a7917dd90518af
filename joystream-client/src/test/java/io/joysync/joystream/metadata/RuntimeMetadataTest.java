package io.joysync.joystream.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.harness.ReferenceKit;
import io.joysync.joystream.crypto.StorageHasher;
import io.joysync.joystream.scale.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeMetadataTest {

  @Test
  void theTestResourceIsTheReferenceKitsMetadata() throws Exception {
    JsonNode kit = new ObjectMapper().readTree(ReferenceKit.file("chain-metadata.json").toFile());

    assertThat(Hex.encode(ChainMetadataFixture.metadataBytes()))
        .isEqualTo(kit.get("result").asText());
  }

  @Test
  void palletIndicesMatchTheRuntime() {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    Map<String, Integer> expected =
        Map.ofEntries(
            Map.entry("System", 0),
            Map.entry("Utility", 1),
            Map.entry("Balances", 5),
            Map.entry("TransactionPayment", 6),
            Map.entry("Members", 21),
            Map.entry("Content", 26),
            Map.entry("Storage", 27),
            Map.entry("ProjectToken", 28),
            Map.entry("Proxy", 41),
            Map.entry("ArgoBridge", 42));
    expected.forEach(
        (name, index) -> assertThat(md.pallet(name).index()).as(name).isEqualTo(index));
    assertThat(md.pallet(26).name()).isEqualTo("Content");
    assertThat(md.pallets()).hasSize(43);
  }

  @Test
  void callIndicesMatchTheProtocolNotes() {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    Object[][] calls = {
      {"Utility", "batch", 0},
      {"Utility", "batch_all", 2},
      {"Utility", "force_batch", 4},
      {"Balances", "transfer", 0},
      {"Balances", "transfer_keep_alive", 3},
      {"Members", "buy_membership", 0},
      {"Members", "gift_membership", 7},
      {"Members", "create_member", 16},
      {"Content", "create_channel", 5},
      {"Content", "update_channel", 6},
      {"Content", "delete_channel", 9},
      {"Content", "create_video", 12},
      {"Content", "update_video", 13},
      {"Content", "delete_video", 14},
      {"Content", "channel_agent_remark", 43},
      {"Storage", "accept_pending_data_objects", 17}
    };
    for (Object[] c : calls) {
      assertThat(md.call((String) c[0], (String) c[1]).index())
          .as(c[0] + "." + c[1])
          .isEqualTo(c[2]);
    }
    assertThat(md.call("Content", "create_video").fields())
        .extracting(TypeDef.Field::name)
        .containsExactly("actor", "channel_id", "params");
  }

  @Test
  void eventsErrorsStorageAndConstantsAreIndexed() {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    assertThat(md.event("Content", "VideoCreated").index()).isEqualTo(17);
    assertThat(md.event("Storage", "DataObjectsUploaded").index()).isEqualTo(3);
    assertThat(md.moduleError(27, 28).orElseThrow().name())
        .isEqualTo("StorageBucketObjectSizeLimitReached");
    assertThat(md.moduleError(26, 115).orElseThrow().name())
        .isEqualTo("InsufficientBalanceForVideoCreation");
    assertThat(md.moduleError(26, 250)).isEmpty();

    PalletMetadata members = md.pallet("Members");
    assertThat(members.storagePrefix()).isEqualTo("Membership");
    StorageEntry channel = md.storageEntry("Content", "ChannelById");
    assertThat(channel.hashers()).containsExactly(StorageHasher.BLAKE2_128_CONCAT);
    assertThat(channel.modifier()).isEqualTo(StorageEntry.Modifier.DEFAULT);
    assertThat(md.storageEntry("Membership", "MembershipById").modifier())
        .isEqualTo(StorageEntry.Modifier.OPTIONAL);
    assertThat(md.storageEntry("Storage", "DataObjectsById").hashers()).hasSize(2);

    byte[] ss58 = md.pallet("System").constant("SS58Prefix").orElseThrow().value();
    assertThat(
            new ValueDecoder(md.types())
                .decode(md.pallet("System").constant("SS58Prefix").orElseThrow().type(), ss58)
                .asLong())
        .isEqualTo(126);
    assertThat(md.types().type(md.storageEntry("System", "Account").valueType()).pathName())
        .isEqualTo("frame_system::AccountInfo");
  }

  @Test
  void signedExtensionsAreListedInExtrinsicOrder() {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    assertThat(md.extrinsicVersion()).isEqualTo(4);
    assertThat(md.signedExtensions())
        .extracting(RuntimeMetadata.SignedExtension::identifier)
        .containsExactly(
            "CheckNonZeroSender",
            "CheckSpecVersion",
            "CheckTxVersion",
            "CheckGenesis",
            "CheckMortality",
            "CheckNonce",
            "CheckWeight",
            "ChargeTransactionPayment");
  }

  @Test
  void otherVersionsAreRefusedNamingTheVersion() {
    for (int version : List.of(9, 13, 15)) {
      byte[] bytes = {'m', 'e', 't', 'a', (byte) version, 0};
      assertThatThrownBy(() -> RuntimeMetadata.parse(bytes))
          .isInstanceOf(UnsupportedMetadataVersionException.class)
          .hasMessageContaining("version " + version)
          .satisfies(
              e ->
                  assertThat(((UnsupportedMetadataVersionException) e).version())
                      .isEqualTo(version));
    }
  }

  @Test
  void bytesThatAreNotMetadataAreRefused() {
    assertThatThrownBy(() -> RuntimeMetadata.parse(new byte[] {'a', 't', 'e', 'm', 14}))
        .isInstanceOf(MetadataException.class)
        .satisfies(e -> assertThat(((MetadataException) e).code()).isEqualTo("metadata.bad-magic"));
    assertThatThrownBy(() -> RuntimeMetadata.parseHex("0x6d65zz"))
        .satisfies(e -> assertThat(((MetadataException) e).code()).isEqualTo("metadata.bad-hex"));
  }

  @Test
  void truncatedMetadataFailsWithATypedErrorAtEveryCut() {
    byte[] full = ChainMetadataFixture.metadataBytes();
    for (int cut : new int[] {5, 6, 100, 4096, full.length / 3, full.length / 2, full.length - 1}) {
      byte[] part = Arrays.copyOf(full, cut);
      assertThatThrownBy(() -> RuntimeMetadata.parse(part))
          .as("cut at " + cut)
          .isInstanceOf(MetadataException.class)
          .satisfies(
              e -> assertThat(((MetadataException) e).code()).isEqualTo("metadata.malformed"));
    }
    byte[] longer = Arrays.copyOf(full, full.length + 1);
    assertThatThrownBy(() -> RuntimeMetadata.parse(longer)).isInstanceOf(MetadataException.class);
  }
}
