package io.joysync.devnet.chain;

import static io.joysync.devnet.chain.TestChain.ALICE;
import static io.joysync.devnet.chain.TestChain.BOB_ED;
import static io.joysync.devnet.chain.TestChain.COLLABORATOR_1;
import static io.joysync.devnet.chain.TestChain.COLLABORATOR_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** members.buy_membership, balances.transfer and the channel calls with their module errors. */
class AccountAndChannelCallsTest {
  private final TestChain chain = new TestChain();

  private int[] run(KeyPair key, byte[] call) {
    chain.submit(TestExtrinsics.sign(key, call, chain.nonce(key), chain.immortal()));
    return TestChain.failure(chain.node.produceBlock(), 1);
  }

  @Test
  void buyMembershipNeedsAFreeHandle() {
    long next = chain.state().nextMemberId();
    assertThat(
            run(
                BOB_ED,
                TestExtrinsics.buyMembership(BOB_ED.publicKey(), BOB_ED.publicKey(), "bob")))
        .isNull();
    assertThat(chain.state().member(next).orElseThrow().handle()).isEqualTo("bob");
    assertThat(
            run(
                BOB_ED,
                TestExtrinsics.buyMembership(BOB_ED.publicKey(), BOB_ED.publicKey(), "bob")))
        .containsExactly(21, 5);
    assertThat(
            run(BOB_ED, TestExtrinsics.buyMembership(BOB_ED.publicKey(), BOB_ED.publicKey(), null)))
        .containsExactly(21, 6);
  }

  @Test
  void transfersKeepTheExistentialDeposit() {
    KeyPair fresh = KeyPair.fromUri(KeyType.ED25519, "//Fresh");
    assertThat(run(ALICE, TestExtrinsics.transfer(fresh.publicKey(), BigInteger.TEN)))
        .containsExactly(5, 3);
    assertThat(run(ALICE, TestExtrinsics.transfer(fresh.publicKey(), BigInteger.TEN.pow(12))))
        .isNull();
    assertThat(chain.state().account(new AccountId(fresh.publicKey())).free())
        .isEqualTo(BigInteger.TEN.pow(12));
    BigInteger all = chain.state().account(new AccountId(fresh.publicKey())).free();
    byte[] keepAlive =
        new io.joysync.joystream.scale.ScaleWriter()
            .writeU8(5)
            .writeU8(3)
            .writeBytes(ALICE.publicKey())
            .writeCompact(all.subtract(ChainState.EXISTENTIAL_DEPOSIT))
            .toByteArray();
    assertThat(run(fresh, keepAlive)).containsExactly(5, 4);
  }

  @Test
  void channelsAreCreatedWithTheirBagAndCollaboratorsChangedByTheOwnerOnly() {
    BigInteger bond = chain.state().channelStateBloatBond();
    BigInteger objectBond = chain.objectBond();
    long id = chain.state().nextChannelId();
    byte[] create =
        TestExtrinsics.createChannel(
            0, Map.of(1L, List.of(4)), List.of(0L, 1L, 2L, 3L, 4L), bond, objectBond);
    assertThat(run(ALICE, create)).isNull();
    assertThat(chain.state().channelBag(id).orElseThrow().storedBy()).hasSize(5);
    assertThat(chain.state().channel(id).orElseThrow().collaborators()).containsKey(1L);
    byte[] tooFewBuckets = TestExtrinsics.createChannel(0, Map.of(), List.of(0L), bond, objectBond);
    assertThat(run(ALICE, tooFewBuckets)).containsExactly(27, 12);
    byte[] wrongBond =
        TestExtrinsics.createChannel(
            0, Map.of(), List.of(0L, 1L, 2L, 3L, 4L), BigInteger.ONE, objectBond);
    assertThat(run(ALICE, wrongBond)).containsExactly(26, 0);
    byte[] notController =
        TestExtrinsics.createChannel(0, Map.of(), List.of(0L, 1L, 2L, 3L, 4L), bond, objectBond);
    assertThat(run(COLLABORATOR_1, notController)).containsExactly(26, 23);

    byte[] byCollaborator =
        TestExtrinsics.updateCollaborators(1, id, Map.of(2L, List.of(4)), objectBond);
    assertThat(run(COLLABORATOR_1, byCollaborator)).containsExactly(26, 110);
    byte[] byOwner = TestExtrinsics.updateCollaborators(0, id, Map.of(2L, List.of(4)), objectBond);
    assertThat(run(ALICE, byOwner)).isNull();
    assertThat(chain.state().channel(id).orElseThrow().collaborators()).containsOnlyKeys(2L);
    assertThat(run(COLLABORATOR_2, chain.video(2, id, List.of()))).isNull();
    assertThat(run(COLLABORATOR_1, chain.video(1, id, List.of()))).containsExactly(26, 26);
    byte[] unknownMember =
        TestExtrinsics.updateCollaborators(0, id, Map.of(77L, List.of(4)), objectBond);
    assertThat(run(ALICE, unknownMember)).containsExactly(26, 91);
  }
}
