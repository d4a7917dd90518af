package io.joysync.devnet.chain;

import static io.joysync.devnet.chain.TestChain.ALICE;
import static io.joysync.devnet.chain.TestChain.COLLABORATOR_1;
import static io.joysync.devnet.chain.TestChain.COLLABORATOR_3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signed-extension checks of submission, in the runtime's order and with the node's codes. */
class ExtrinsicValidationTest {
  private final TestChain chain = new TestChain();

  private byte[] oneVideo(long nonce, TestExtrinsics.Context ctx) {
    return TestExtrinsics.sign(
        COLLABORATOR_1, TestExtrinsics.batchAll(List.of(chain.video(1, 1, List.of()))), nonce, ctx);
  }

  private static PoolRejection rejection(Runnable r) {
    try {
      r.run();
    } catch (PoolRejection e) {
      return e;
    }
    throw new AssertionError("expected a pool rejection");
  }

  @Test
  void correctlySignedEd25519AndSr25519ExtrinsicsAreAcceptedAndIncluded() {
    chain.submit(oneVideo(0, chain.immortal()));
    byte[] sr =
        TestExtrinsics.sign(
            COLLABORATOR_3,
            TestExtrinsics.batchAll(List.of(chain.video(3, 2, List.of()))),
            0,
            chain.mortal(64));
    chain.submit(sr);
    Block b = chain.node.produceBlock();
    assertThat(b.extrinsics()).hasSize(3);
    assertThat(chain.state().nextVideoId()).isEqualTo(3);
    assertThat(chain.nonce(COLLABORATOR_1)).isEqualTo(1);
    assertThat(chain.nonce(COLLABORATOR_3)).isEqualTo(1);
  }

  @Test
  void tamperedSignatureWrongGenesisAndWrongSpecVersionAreBadSignatures() {
    byte[] good = oneVideo(0, chain.immortal());
    byte[] tampered = good.clone();
    tampered[40] ^= 1;
    byte[] wrongGenesis = oneVideo(0, chain.immortal().withGenesis(new byte[32]));
    byte[] wrongSpec = oneVideo(0, chain.immortal().withSpec(2003));
    for (byte[] bad : List.of(tampered, wrongGenesis, wrongSpec)) {
      PoolRejection r = rejection(() -> chain.submit(bad));
      assertThat(r.code()).isEqualTo(1010);
      assertThat(r.data()).isEqualTo("Transaction has a bad signature");
    }
    assertThat(chain.node.poolSize()).isZero();
  }

  @Test
  void payloadsOver256BytesAreSignedAsTheirBlake2Hash() {
    byte[] bigMeta = new byte[400];
    Arrays.fill(bigMeta, (byte) 7);
    byte[] call =
        TestExtrinsics.createVideo(
            1, 1, List.of(), chain.perMbFee(), bigMeta, chain.videoBond(), chain.objectBond(), 5);
    chain.submit(TestExtrinsics.sign(COLLABORATOR_1, call, 0, chain.immortal()));
    chain.node.produceBlock();
    assertThat(chain.state().nextVideoId()).isEqualTo(2);
  }

  @Test
  void staleNonceIsOutdatedAndFutureNonceWaitsUntilTheGapIsFilled() {
    chain.submit(oneVideo(0, chain.immortal()));
    chain.node.produceBlock();
    PoolRejection stale = rejection(() -> chain.submit(oneVideo(0, chain.mortal(64))));
    assertThat(stale.code()).isEqualTo(1010);
    assertThat(stale.data()).isEqualTo("Transaction is outdated");

    chain.statuses.clear();
    chain.submit(oneVideo(2, chain.immortal()));
    assertThat(chain.statuses).containsExactly(TxStatus.FUTURE);
    assertThat(chain.node.nextIndex(new AccountId(COLLABORATOR_1.publicKey()))).isEqualTo(1);
    chain.node.produceBlock();
    assertThat(chain.nonce(COLLABORATOR_1)).isEqualTo(1);
    chain.submit(oneVideo(1, chain.immortal()));
    assertThat(chain.statuses).contains(TxStatus.READY);
    assertThat(chain.node.nextIndex(new AccountId(COLLABORATOR_1.publicKey()))).isEqualTo(3);
    chain.node.produceBlock();
    assertThat(chain.nonce(COLLABORATOR_1)).isEqualTo(3);
  }

