package io.joysync.devnet.chain;

import static io.joysync.devnet.chain.TestChain.COLLABORATOR_1;
import static io.joysync.devnet.chain.TestChain.COLLABORATOR_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.chain.TestExtrinsics.Asset;
import io.joysync.harness.Needs;
import io.joysync.harness.ReferenceKit;
import io.joysync.harness.ReferenceKit.Result;
import io.joysync.harness.Service;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the devnet against polkadot.js with Joystream's real metadata (the shared kit's
 * decode.mjs): what the devnet accepts verifies there, what it rejects fails there too, and the
 * System.Events it writes decode (and re-encode byte for byte).
 */
@Needs(Service.REFERENCE_KIT)
class PolkadotKitTest {

  private static Result run(List<String> command, int seconds) {
    return ReferenceKit.run(ReferenceKit.directory(), seconds, command);
  }

  private static Result decode(String genesisHex, byte[] blockHash, byte[] extrinsic) {
    List<String> cmd = new ArrayList<>(List.of("node", "decode.mjs", "--genesis", genesisHex));
    if (blockHash != null) {
      cmd.addAll(List.of("--block-hash", Hex.encode(blockHash)));
    }
    cmd.add(Hex.encode(extrinsic));
    return run(cmd, 60);
  }

  @Test
  void acceptedExtrinsicsVerifyAndRejectedOnesFailForTheSameReason() throws Exception {
    TestChain chain = new TestChain();
    chain.node.produceBlock();
    String genesis = Hex.encode(chain.genesis.genesisHash());
    Asset media = Asset.of("kit media".getBytes(StandardCharsets.UTF_8));
    byte[] call = TestExtrinsics.batchAll(List.of(chain.video(1, 1, List.of(media))));
    TestExtrinsics.Context mortal = chain.mortal(64);
    byte[] ed = TestExtrinsics.sign(COLLABORATOR_1, call, 0, mortal);
    byte[] sr =
        TestExtrinsics.sign(
            COLLABORATOR_3,
            TestExtrinsics.batchAll(List.of(chain.video(3, 2, List.of()))),
            0,
            chain.immortal());
    byte[] bigMeta = new byte[600];
    byte[] big =
        TestExtrinsics.sign(
            COLLABORATOR_1,
            TestExtrinsics.createVideo(
                1,
                1,
                List.of(),
                chain.perMbFee(),
                bigMeta,
                chain.videoBond(),
                chain.objectBond(),
                5),
            1,
            chain.immortal());
    chain.submit(ed);
    chain.submit(sr);
    chain.submit(big);
    assertThat(decode(genesis, mortal.birthHash(), ed).exit()).isZero();
    assertThat(decode(genesis, null, sr).exit()).isZero();
    Result bigResult = decode(genesis, null, big);
    assertThat(bigResult.exit()).isZero();
    assertThat(bigResult.output()).contains("\"payloadHashed\":true");

    byte[] tampered = ed.clone();
    tampered[tampered.length - 3] ^= 1;
    byte[] wrongGenesis =
        TestExtrinsics.sign(COLLABORATOR_1, call, 5, chain.immortal().withGenesis(new byte[32]));
    byte[] wrongSpec =
        TestExtrinsics.sign(COLLABORATOR_1, call, 5, chain.immortal().withSpec(2003));
    for (byte[] bad : List.of(tampered, wrongGenesis, wrongSpec)) {
      PoolRejection devnet = null;
      try {
        chain.submit(bad);
      } catch (PoolRejection e) {
        devnet = e;
      }
      assertThat(devnet).isNotNull();
      assertThat(devnet.data()).isEqualTo("Transaction has a bad signature");
      byte[] birth = bad == tampered ? mortal.birthHash() : null;
      Result kit = decode(genesis, birth, bad);
      assertThat(kit.exit()).isEqualTo(1);
      assertThat(kit.output()).contains("signature");
    }
  }

