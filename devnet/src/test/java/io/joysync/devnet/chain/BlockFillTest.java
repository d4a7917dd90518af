package io.joysync.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.chain.TestExtrinsics.Asset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks are filled up to the Normal class weight limit and the rest waits for the next block. */
class BlockFillTest {
  @Test
  void aBlockTakesCreateVideosUpToTheWeightLimit() {
    TestChain chain = new TestChain();
    Asset media = Asset.of("m".getBytes(StandardCharsets.UTF_8));
    Asset thumb = Asset.of("t".getBytes(StandardCharsets.UTF_8));
    byte[] call =
        TestExtrinsics.createVideo(
            1,
            1,
            List.of(media, thumb),
            chain.perMbFee(),
            new byte[1000],
            chain.videoBond(),
            chain.objectBond(),
            5);
    long weight = Weights.callWeight(CallDecoder.decode(call)) + Weights.EXTRINSIC_BASE_WEIGHT;
    long fits = (Weights.NORMAL_MAX_TOTAL - Weights.BLOCK_EXECUTION_WEIGHT) / weight;
    int submitted = (int) fits + 50;
    for (int n = 0; n < submitted; n++) {
      chain.submit(TestExtrinsics.sign(TestChain.COLLABORATOR_1, call, n, chain.immortal()));
    }
    java.math.BigInteger one = java.math.BigInteger.TEN.pow(18);
    Block first = chain.node.produceBlock();
    assertThat(chain.state().nextFeeMultiplier()).isGreaterThan(one);
    assertThat(first.extrinsics().size() - 1).isEqualTo((int) fits);
    assertThat(fits).isBetween(900L, 1000L);
    Block second = chain.node.produceBlock();
    assertThat(second.extrinsics().size() - 1).isEqualTo(50);
    assertThat(chain.state().nextVideoId()).isEqualTo(submitted + 1);
  }

  @Test
  void emptyBlocksLowerTheFeeMultiplierSlowly() {
    TestChain chain = new TestChain();
    chain.node.produceBlock();
    java.math.BigInteger m = chain.state().nextFeeMultiplier();
    java.math.BigInteger one = java.math.BigInteger.TEN.pow(18);
    assertThat(m).isLessThan(one);
    // d = -0.25: 1 - 0.00003 x 0.25 + (0.00003 x 0.25)^2 / 2
    assertThat(one.subtract(m)).isEqualTo(java.math.BigInteger.valueOf(7_499_971_875_000L));
  }
}
