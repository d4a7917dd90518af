package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.CreateVideo;
import io.joysync.joystream.call.RuntimeCall;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.scale.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One account fills consecutive blocks with extrinsics of consecutive nonces, several in flight at
 * once, each filled to the account's part of the configured block share as the runtime weighs it:
 * the weight joysync computes for each extrinsic is the weight the devnet's block builder charges.
 */
class BlockFillingDevnetTest {
  private static PublishingDevnet net;

  @BeforeAll
  static void start() throws Exception {
    net = PublishingDevnet.start(PublishingDevnet.blocksOf("1s"), "block-share = 0.01\n");
  }

  @AfterAll
  static void stop() {
    net.close();
  }

  @Test
  void extrinsicsOfConsecutiveNoncesFillConsecutiveBlocksUpToTheShare() throws Exception {
    ActorRef<SignerAccount.Command> account = net.spawn(1);
    List<TestProbe<CreationResult>> probes = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      probes.add(net.create(account, TestVideos.video(TestVideos.freshId(), 1 + i % 2)));
    }
    for (CreationResult r : PublishingDevnet.answers(probes)) {
      net.assertCreatedOnce((Created) r);
    }

    Map<Long, Long> blockByNonce = new TreeMap<>();
    boolean overlapped = false;
    List<Long> signedSoFar = new ArrayList<>();
    for (Object e : net.journal(1)) {
      if (e instanceof SignerAccount.ExtrinsicSigned s) {
        signedSoFar.add(s.batch().nonce());
      } else if (e instanceof SignerAccount.ExtrinsicSettled s) {
        blockByNonce.put(s.nonce(), s.blockNumber());
        overlapped |= signedSoFar.stream().anyMatch(n -> n > s.nonce());
      }
    }
    assertThat(blockByNonce).hasSizeGreaterThanOrEqualTo(4);
    List<Long> nonces = new ArrayList<>(blockByNonce.keySet());
    List<Long> blocks = new ArrayList<>(blockByNonce.values());
    for (int i = 1; i < nonces.size(); i++) {
      assertThat(nonces.get(i)).isEqualTo(nonces.get(i - 1) + 1);
      assertThat(blocks.get(i)).as("blocks " + blocks).isEqualTo(blocks.get(i - 1) + 1);
    }
    assertThat(overlapped)
        .as("a later extrinsic was signed before an earlier one was final")
        .isTrue();

    BatchBudget budget = BatchBudget.of(BlockLimits.SPEC_2004, 0.01, 3);
    List<SignedBatch> signed = net.signed(1);
    for (int i = 0; i < signed.size(); i++) {
      SignedBatch b = signed.get(i);
      byte[] bytes = Hex.decode(b.extrinsicHex());
      long ours = budget.emptyBatchWeight();
      long oneMore = 0;
      for (RuntimeCall c : ((Batch) SignedExtrinsic.decode(bytes).decodedCall()).calls()) {
        CreateVideo v = (CreateVideo) c;
        oneMore =
            budget.videoWeight(2, v.storageBucketsNumWitness(), v.meta().orElseThrow().length);
        ours += oneMore;
      }
      long devnet =
          net.connection
                  .rpc()
                  .paymentQueryInfo(bytes, null)
                  .get(10, TimeUnit.SECONDS)
                  .weightRefTime()
                  .longValueExact()
              + BlockLimits.SPEC_2004.baseExtrinsic();
      assertThat(ours).isEqualTo(devnet);
      assertThat(ours).isLessThanOrEqualTo(budget.weightCap());
      if (i < signed.size() - 1) {
        assertThat(ours + oneMore)
            .as("extrinsic " + b.nonce() + " is full")
            .isGreaterThan(budget.weightCap());
      }
    }
    net.assertNoNonceGap(1);
    net.assertReferenceKitVerifies(signed);
  }
}
