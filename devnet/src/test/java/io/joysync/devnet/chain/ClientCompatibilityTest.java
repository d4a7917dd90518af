package io.joysync.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.chain.TestExtrinsics.Asset;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.ContentActor;
import io.joysync.joystream.call.CreateVideo;
import io.joysync.joystream.call.DataObjectCreation;
import io.joysync.joystream.call.StorageAssets;
import io.joysync.joystream.extrinsic.ChainIdentity;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.extrinsic.TransactionParams;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Extrinsics built and signed by joystream-client are accepted, and bad ones refused, here. */
class ClientCompatibilityTest {
  private final TestChain chain = new TestChain();

  private CreateVideo video(Asset a, long member, long channel) {
    return new CreateVideo(
        ContentActor.member(member),
        channel,
        Optional.of(
            new StorageAssets(
                List.of(new DataObjectCreation(a.content().length, a.cid())), chain.perMbFee())),
        Optional.of(new byte[] {1, 2, 3}),
        chain.videoBond(),
        chain.objectBond(),
        5);
  }

  @Test
  void clientSignedBatchesAreIncludedAndOnesForAnotherChainAreRefused() {
    chain.node.produceBlock();
    ChainIdentity identity = new ChainIdentity(2004, 2, chain.genesis.genesisHash());
    Asset a = Asset.of("client media".getBytes(StandardCharsets.UTF_8));
    Batch batch = Batch.all(List.of(video(a, 1, 1), video(a, 1, 2)));
    byte[] birth = chain.node.block(1).orElseThrow().hash();
    byte[] ed =
        SignedExtrinsic.sign(
                TestChain.COLLABORATOR_1,
                batch,
                identity,
                TransactionParams.mortal(64, 1, birth, 0, BigInteger.ZERO))
            .encode();
    byte[] sr =
        SignedExtrinsic.sign(
                TestChain.COLLABORATOR_3,
                Batch.all(List.of(video(a, 3, 1))),
                identity,
                TransactionParams.immortal(0, BigInteger.ZERO))
            .encode();
    chain.submit(ed);
    chain.submit(sr);
    Block b = chain.node.produceBlock();
    assertThat(TestChain.failure(b, 1)).isNull();
    assertThat(TestChain.failure(b, 2)).isNull();
    assertThat(chain.state().nextVideoId()).isEqualTo(4);

    byte[] otherChain =
        SignedExtrinsic.sign(
                TestChain.COLLABORATOR_1,
                batch,
                ChainIdentity.joystreamMainnet(),
                TransactionParams.immortal(1, BigInteger.ZERO))
            .encode();
    PoolRejection r = null;
    try {
      chain.submit(otherChain);
    } catch (PoolRejection e) {
      r = e;
    }
    assertThat(r).isNotNull();
    assertThat(r.data()).isEqualTo("Transaction has a bad signature");
  }
}