  @Test
  void systemEventsDecodeWithTheRealMetadata() throws Exception {
    TestChain chain = new TestChain();
    Asset a = Asset.of("events media".getBytes(StandardCharsets.UTF_8));
    Asset b = Asset.of("events thumb".getBytes(StandardCharsets.UTF_8));
    chain.submit(
        TestExtrinsics.sign(
            COLLABORATOR_1,
            TestExtrinsics.batchAll(
                List.of(chain.video(1, 1, List.of(a, b)), chain.video(1, 1, List.of()))),
            0,
            chain.immortal()));
    byte[] failing =
        TestExtrinsics.createVideo(
            1, 1, List.of(), chain.perMbFee(), null, BigInteger.ONE, chain.objectBond(), 5);
    chain.submit(
        TestExtrinsics.sign(
            COLLABORATOR_3, TestExtrinsics.batchAll(List.of(failing)), 0, chain.immortal()));
    chain.submit(
        TestExtrinsics.sign(
            TestChain.ALICE,
            TestExtrinsics.transfer(TestChain.BOB_ED.publicKey(), BigInteger.valueOf(10).pow(12)),
            0,
            chain.immortal()));
    chain.node.produceBlock();
    chain.node.enqueueOperatorAction(rt -> rt.acceptPendingDataObjects(0, 1, List.of(0L, 1L)));
    chain.node.enqueueOperatorAction(rt -> rt.deleteVideoAsOwner(2));
    Block first = chain.node.block(1).orElseThrow();
    Block second = chain.node.produceBlock();
    chain.submit(
        TestExtrinsics.sign(
            TestChain.ALICE,
            TestExtrinsics.createChannel(
                0,
                java.util.Map.of(1L, List.of(4, 7)),
                List.of(0L, 1L, 2L, 3L, 4L),
                chain.state().channelStateBloatBond(),
                chain.objectBond()),
            1,
            chain.immortal()));
    chain.submit(
        TestExtrinsics.sign(
            TestChain.BOB_ED,
            TestExtrinsics.buyMembership(
                TestChain.BOB_ED.publicKey(), TestChain.BOB_ED.publicKey(), "bob"),
            0,
            chain.immortal()));
    chain.submit(
        TestExtrinsics.sign(
            TestChain.ALICE,
            TestExtrinsics.updateCollaborators(
                0, 1, java.util.Map.of(2L, List.of(4)), chain.objectBond()),
            2,
            chain.immortal()));
    Block third = chain.node.produceBlock();
    Result channelEvents =
        run(List.of("node", "decode.mjs", "--events", Hex.encode(third.eventsValue())), 60);
    assertThat(channelEvents.exit()).as(channelEvents.output()).isZero();
    assertThat(channelEvents.output())
        .contains("\"method\":\"ChannelCreated\"", "\"method\":\"DynamicBagCreated\"")
        .contains("\"method\":\"MembershipBought\"", "\"method\":\"ChannelUpdated\"")
        .doesNotContain("ExtrinsicFailed");
    for (Block block : List.of(first, second)) {
      Result r =
          run(List.of("node", "decode.mjs", "--events", Hex.encode(block.eventsValue())), 60);
      assertThat(r.exit()).as(r.output()).isZero();
      if (block == first) {
        assertThat(r.output())
            .contains(
                "\"method\":\"VideoCreated\"",
                "\"method\":\"DataObjectsUploaded\"",
                "\"method\":\"ItemCompleted\"")
            .contains(
                "\"method\":\"ExtrinsicFailed\"",
                "\"method\":\"TransactionFeePaid\"",
                "\"method\":\"Transfer\"");
      } else {
        assertThat(r.output())
            .contains("\"method\":\"PendingDataObjectsAccepted\"", "\"method\":\"VideoDeleted\"");
      }
    }
  }

  private static final String TYPE_CHECK =
      String.join(
          "\n",
          "import { readFileSync } from 'node:fs';",
          "import { u8aToHex } from '@polkadot/util';",
          "import { loadChain } from './lib.mjs';",
          "const { registry } = loadChain();",
          "for (const line of readFileSync(process.argv[2], 'utf8').trim().split('\\n')) {",
          "  const [type, hex] = line.split(' ');",
          "  const v = registry.createType(type, hex);",
          "  console.log(type, u8aToHex(v.toU8a()) === hex ? 'same' : 'DIFFERENT');",
          "}");

  @Test
  void storageValuesHaveTheRuntimesTypeShapes() throws Exception {
    TestChain chain = new TestChain();
    Asset a = Asset.of(new byte[] {1, 2, 3});
    chain.submit(
        TestExtrinsics.sign(COLLABORATOR_1, chain.video(1, 1, List.of(a)), 0, chain.immortal()));
    chain.node.produceBlock();
    ChainState s = chain.state();
    String lines =
        String.join(
            "\n",
            "FrameSystemAccountInfo "
                + Hex.encode(
                    StorageCodec.account(s.account(new AccountId(COLLABORATOR_1.publicKey())))),
            "PalletContentChannelRecord "
                + Hex.encode(StorageCodec.channel(s.channel(1).orElseThrow())),
            "PalletContentVideoRecord " + Hex.encode(StorageCodec.video(s.video(1).orElseThrow())),
            "PalletStorageBagRecord " + Hex.encode(StorageCodec.bag(s.channelBag(1).orElseThrow())),
            "PalletStorageDataObject "
                + Hex.encode(StorageCodec.dataObject(s.dataObject(0).orElseThrow())),
            "PalletStorageStorageBucketRecord "
                + Hex.encode(StorageCodec.bucket(s.bucket(0).orElseThrow())),
            "PalletMembershipMembershipObject "
                + Hex.encode(StorageCodec.member(s.member(1).orElseThrow())));
    Files.writeString(ReferenceKit.directory().resolve("types-check.mjs"), TYPE_CHECK);
    Files.writeString(ReferenceKit.directory().resolve("values.txt"), lines);
    Result r = run(List.of("node", "types-check.mjs", "values.txt"), 60);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).doesNotContain("DIFFERENT");
    assertThat(r.output().lines().filter(l -> l.endsWith(" same")).count()).isEqualTo(7);
  }
}
