package io.joysync.joystream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.metadata.ChainMetadataFixture;
import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.rpc.FakeNode;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.RpcClient;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleWriter;
import io.joysync.joystream.storage.ChannelInfo.ChannelOwner;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typed reads against a node serving hand-encoded values, decoded with the real metadata. */
class ChainStateTest {
  private static final byte[] ALICE =
      Hex.decode("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
  private static final byte[] SEED1 =
      Hex.decode("0x8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
  private final Map<String, String> state = new ConcurrentHashMap<>();
  private FakeNode node;
  private JoystreamRpc rpc;
  private ChainState chain;
  private StorageKeys keys;

  @BeforeEach
  void start() throws Exception {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    keys = new StorageKeys(md);
    node =
        FakeNode.start(
            (conn, req) ->
                FakeNode.reply(conn, req, state.get(req.path("params").path(0).asText())));
    rpc = new JoystreamRpc(RpcClient.connect(node.settings()));
    chain = new ChainState(rpc, md);
  }

  @AfterEach
  void stop() throws Exception {
    if (rpc != null) {
      rpc.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private void put(String prefix, String item, byte[] value, byte[]... args) {
    state.put(keys.key(prefix, item, args).toHex(), Hex.encode(value));
  }

  private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void accountInfoAndAbsentAccountDefault() throws Exception {
    ScaleWriter w = new ScaleWriter().writeU32(7).writeU32(1).writeU32(1).writeU32(0);
    w.writeU128(BigInteger.TEN.pow(12)).writeU128(BigInteger.valueOf(5));
    w.writeU128(BigInteger.valueOf(3)).writeU128(BigInteger.valueOf(40));
    put("System", "Account", w.toByteArray(), ALICE);

    AccountInfo alice = get(chain.account(new AccountId(ALICE), null));
    assertThat(alice.nonce()).isEqualTo(7);
    assertThat(alice.free()).isEqualTo(BigInteger.TEN.pow(12));
    assertThat(alice.reserved()).isEqualTo(BigInteger.valueOf(5));
    assertThat(alice.frozen()).isEqualTo(BigInteger.valueOf(40));
    assertThat(alice.spendable())
        .isEqualTo(BigInteger.TEN.pow(12).subtract(BigInteger.valueOf(40)));

    AccountInfo nobody = get(chain.account(new AccountId(SEED1), "0x" + "ab".repeat(32)));
    assertThat(nobody.nonce()).isZero();
    assertThat(nobody.free()).isZero();
    assertThat(node.requests.get(node.requests.size() - 1).path("params").path(1).asText())
        .isEqualTo("0x" + "ab".repeat(32));
  }

  @Test
  void bondsAndFeesAreReadAsBalances() throws Exception {
    put("Content", "VideoStateBloatBondValue", u128(1_666_666_666L));
    put("Storage", "DataObjectStateBloatBondValue", u128(166_666_666L));
    put("Storage", "DataObjectPerMegabyteFee", u128(8_333_330L));
    assertThat(get(chain.videoStateBloatBond(null))).isEqualTo(BigInteger.valueOf(1_666_666_666L));
    assertThat(get(chain.dataObjectStateBloatBond(null)))
        .isEqualTo(BigInteger.valueOf(166_666_666L));
    assertThat(get(chain.dataObjectPerMegabyteFee(null))).isEqualTo(BigInteger.valueOf(8_333_330L));
    assertThat(get(chain.channelStateBloatBond(null))).isZero();
  }

  @Test
  void channelBagBucketsAreTheStoredBySet() throws Exception {
    ScaleWriter bag = new ScaleWriter().writeU64Set(List.of(1L, 2L, 5L));
    bag.writeCompact(1).writeU64(0).writeU64(3);
    bag.writeU64(6_291_456).writeU64(2);
    put("Storage", "Bags", bag.toByteArray(), StorageKeys.channelBag(5));
    assertThat(get(chain.channelBagBuckets(5, null))).contains(List.of(1L, 2L, 5L));
    assertThat(get(chain.channelBagBuckets(6, null))).isEmpty();
  }

  @Test
  void channelOwnerCollaboratorsAndDataObjects() throws Exception {
    ScaleWriter c = new ScaleWriter().writeU8(0).writeU64(3); // owner Member(3)
    c.writeU64(4); // num_videos
    c.writeCompact(1).writeU64(9).writeCompact(2).writeU8(3).writeU8(4); // {9: {3, 4}}
    c.writeU128(BigInteger.ZERO).writeU8(0); // reward claimed, privilege level
    c.writeCompact(0); // paused features
    c.writeU8(0); // NoActiveTransfer
    c.writeU64Set(List.of(1L, 2L)); // data objects
    c.writeU64(10).writeU32(100).writeU64(20).writeU32(700); // nft limits
    c.writeU64(0).writeU32(0).writeU64(0).writeU32(0); // nft counters
    c.writeU8(0); // creator token: None
    c.writeU8(0).writeU128(BigInteger.valueOf(500)); // bloat bond
    put("Content", "ChannelById", c.toByteArray(), StorageKeys.u64(5));

    ChannelInfo channel = get(chain.channel(5, null)).orElseThrow();
    assertThat(channel.owner()).isEqualTo(new ChannelOwner.Member(3));
    assertThat(channel.numVideos()).isEqualTo(4);
    assertThat(channel.collaborators())
        .isEqualTo(Map.of(9L, Set.of("UpdateVideoMetadata", "AddVideo")));
    assertThat(channel.allows(9, "AddVideo")).isTrue();
    assertThat(channel.allows(9, "DeleteVideo")).isFalse();
    assertThat(channel.allows(3, "DeleteVideo")).isTrue();
    assertThat(channel.dataObjects()).containsExactly(1L, 2L);
    assertThat(channel.transferPending()).isFalse();
    assertThat(channel.stateBloatBond()).isEqualTo(BigInteger.valueOf(500));
    assertThat(get(chain.channel(6, null))).isEmpty();
  }

  @Test
  void videoExistenceTreatsTheDefaultRecordAsDeleted() throws Exception {
    ScaleWriter v = new ScaleWriter().writeU64(5).writeU8(0).writeU64Set(List.of(20L, 21L));
    v.writeU8(0).writeU128(BigInteger.valueOf(77));
    put("Content", "VideoById", v.toByteArray(), StorageKeys.u64(11));
    ScaleWriter zero = new ScaleWriter().writeU64(0).writeU8(0).writeCompact(0);
    zero.writeU8(0).writeU128(BigInteger.ZERO);
    put("Content", "VideoById", zero.toByteArray(), StorageKeys.u64(12));

    assertThat(get(chain.video(11, null)))
        .contains(new VideoInfo(11, 5, List.of(20L, 21L), BigInteger.valueOf(77)));
    assertThat(get(chain.videoExists(11, null))).isTrue();
    assertThat(get(chain.videoExists(12, null))).isFalse();
    assertThat(get(chain.videoExists(13, null))).isFalse();
  }

  @Test
  void membershipGivesTheControllerAccount() throws Exception {
    ScaleWriter m = new ScaleWriter().writeBytes(new byte[32]).writeBytes(ALICE).writeBytes(SEED1);
    m.writeBool(true).writeU32(2);
    put("Membership", "MembershipById", m.toByteArray(), StorageKeys.u64(9));

    MembershipInfo member = get(chain.membership(9, null)).orElseThrow();
    assertThat(member.controllerAccount()).isEqualTo(new AccountId(SEED1));
    assertThat(member.controllerAccount().toSs58())
        .isEqualTo("j4UTFhYADCNq2FQDVj5xqbNF6UjhG9A7b35XCp9iGFc7yeVVb");
    assertThat(member.rootAccount()).isEqualTo(new AccountId(ALICE));
    assertThat(member.verified()).isTrue();
    assertThat(get(chain.membership(10, null))).isEqualTo(Optional.empty());
  }

  @Test
  void aValueOfTheWrongShapeFailsWithATypedError() {
    put("Membership", "MembershipById", new byte[] {1, 2, 3}, StorageKeys.u64(9));
    assertThatThrownBy(() -> get(chain.membership(9, null)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("Membership.MembershipById");
  }

  private static byte[] u128(long v) {
    return new ScaleWriter().writeU128(BigInteger.valueOf(v)).toByteArray();
  }
}
