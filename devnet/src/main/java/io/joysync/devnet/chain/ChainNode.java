package io.joysync.devnet.chain;

import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devnet's chain node: the pool, block production at a fixed interval (each block filled up to
 * the Normal class weight and length limits, in the pool's priority order), finality trailing the
 * best block by a fixed number of blocks, transaction status tracking to finality, and head and
 * storage-change subscriptions. All state is guarded by this object's monitor; listeners must not
 * block.
 */
public final class ChainNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChainNode.class);
  private static final int FINALITY_TIMEOUT_BLOCKS = 512;
  private static final int MAX_PENDING_OPERATOR_ACTIONS = 10_000;

  /** Block production settings. */
  public record Settings(
      Duration blockInterval,
      int finalityLag,
      TransactionPool.Limits poolLimits,
      int retainBlocks) {
    public Settings {
      if (blockInterval.toMillis() < 10) {
        throw new IllegalArgumentException("block interval must be at least 10 ms");
      }
      if (finalityLag < 0) {
        throw new IllegalArgumentException("finality lag must be >= 0");
      }
      retainBlocks = Math.max(retainBlocks, (int) ChainIdentity.BLOCK_HASH_COUNT + 1);
    }
  }

  private record Watch(long blockNumber, String blockHash, List<Consumer<TxStatus>> watchers) {}

  private final Runtime runtime;
  private final TransactionPool pool;
  private final Settings settings;
  private final FaultSwitches faults;
  private final Clock clock;
  private final List<Block> blocks = new ArrayList<>();
  private final Map<String, Integer> numberByHash = new HashMap<>();
  private final List<Watch> awaitingFinality = new ArrayList<>();
  private final Queue<Consumer<Runtime>> operatorActions = new ArrayDeque<>();
  private final List<Consumer<Block>> newHeadListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Block>> finalizedListeners = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<Block, List<StorageChange>>> storageListeners =
      new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler;

  /** The runtime versions by the first block whose state holds their code. */
  private final java.util.TreeMap<Long, ChainIdentity> versions = new java.util.TreeMap<>();

  private long finalized;

  public ChainNode(
      Runtime runtime,
      Settings settings,
      FaultSwitches faults,
      Clock clock,
      byte[] genesisStateRoot) {
    this.runtime = runtime;
    this.settings = settings;
    this.faults = faults;
    this.clock = clock;
    this.pool = new TransactionPool(settings.poolLimits(), clock);
    Block genesis =
        Block.seal(0, new byte[32], genesisStateRoot, List.of(), List.of(), clock.millis());
    blocks.add(genesis);
    numberByHash.put(genesis.hashHex(), 0);
    versions.put(0L, runtime.identity());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "devnet-block-author");
              t.setDaemon(true);
              return t;
            });
  }

  /** The genesis hash a chain built from this genesis state has. */
  public static byte[] genesisHash(byte[] genesisStateRoot) {
    return Block.seal(0, new byte[32], genesisStateRoot, List.of(), List.of(), 0).hash();
  }

  public void start() {
    long ms = settings.blockInterval().toMillis();
    scheduler.scheduleAtFixedRate(this::produceSafely, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void produceSafely() {
    try {
      produceBlock();
    } catch (RuntimeException e) {
      log.error("block production failed", e);
    }
  }

  public Runtime runtime() {
    return runtime;
  }

  public synchronized <T> T read(java.util.function.Function<Runtime, T> query) {
    return query.apply(runtime);
  }

  /**
   * Validates and pools a transaction; returns its hash. Watchers get the status stream.
   *
   * @throws PoolRejection when the node refuses it
   */
  public String submit(byte[] bytes, Consumer<TxStatus> watcher) {
    Optional<String> invalid = faults.answerInvalid();
    if (invalid.isPresent()) {
      throw PoolRejection.custom(invalid.get());
    }
    Runtime.Validity v;
    synchronized (this) {
      pool.checkKnown(io.joysync.joystream.scale.Hex.encode(Hashing.blake2b256(bytes)));
      v = runtime.validate(bytes, best().number() + 1, this::hashOfNumber);
    }
    Duration delay = faults.extrinsicDelay();
    if (delay.isZero()) {
      admit(v, watcher);
    } else {
      scheduler.schedule(() -> admitLater(v, watcher), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
    return v.extrinsic().hashHex();
  }

  private synchronized void admit(Runtime.Validity v, Consumer<TxStatus> watcher) {
    pool.submit(v, watcher, this::accountNonce);
  }

  private void admitLater(Runtime.Validity v, Consumer<TxStatus> watcher) {
    try {
      synchronized (this) {
        runtime.validate(v.extrinsic().bytes(), best().number() + 1, this::hashOfNumber);
        admit(v, watcher);
      }
    } catch (PoolRejection e) {
      if (watcher != null) {
        watcher.accept(TxStatus.INVALID);
      }
    }
  }

  private long accountNonce(AccountId id) {
    return runtime.state().account(id).nonce();
  }

  /** system_accountNextIndex: the chain nonce advanced past the account's ready transactions. */
  public synchronized long nextIndex(AccountId id) {
    return pool.nextIndex(id, accountNonce(id));
  }

  /** The extrinsics waiting in the pool (author_pendingExtrinsics). */
  public synchronized List<byte[]> pendingExtrinsics() {
    List<byte[]> out = new ArrayList<>();
    pool.all().forEach(e -> out.add(e.x().bytes()));
    return out;
  }

  public synchronized int poolSize() {
    return pool.size();
  }

  /**
   * Queues an owner or operator action (deleting a channel, accepting objects) for the next block.
   */
  public synchronized boolean enqueueOperatorAction(Consumer<Runtime> action) {
    if (operatorActions.size() >= MAX_PENDING_OPERATOR_ACTIONS) {
      return false;
    }
    return operatorActions.add(action);
  }

  /** Builds, imports and announces the next block. */
  public synchronized Block produceBlock() {
    Block parent = best();
    long number = parent.number() + 1;
    long now = clock.millis();
    runtime.initializeBlock();
    while (!operatorActions.isEmpty()) {
      runtime.applyOperatorAction(operatorActions.poll());
    }
    faults.takeRuntimeUpgradeDue(number).ifPresent(this::enact);
    List<byte[]> extrinsics = new ArrayList<>();
    byte[] inherent = timestampInherent(now);
    extrinsics.add(inherent);
    runtime.applyInherent(0, (RuntimeCall.TimestampSet) CallDecoder.decode(callOf(inherent)));
    long weight = Weights.BLOCK_EXECUTION_WEIGHT;
    long length = inherent.length;
    List<TransactionPool.Entry> includedEntries = new ArrayList<>();
    boolean announce = faults.announceDrops();
    List<TransactionPool.Entry> ready =
        faults.stallInclusion() ? List.of() : pool.readyInOrder(this::accountNonce);
    for (TransactionPool.Entry e : ready) {
      if (faults.dropsExtrinsic()) {
        pool.drop(e, announce);
        continue;
      }
      Runtime.Validity v;
      try {
        v = runtime.validate(e.x().bytes(), number, this::hashOfNumber);
      } catch (PoolRejection r) {
        pool.invalid(e);
        continue;
      }
      long txWeight = v.callWeight() + Weights.EXTRINSIC_BASE_WEIGHT;
      int txLength = e.x().bytes().length;
      if (weight + txWeight > Weights.NORMAL_MAX_TOTAL
          || length + txLength > Weights.NORMAL_MAX_LENGTH) {
        break;
      }
      Runtime.Outcome outcome = runtime.apply(v, extrinsics.size());
      if (!outcome.included()) {
        continue;
      }
      weight += txWeight;
      length += txLength;
      extrinsics.add(e.x().bytes());
      includedEntries.add(e);
    }
    List<EventLog.Record> events = runtime.blockEvents();
    runtime.state().nextFeeMultiplier =
        Weights.nextFeeMultiplier(
            runtime.state().nextFeeMultiplier, weight - Weights.BLOCK_EXECUTION_WEIGHT);
    List<StorageChange> changes = runtime.state().seal(number, number - settings.retainBlocks());
    byte[] stateRoot =
        Hashing.blake2b256(
            new ScaleWriter()
                .writeBytes(parent.stateRoot())
                .writeBytes(EventLog.encodeAll(events))
                .toByteArray());
    Block block = Block.seal(number, parent.hash(), stateRoot, extrinsics, events, now);
    blocks.add(block);
    numberByHash.put(block.hashHex(), (int) number);
    if (runtime.runNewCode()) {
      versions.put(number, runtime.identity());
      revalidatePool(number + 1);
      log.info(
          "runtime upgraded in block {}: spec version {}, transaction version {}",
          number,
          runtime.identity().specVersion(),
          runtime.identity().transactionVersion());
    }
    pruneOld();
    for (TransactionPool.Entry e : includedEntries) {
      pool.included(e);
      e.notify(TxStatus.inBlock(block.hashHex()));
      if (!e.watchers.isEmpty()) {
        awaitingFinality.add(new Watch(number, block.hashHex(), List.copyOf(e.watchers)));
      }
    }
    pool.prune(this::accountNonce);
    announceStorageChanges(block, changes);
    newHeadListeners.forEach(l -> l.accept(block));
    advanceFinality();
    return block;
  }

  /**
   * Enacts a scheduled runtime upgrade in the block being built; one that would not raise the spec
   * version is refused, as the runtime refuses such code.
   */
  private void enact(io.joysync.devnet.faults.RuntimeUpgrade upgrade) {
    ChainIdentity now = runtime.identity();
    if (upgrade.specVersion() <= now.specVersion()) {
      log.warn(
          "runtime upgrade to spec {} not enacted: the spec version must go up from {}",
          upgrade.specVersion(),
          now.specVersion());
      return;
    }
    runtime.setCode(
        new ChainIdentity(upgrade.specVersion(), upgrade.transactionVersion(), now.genesisHash()));
  }

  /**
   * Checks every pooled transaction against the runtime that builds block {@code next}, as the pool
   * does after a runtime upgrade: those signed for the old versions are now invalid (a bad
   * signature) and leave the pool, their watchers told {@code invalid}.
   */
  private void revalidatePool(long next) {
    for (TransactionPool.Entry e : pool.all()) {
      try {
        runtime.validate(e.x().bytes(), next, this::hashOfNumber);
      } catch (PoolRejection r) {
        pool.invalid(e);
      }
    }
  }

  /** The runtime version whose code block {@code b}'s state holds (state_getRuntimeVersion). */
  public synchronized ChainIdentity runtimeVersion(Block b) {
    return versions.floorEntry(b.number()).getValue();
  }

  private void announceStorageChanges(Block block, List<StorageChange> changes) {
    if (storageListeners.isEmpty()) {
      return;
    }
    List<StorageChange> all = new ArrayList<>(changes);
    all.add(new StorageChange(StorageQuery.SYSTEM_EVENTS, block.eventsValue()));
    List<StorageChange> announced = List.copyOf(all);
    storageListeners.forEach(l -> l.accept(block, announced));
  }

  private void pruneOld() {
    int cutoff = blocks.size() - settings.retainBlocks();
    if (cutoff > 1 && !blocks.get(cutoff).extrinsics().isEmpty()) {
      blocks.set(cutoff, blocks.get(cutoff).pruned());
    }
  }

  private void advanceFinality() {
    long best = best().number();
    if (!faults.stallFinality()) {
      long target = Math.max(0, best - settings.finalityLag());
      if (target > finalized) {
        finalized = target;
        Block head = blocks.get((int) finalized);
        finalizedListeners.forEach(l -> l.accept(head));
      }
    }
    Iterator<Watch> it = awaitingFinality.iterator();
    while (it.hasNext()) {
      Watch w = it.next();
      if (w.blockNumber() <= finalized) {
        w.watchers().forEach(c -> c.accept(TxStatus.finalized(w.blockHash())));
        it.remove();
      } else if (best - w.blockNumber() >= FINALITY_TIMEOUT_BLOCKS) {
        w.watchers().forEach(c -> c.accept(new TxStatus("finalityTimeout", w.blockHash())));
        it.remove();
      }
    }
  }

  private static byte[] timestampInherent(long now) {
    byte[] body =
        new ScaleWriter().writeU8(0x04).writeU8(3).writeU8(0).writeCompact(now).toByteArray();
    return new ScaleWriter().writeCompact(body.length).writeBytes(body).toByteArray();
  }

  private static byte[] callOf(byte[] unsignedExtrinsic) {
    SignedExtrinsic x = SignedExtrinsic.decode(unsignedExtrinsic);
    return x.call();
  }

  private Optional<byte[]> hashOfNumber(long n) {
    return n >= 0 && n < blocks.size() ? Optional.of(blocks.get((int) n).hash()) : Optional.empty();
  }

  public synchronized Block best() {
    return blocks.get(blocks.size() - 1);
  }

  public synchronized Block genesis() {
    return blocks.get(0);
  }

  public synchronized Block finalizedBlock() {
    return blocks.get((int) finalized);
  }

  public synchronized Optional<Block> block(long number) {
    return number >= 0 && number < blocks.size()
        ? Optional.of(blocks.get((int) number))
        : Optional.empty();
  }

  public synchronized Optional<Block> block(String hashHex) {
    Integer n = numberByHash.get(hashHex.toLowerCase(java.util.Locale.ROOT));
    return n == null ? Optional.empty() : Optional.of(blocks.get(n));
  }

  public Runnable onNewHead(Consumer<Block> listener) {
    newHeadListeners.add(listener);
    return () -> newHeadListeners.remove(listener);
  }

  /**
   * Watches the storage: {@code atStart} runs on the best block, then {@code listener} gets every
   * new block with the storage items it wrote (System.Events always among them). No block can come
   * between the two, so a watcher misses no change.
   */
  public synchronized Runnable onStorageChanges(
      Consumer<Block> atStart, BiConsumer<Block, List<StorageChange>> listener) {
    atStart.accept(best());
    storageListeners.add(listener);
    return () -> storageListeners.remove(listener);
  }

  public Runnable onFinalized(Consumer<Block> listener) {
    finalizedListeners.add(listener);
    return () -> finalizedListeners.remove(listener);
  }

  /** A node restart loses its pool; watchers are not told (their connections are gone). */
  public synchronized void dropPool() {
    pool.clear();
    awaitingFinality.clear();
  }

  public String genesisHashHex() {
    return Hex.encode(runtime.identity().genesisHash());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
