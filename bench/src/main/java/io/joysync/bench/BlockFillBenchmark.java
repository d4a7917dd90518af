package io.joysync.bench;

import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainIdentity;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.ChainState;
import io.joysync.devnet.chain.Genesis;
import io.joysync.devnet.chain.Runtime;
import io.joysync.devnet.chain.TransactionPool;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.ContentActor;
import io.joysync.joystream.call.CreateVideo;
import io.joysync.joystream.call.DataObjectCreation;
import io.joysync.joystream.call.RuntimeCall;
import io.joysync.joystream.call.StorageAssets;
import io.joysync.joystream.content.ContentIdHasher;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.extrinsic.TransactionParams;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Blocks filled per second by the devnet's block author, and how many create_video calls one block
 * holds at Joystream's Normal-class weight limit (1.5 x 10^12), with the sync service's typical
 * video: two assets (media and thumbnail), a five-bucket bag and about 1 KB of metadata. Each
 * invocation starts from the genesis state with the pool holding more signed extrinsics than fit in
 * a block, so the block is weight-bound; {@code batchSize} 1 sends each video as its own extrinsic,
 * larger values wrap them in utility.batch_all. The counters {@code videos} and {@code extrinsics}
 * are rates like the score, so create_video per block = videos / score.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Thread)
public class BlockFillBenchmark {
  private static final int VIDEOS_IN_POOL = 1_200;

  @Param({"1", "10"})
  public int batchSize;

  private Genesis genesis;
  private List<byte[]> signed;
  private ChainNode node;

  /** Per-iteration counters JMH reports next to the throughput. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Filled {
    public long videos;
    public long extrinsics;
  }

  @Setup(Level.Trial)
  public void signExtrinsics() {
    genesis = new Genesis(DevnetSettings.defaults().devnet().getConfig("genesis"));
    Runtime probe = freshRuntime();
    ChainState s = probe.state();
    KeyPair signer = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");
    io.joysync.joystream.extrinsic.ChainIdentity chain =
        new io.joysync.joystream.extrinsic.ChainIdentity(
            ChainIdentity.SPEC_VERSION, ChainIdentity.TRANSACTION_VERSION, genesis.genesisHash());
    byte[] meta = new byte[1000];
    signed = new ArrayList<>();
    List<RuntimeCall> pending = new ArrayList<>();
    long nonce = 0;
    for (int i = 0; i < VIDEOS_IN_POOL; i++) {
      byte[] media = ("media " + i).getBytes(StandardCharsets.UTF_8);
      byte[] thumb = ("thumbnail " + i).getBytes(StandardCharsets.UTF_8);
      StorageAssets assets =
          new StorageAssets(
              List.of(
                  new DataObjectCreation(
                      media.length, ContentIdHasher.of(media).contentId().value()),
                  new DataObjectCreation(
                      thumb.length, ContentIdHasher.of(thumb).contentId().value())),
              s.dataObjectPerMegabyteFee());
      pending.add(
          new CreateVideo(
              ContentActor.member(1),
              1 + (i % 2),
              Optional.of(assets),
              Optional.of(meta),
              s.videoStateBloatBond(),
              s.dataObjectStateBloatBond(),
              5));
      if (pending.size() == batchSize) {
        RuntimeCall call = batchSize == 1 ? pending.get(0) : Batch.all(List.copyOf(pending));
        signed.add(
            SignedExtrinsic.sign(
                    signer, call, chain, TransactionParams.immortal(nonce++, BigInteger.ZERO))
                .encode());
        pending.clear();
      }
    }
  }

  private Runtime freshRuntime() {
    Runtime runtime =
        new Runtime(
            new ChainState(),
            new ChainIdentity(
                ChainIdentity.SPEC_VERSION,
                ChainIdentity.TRANSACTION_VERSION,
                genesis.genesisHash()));
    genesis.apply(runtime);
    return runtime;
  }

  @Setup(Level.Invocation)
  public void fillPool() {
    node =
        new ChainNode(
            freshRuntime(),
            new ChainNode.Settings(Duration.ofSeconds(6), 2, TransactionPool.Limits.defaults(), 0),
            new FaultSwitches(),
            Clock.systemUTC(),
            genesis.stateRoot());
    for (byte[] x : signed) {
      node.submit(x, null);
    }
  }

  @Benchmark
  public Block fillOneBlock(Filled filled) {
    Block b = node.produceBlock();
    int extrinsics = b.extrinsics().size() - 1;
    filled.extrinsics += extrinsics;
    filled.videos += (long) extrinsics * batchSize;
    return b;
  }
}
