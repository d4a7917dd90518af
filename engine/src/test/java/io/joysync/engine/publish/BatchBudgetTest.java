package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.joystream.metadata.RuntimeMetadata;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The block limits read from Joystream's runtime metadata and the budget of one extrinsic: a
 * typical sync video (media and thumbnail, 5 buckets, 1 KB of metadata) weighs what the runtime's
 * benchmarks say; about 900 fit one batch_all at 100 % of the block (one extrinsic may take 1.3 of
 * the 1.5 Normal seconds) and about 260 at the fee-neutral 25 %, split evenly over the accounts.
 */
class BatchBudgetTest {

  @Test
  void theLimitsOfTheRuntimesMetadataAreSpec2004s() throws Exception {
    String hex;
    try (InputStream in = getClass().getResourceAsStream("/joystream-metadata-v14.hex")) {
      hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
    assertThat(BlockLimits.of(RuntimeMetadata.parseHex(hex))).isEqualTo(BlockLimits.SPEC_2004);
  }

  @Test
  void aTypicalVideoWeighsTheBenchmarkedCreateVideoPlusTheBatchItem() {
    BatchBudget budget = BatchBudget.of(BlockLimits.SPEC_2004, 1.0, 1);
    assertThat(budget.videoWeight(2, 5, 1000)).isEqualTo(1_431_969_673L + 5_360_000L);
    assertThat(budget.videoWeight(2, 5, 1001)).isEqualTo(1_431_969_673L + 5_360_000L + 1_050_573L);
  }

  @Test
  void theBudgetIsTheShareOfTheBlockSplitOverTheAccounts() {
    assertThat(videosPerExtrinsic(BatchBudget.of(BlockLimits.SPEC_2004, 1.0, 1)))
        .isBetween(900, 906);
    assertThat(videosPerExtrinsic(BatchBudget.of(BlockLimits.SPEC_2004, 0.25, 1)))
        .isBetween(258, 262);
    assertThat(videosPerExtrinsic(BatchBudget.of(BlockLimits.SPEC_2004, 0.25, 3)))
        .isBetween(85, 88);
    BatchBudget tiny = BatchBudget.of(BlockLimits.SPEC_2004, 0.0001, 1);
    assertThat(tiny.fits(tiny.emptyBatchWeight() + tiny.videoWeight(2, 5, 1000), 1000)).isFalse();
  }

  private static int videosPerExtrinsic(BatchBudget budget) {
    long weight = budget.emptyBatchWeight();
    int videos = 0;
    while (budget.fits(weight + budget.videoWeight(2, 5, 1000), (videos + 1) * 1300L)) {
      weight += budget.videoWeight(2, 5, 1000);
      videos++;
    }
    return videos;
  }
}
