package io.joysync.bench;

import io.joysync.bench.ChainRecord.BlockFacts;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionVideo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The figures of one mode, from the chain record over the measured blocks.
 *
 * @param capacityPerBlock the most the mode may place in one block (what its block share allows, or
 *     one batch for the baseline)
 * @param blocksAtGoal measured blocks holding at least 90 % of the capacity
 * @param latencyP50 inclusion latency in blocks, from the block at which a video was requested to
 *     the block that created it, for the videos created in the measured blocks
 * @param leftInPool extrinsics still in the node's pool once every request was answered
 * @param duplicates YouTube ids with more than one video on chain, over the whole devnet's life
 * @param attributed created videos that Orion credits to the app with their YouTube id
 * @param videosByMember videos of the measured blocks per member that created them
 * @param perBlock the videos of each measured block, in order
 * @param failedExtrinsics extrinsics of the measured blocks that failed
 * @param cycle the signing cycle's steps, where the mode has one
 */
record Figures(
    String mode,
    int capacityPerBlock,
    double includedPerBlock,
    int minPerBlock,
    int maxPerBlock,
    int blocksAtGoal,
    int measuredBlocks,
    long latencyP50,
    long latencyP99,
    PublishingMode.NonceErrors nonceErrors,
    int broadcasts,
    int leftInPool,
    int duplicates,
    int created,
    int attributed,
    double videosPerSecond,
    Map<String, Integer> answers,
    int unanswered,
    Map<Long, Integer> videosByMember,
    List<Integer> perBlock,
    int failedExtrinsics,
    Optional<SigningCycle.Steps> cycle) {

  static final double GOAL = 0.9;

  static Figures of(
      Saturation.Outcome o,
      ChainRecord record,
      PublishingMode mode,
      int capacity,
      int leftInPool,
      OrionClient orion)
      throws Exception {
    List<BlockFacts> blocks = o.measured();
    int sum = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    int atGoal = 0;
    Map<Long, Integer> byMember = new TreeMap<>();
    List<Integer> perBlock = new ArrayList<>();
    int failed = 0;
    for (BlockFacts b : blocks) {
      perBlock.add(b.videos());
      failed += b.failedExtrinsics();
      sum += b.videos();
      min = Math.min(min, b.videos());
      max = Math.max(max, b.videos());
      atGoal += b.videos() >= GOAL * capacity ? 1 : 0;
      for (String id : b.ytVideoIds()) {
        record.creations(id).forEach(c -> byMember.merge(c.memberId(), 1, Integer::sum));
      }
    }
    BlockFacts first = blocks.get(0);
    BlockFacts last = blocks.get(blocks.size() - 1);
    BlockFacts before = record.block(first.number() - 1);
    double seconds = (last.timestampMillis() - before.timestampMillis()) / 1000.0;
    List<String> created =
        o.requested().stream().filter(id -> !record.creations(id).isEmpty()).toList();
    List<Long> latencies = new ArrayList<>(o.latencies());
    latencies.sort(null);
    return new Figures(
        o.plan().mode(),
        capacity,
        (double) sum / blocks.size(),
        min,
        max,
        atGoal,
        blocks.size(),
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        mode.nonceErrors(),
        mode.broadcasts(),
        leftInPool,
        record.duplicatedYtVideoIds(),
        created.size(),
        attributed(orion, record.lastBlock(), created),
        sum / seconds,
        o.answers(),
        o.unanswered(),
        byMember,
        perBlock,
        failed,
        mode.signingCycle());
  }

  /** Nearest rank of a sorted list; -1 when there is nothing to rank. */
  static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** How many of the ids Orion shows for the app, once it has indexed the chain this far. */
  private static int attributed(OrionClient orion, long block, List<String> ids) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (orion.indexedHeight().get(10, TimeUnit.SECONDS) < block) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Orion did not index block " + block + " within 60 s");
      }
      Thread.sleep(200);
    }
    Set<String> found = new HashSet<>();
    for (int i = 0; i < ids.size(); i += 500) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
      for (OrionVideo v :
          orion.videosByYtVideoIds(chunk, SaturationDevnet.APP).get(30, TimeUnit.SECONDS)) {
        v.ytVideoId().ifPresent(found::add);
      }
    }
    return found.size();
  }
}