  @Test
  void sameBytesTwiceIs1013SameNonceIs1014AHigherTipReplacesAndIncludedHashesAreBanned() {
    byte[] first = oneVideo(0, chain.immortal());
    chain.submit(first);
    assertThat(rejection(() -> chain.submit(first)).code()).isEqualTo(1013);
    byte[] sameNonce = oneVideo(0, chain.mortal(64));
    PoolRejection low = rejection(() -> chain.submit(sameNonce));
    assertThat(low.code()).isEqualTo(1014);
    assertThat(low.getMessage()).startsWith("Priority is too low");

    chain.statuses.clear();
    byte[] tipped =
        TestExtrinsics.sign(
            COLLABORATOR_1,
            TestExtrinsics.batchAll(List.of(chain.video(1, 1, List.of()))),
            0,
            BigInteger.valueOf(1_000_000),
            chain.immortal());
    String tippedHash = chain.submit(tipped);
    assertThat(chain.statuses)
        .anyMatch(s -> s.kind().equals("usurped") && s.value().equals(tippedHash));
    Block b = chain.node.produceBlock();
    assertThat(b.extrinsics().get(1)).isEqualTo(tipped);
    assertThat(rejection(() -> chain.submit(tipped)).code()).isEqualTo(1012);
  }

  @Test
  void birthBlockMustBeKnownAndExpiredErasFailTheSignature() {
    byte[] future =
        oneVideo(
            0, TestExtrinsics.Context.mortal(chain.genesis.genesisHash(), 64, 10, new byte[32]));
    assertThat(rejection(() -> chain.submit(future)).data())
        .isEqualTo("Transaction has an ancient birth block");

    TestExtrinsics.Context atOne = chain.mortal(4);
    for (int i = 0; i < 6; i++) {
      chain.node.produceBlock();
    }
    assertThat(rejection(() -> chain.submit(oneVideo(0, atOne))).data())
        .isEqualTo("Transaction has a bad signature");
  }

  @Test
  void anAccountThatCannotPayTheFeeIsRefused() {
    var poor = TestExtrinsics.key(io.joysync.joystream.keys.KeyType.ED25519, "//Nobody");
    byte[] x =
        TestExtrinsics.sign(
            poor, TestExtrinsics.transfer(ALICE.publicKey(), BigInteger.TEN), 0, chain.immortal());
    PoolRejection r = rejection(() -> chain.submit(x));
    assertThat(r.code()).isEqualTo(1010);
    assertThat(r.data()).isEqualTo("Inability to pay some fees (e.g. account balance too low)");
  }

  @Test
  void garbageIsBadFormatAndUnsignedIsUnknownValidity() {
    assertThat(rejection(() -> chain.submit(new byte[] {1, 2, 3})).code()).isEqualTo(1001);
    byte[] truncated = Arrays.copyOf(oneVideo(0, chain.immortal()), 50);
    assertThatThrownBy(() -> chain.submit(truncated)).isInstanceOf(PoolRejection.class);
    byte[] unsigned = {0x0c, 0x04, 0x05, 0x00};
    assertThat(rejection(() -> chain.submit(unsigned)).code()).isEqualTo(1011);
  }

  @Test
  void callsTheDevnetDoesNotExecuteAreNotExpected() {
    byte[] remark = {0, 1, 0};
    PoolRejection r =
        rejection(() -> chain.submit(TestExtrinsics.sign(ALICE, remark, 0, chain.immortal())));
    assertThat(r.data()).isEqualTo("Transaction call is not expected");
  }

  @Test
  void fullReadyOrFutureQueuesDropNewTransactionsImmediately() {
    TestChain small = new TestChain(new TransactionPool.Limits(2, 1 << 20, 1, 1 << 20, 60_000));
    byte[] call = TestExtrinsics.batchAll(List.of(small.video(1, 1, List.of())));
    small.submit(TestExtrinsics.sign(COLLABORATOR_1, call, 0, small.immortal()));
    small.submit(TestExtrinsics.sign(COLLABORATOR_1, call, 1, small.immortal()));
    PoolRejection ready =
        rejection(
            () -> small.submit(TestExtrinsics.sign(COLLABORATOR_1, call, 2, small.immortal())));
    assertThat(ready.code()).isEqualTo(1016);
    small.submit(TestExtrinsics.sign(COLLABORATOR_1, call, 5, small.immortal()));
    PoolRejection future =
        rejection(
            () -> small.submit(TestExtrinsics.sign(COLLABORATOR_1, call, 6, small.immortal())));
    assertThat(future.code()).isEqualTo(1016);
    assertThat(small.node.poolSize()).isEqualTo(3);
  }

  @Test
  void systemAccountIsReadAsOfTheRequestedBlock() {
    chain.submit(oneVideo(0, chain.immortal()));
    Block one = chain.node.produceBlock();
    chain.node.produceBlock();
    byte[] key = StorageQuery.mapKey(StorageQuery.SYSTEM_ACCOUNT, COLLABORATOR_1.publicKey());
    byte[] atGenesis = StorageQuery.read(chain.state(), chain.node.genesis(), key).orElseThrow();
    byte[] atOne = StorageQuery.read(chain.state(), one, key).orElseThrow();
    assertThat(new io.joysync.joystream.scale.ScaleReader(atGenesis).readU32()).isZero();
    assertThat(new io.joysync.joystream.scale.ScaleReader(atOne).readU32()).isEqualTo(1);
  }
}
