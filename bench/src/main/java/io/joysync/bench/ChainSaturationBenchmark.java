package io.joysync.bench;

import io.joysync.engine.publish.BatchBudget;
import io.joysync.engine.publish.BlockLimits;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark B1 of scale-and-faults section 6, the proof of issue 12: the devnet chain (1 s blocks,
 * the runtime's weight model) is offered more {@code create_video} than its blocks hold, in three
 * modes run one after the other, each on a fresh devnet: joysync's publishing path with the block
 * share at 1.0 and at the default 0.25 (the devnet's three collaborator members as signer
 * accounts), and youtube-synch's way as the baseline. Each joysync mode first sends one video to
 * every channel, to learn which account the router gives each channel, and then offers videos only
 * to channels spread evenly over the accounts, so no account starves while another queues. Figures
 * come from the chain's own events.
 *
 * <p>Run: {@code bench/run --main io.joysync.bench.ChainSaturationBenchmark [measured-blocks
 * [baseline-blocks [block-interval]]]} (defaults 40, 60 and 1s); about four minutes with the
 * defaults.
 */
public final class ChainSaturationBenchmark {
  private static final int WARMUP_BLOCKS = 5;
  private static final int ACCOUNTS = 3;

  /**
   * How many blocks' worth of videos the driver keeps requested and not yet in a block. More than a
   * block holds, and as many as a sender that signs ahead can have under way at once: one extrinsic
   * in the pool, one signed and held for the next block, and the requests of the one after that
   * (the driver tops up only after it has recorded a block, so with two blocks' worth such a sender
   * starves for the moments the driver takes). A sender with one extrinsic in flight, like the
   * baseline, only sees its requests wait longer.
   */
  private static final double OUTSTANDING_BLOCKS = 3.0;

  private ChainSaturationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int measured = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int baselineBlocks = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    String interval = args.length > 2 ? args[2] : "1s";
    List<Figures> all = new ArrayList<>();
    all.add(joysync("joysync, block-share 1.0", 1.0, 'A', measured, interval));
    all.add(joysync("joysync, block-share 0.25", 0.25, 'B', measured, interval));
    all.add(baseline(baselineBlocks, interval));
    System.out.println();
    System.out.println(SaturationReport.table(all));
    System.out.println(SaturationReport.details(all));
    System.exit(0);
  }

  private static Figures joysync(
      String name, double share, char prefix, int measured, String interval) throws Exception {
    try (SaturationDevnet net = SaturationDevnet.start(interval);
        JoysyncMode mode = JoysyncMode.start(net, share)) {
      FreshVideos videos = new FreshVideos(prefix, prefix);
      List<Long> channels = channelsSpreadOverAccounts(net, mode, videos);
      int capacity = capacity(net, share);
      int perChannel = (int) Math.ceil(OUTSTANDING_BLOCKS * capacity / channels.size());
      System.err.printf(
          "%s: capacity %d per block, %d channels, %d videos kept requested in each%n",
          name, capacity, channels.size(), perChannel);
      Saturation.Plan plan =
          new Saturation.Plan(name, channels, perChannel, WARMUP_BLOCKS, measured);
      return measure(net, mode, videos, plan, capacity);
    }
  }

  private static Figures baseline(int blocks, String interval) throws Exception {
    try (SaturationDevnet net = SaturationDevnet.start(interval);
        YoutubeSynchBaseline mode = new YoutubeSynchBaseline(net)) {
      FreshVideos videos = new FreshVideos('C', 'C');
      List<Long> channels = net.channelIds();
      int capacity = YoutubeSynchBaseline.BATCH;
      int perChannel = (int) Math.ceil(OUTSTANDING_BLOCKS * capacity / channels.size());
      Saturation.Plan plan =
          new Saturation.Plan(
              "youtube-synch's way (baseline)", channels, perChannel, WARMUP_BLOCKS, blocks);
      return measure(net, mode, videos, plan, capacity);
    }
  }

  private static Figures measure(
      SaturationDevnet net,
      PublishingMode mode,
      FreshVideos videos,
      Saturation.Plan plan,
      int capacity)
      throws Exception {
    Saturation.Outcome outcome = new Saturation(net.record, mode, videos, plan).run();
    int leftInPool = net.devnet.chain().poolSize();
    Figures f =
        Figures.of(
            outcome,
            net.record,
            mode,
            capacity,
            leftInPool,
            OrionClient.create(URI.create(net.devnet.orionUrl())));
    System.err.println(SaturationReport.details(List.of(f)));
    return f;
  }

  /**
   * What the share lets the accounts place in one block together: each account's extrinsic holds as
   * many videos as its part of the share's weight allows (the runtime's limits read from the
   * chain's metadata, the metadata size of the videos created so far).
   */
  private static int capacity(SaturationDevnet net, double share) {
    BatchBudget budget = BatchBudget.of(BlockLimits.of(net.metadata), share, ACCOUNTS);
    long video =
        budget.videoWeight(2, SaturationDevnet.BUCKETS_PER_BAG, net.record.largestMetaBytes());
    return (int) ((budget.weightCap() - budget.emptyBatchWeight()) / video) * ACCOUNTS;
  }

  /**
   * Sends one video to every channel and reads on chain which member created it; returns the same
   * number of channels for each account, so offering evenly per channel loads the accounts evenly.
   */
  private static List<Long> channelsSpreadOverAccounts(
      SaturationDevnet net, PublishingMode mode, FreshVideos videos) throws Exception {
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (long channel : net.channelIds()) {
      var v = videos.next(channel);
      ids.add(v.ytVideoId());
      answers.add(mode.offer(v).toCompletableFuture());
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    Map<Long, List<Long>> byMember = new TreeMap<>();
    for (String id : ids) {
      ChainRecord.Creation c = net.record.creations(id).get(0);
      byMember.computeIfAbsent(c.memberId(), m -> new ArrayList<>()).add(c.channelId());
    }
    System.err.println("channels by signer member: " + byMember);
    if (byMember.size() != ACCOUNTS) {
      throw new IllegalStateException("the router did not use all three accounts: " + byMember);
    }
    int each = byMember.values().stream().mapToInt(List::size).min().orElseThrow();
    List<Long> channels = new ArrayList<>();
    byMember.values().forEach(list -> channels.addAll(list.subList(0, each)));
    channels.sort(null);
    return channels;
  }
}
