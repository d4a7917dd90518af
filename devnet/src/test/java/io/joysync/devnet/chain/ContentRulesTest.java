package io.joysync.devnet.chain;

import static io.joysync.devnet.chain.TestChain.ALICE;
import static io.joysync.devnet.chain.TestChain.COLLABORATOR_1;
import static io.joysync.devnet.chain.TestChain.COLLABORATOR_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.chain.TestExtrinsics.Asset;
import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The content/storage state machine: check order and module error indices, batch and batch_all
 * semantics, sequential ids, vouchers, bonds and fees.
 */
class ContentRulesTest {
  private final TestChain chain = new TestChain();
  private long nonce;

  private Block run(io.joysync.joystream.keys.KeyPair key, byte[] call) {
    chain.submit(TestExtrinsics.sign(key, call, chain.nonce(key), chain.immortal()));
    return chain.node.produceBlock();
  }

  private int[] failureOf(io.joysync.joystream.keys.KeyPair key, byte[] call) {
    return TestChain.failure(run(key, call), 1);
  }

  private static Asset asset(String text) {
    return Asset.of(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void createVideoAssignsSequentialIdsInListOrderAndChargesBondsAndFee() {
    BigInteger before = chain.state().account(new AccountId(COLLABORATOR_1.publicKey())).free();
    long firstObject = chain.state().nextDataObjectId();
    Block b = run(COLLABORATOR_1, chain.video(1, 1, List.of(asset("media"), asset("thumb"))));
    assertThat(TestChain.failure(b, 1)).isNull();
    ChainRecords.Video v = chain.state().video(1).orElseThrow();
    assertThat(v.dataObjects()).containsExactly(firstObject, firstObject + 1);
    assertThat(chain.state().dataObject(1, firstObject).orElseThrow().size()).isEqualTo(5);
    assertThat(chain.state().dataObject(1, firstObject).orElseThrow().accepted()).isFalse();
    assertThat(chain.state().channel(1).orElseThrow().numVideos()).isEqualTo(1);
    BigInteger after = chain.state().account(new AccountId(COLLABORATOR_1.publicKey())).free();
    BigInteger bonds = chain.videoBond().add(chain.objectBond().multiply(BigInteger.TWO));
    assertThat(before.subtract(after)).isGreaterThan(bonds.add(chain.perMbFee()));
    assertThat(TestChain.eventIds(b, 1))
        .extracting(e -> e[0] + "/" + e[1])
        .contains("27/3", "26/17", "6/0")
        .endsWith("0/0");
    ChainRecords.StorageBucket bucket = chain.state().bucket(0).orElseThrow();
    assertThat(bucket.objectsUsed()).isEqualTo(2);
    assertThat(bucket.sizeUsed()).isEqualTo(10);
  }

  @Test
  void batchAllIsAtomicAndFailsWithTheItemsError() {
    byte[] good = chain.video(1, 1, List.of(asset("a")));
    byte[] bad =
        TestExtrinsics.createVideo(
            1,
            1,
            List.of(),
            chain.perMbFee(),
            null,
            chain.videoBond().add(BigInteger.ONE),
            chain.objectBond(),
            5);
    long objects = chain.state().nextDataObjectId();
    Block b = run(COLLABORATOR_1, TestExtrinsics.batchAll(List.of(good, bad)));
    assertThat(TestChain.failure(b, 1)).containsExactly(26, 1);
    assertThat(chain.state().nextVideoId()).isEqualTo(1);
    assertThat(chain.state().nextDataObjectId()).isEqualTo(objects);
    assertThat(chain.state().bucket(0).orElseThrow().objectsUsed()).isZero();
    assertThat(chain.nonce(COLLABORATOR_1)).isEqualTo(1);
    assertThat(TestChain.eventIds(b, 1))
        .extracting(e -> e[0] + "/" + e[1])
        .doesNotContain("26/17", "1/3");
  }

  @Test
  void batchKeepsEarlierItemsAndReportsTheInterruption() {
    byte[] good = chain.video(1, 1, List.of());
    byte[] bad = chain.video(1, 99, List.of());
    Block b = run(COLLABORATOR_1, TestExtrinsics.batch(0, List.of(good, bad, good)));
    assertThat(TestChain.failure(b, 1)).isNull();
    assertThat(chain.state().nextVideoId()).isEqualTo(2);
    assertThat(TestChain.eventIds(b, 1))
        .extracting(e -> e[0] + "/" + e[1])
        .contains("26/17", "1/3", "1/0");
  }

  @Test
  void actorChecksComeInTheRuntimesOrder() {
    assertThat(failureOf(COLLABORATOR_1, chain.video(1, 99, List.of()))).containsExactly(26, 28);
    assertThat(failureOf(COLLABORATOR_1, chain.video(2, 1, List.of()))).containsExactly(26, 23);
    assertThat(failureOf(COLLABORATOR_1, chain.video(1, 3, List.of()))).containsExactly(26, 26);
    run(COLLABORATOR_2, chain.video(2, 1, List.of()));
    assertThat(failureOf(COLLABORATOR_2, TestExtrinsics.deleteVideo(2, 1, 0, null)))
        .containsExactly(26, 110);
    assertThat(failureOf(ALICE, TestExtrinsics.deleteVideo(0, 1, 0, null))).isNull();
    assertThat(chain.state().video(1)).isEmpty();
  }

  @Test
  void bondFeeWitnessAndCidChecks() {
    byte[] wrongWitness =
        TestExtrinsics.createVideo(
            1, 1, List.of(), chain.perMbFee(), null, chain.videoBond(), chain.objectBond(), 4);
    assertThat(failureOf(COLLABORATOR_1, wrongWitness)).containsExactly(26, 10);
    byte[] wrongFee =
        TestExtrinsics.createVideo(
            1,
            1,
            List.of(asset("x")),
            BigInteger.ONE,
            null,
            chain.videoBond(),
            chain.objectBond(),
            5);
    assertThat(failureOf(COLLABORATOR_1, wrongFee)).containsExactly(27, 39);
    byte[] wrongObjectBond =
        TestExtrinsics.createVideo(
            1,
            1,
            List.of(asset("x")),
            chain.perMbFee(),
            null,
            chain.videoBond(),
            BigInteger.ONE,
            5);
    assertThat(failureOf(COLLABORATOR_1, wrongObjectBond)).containsExactly(27, 40);
    Asset shortCid = new Asset("x".getBytes(StandardCharsets.UTF_8), "gW123");
    assertThat(failureOf(COLLABORATOR_1, chain.video(1, 1, List.of(shortCid))))
        .containsExactly(27, 1);
  }

  @Test
  void aFullBucketVoucherFailsTheUploadForEveryItemOfTheBatch() {
    chain.node.enqueueOperatorAction(rt -> rt.setBucketLimits(2, 1_000_000, 1));
    chain.node.produceBlock();
    byte[] two = chain.video(1, 1, List.of(asset("a"), asset("b")));
    assertThat(failureOf(COLLABORATOR_1, TestExtrinsics.batchAll(List.of(two))))
        .containsExactly(27, 27);
    chain.node.enqueueOperatorAction(rt -> rt.setBucketLimits(2, 3, 100));
    chain.node.produceBlock();
    assertThat(failureOf(COLLABORATOR_1, chain.video(1, 1, List.of(asset("abcd")))))
        .containsExactly(27, 28);
    assertThat(chain.state().nextVideoId()).isEqualTo(1);
  }

  @Test
  void updateVideoNeedsUpdateVideoMetadataAndEmitsVideoUpdated() {
    run(COLLABORATOR_1, chain.video(1, 1, List.of()));
    run(COLLABORATOR_2, chain.video(2, 1, List.of()));
    byte[] meta = "new title".getBytes(StandardCharsets.UTF_8);
    byte[] byOne =
        io.joysync.joystream.call.UpdateVideo.metadata(
                io.joysync.joystream.call.ContentActor.member(1), 1, meta, chain.objectBond())
            .encode();
    Block b = run(COLLABORATOR_1, byOne);
    assertThat(TestChain.failure(b, 1)).isNull();
    assertThat(TestChain.eventIds(b, 1)).extracting(e -> e[0] + "/" + e[1]).contains("26/18");
    byte[] byTwo =
        io.joysync.joystream.call.UpdateVideo.metadata(
                io.joysync.joystream.call.ContentActor.member(2), 2, meta, chain.objectBond())
            .encode();
    assertThat(failureOf(COLLABORATOR_2, byTwo)).containsExactly(26, 110);
    byte[] missing =
        io.joysync.joystream.call.UpdateVideo.metadata(
                io.joysync.joystream.call.ContentActor.member(1), 99, meta, chain.objectBond())
            .encode();
    assertThat(failureOf(COLLABORATOR_1, missing)).containsExactly(26, 29);
  }

  @Test
  void removedCollaboratorCanNoLongerAddVideos() {
    chain.node.enqueueOperatorAction(rt -> rt.removeCollaborator(1, 1));
    chain.node.produceBlock();
    assertThat(failureOf(COLLABORATOR_1, chain.video(1, 1, List.of()))).containsExactly(26, 26);
  }

  @Test
  void ownerDeletionRemovesVideosObjectsAndTheChannel() {
    run(COLLABORATOR_1, chain.video(1, 2, List.of(asset("a"))));
    chain.node.enqueueOperatorAction(rt -> rt.deleteChannelAsOwner(2));
    chain.node.produceBlock();
    assertThat(chain.state().channel(2)).isEmpty();
    assertThat(chain.state().video(1)).isEmpty();
    assertThat(chain.state().channelBag(2)).isEmpty();
    assertThat(failureOf(COLLABORATOR_1, chain.video(1, 2, List.of()))).containsExactly(26, 28);
  }
}
