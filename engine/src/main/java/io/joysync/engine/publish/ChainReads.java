package io.joysync.engine.publish;

import io.joysync.engine.joystream.ChainConnection;
import io.joysync.joystream.crypto.Blake2b;
import io.joysync.joystream.events.EventRecord;
import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.events.SystemEvents;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.storage.ChainState;
import io.joysync.joystream.storage.StorageKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The chain reads publishing shares between accounts: the runtime (version, metadata and block
 * limits, read again when the spec version changes, as after a runtime upgrade), the genesis hash,
 * and the extrinsic hashes and events of blocks, kept for a while by block hash (a block's content
 * never changes under its hash).
 */
final class ChainReads {
  private static final int CACHED_BLOCKS = 1024;

  /** One runtime version with what is built from its metadata. */
  record Runtime(
      long specVersion,
      long transactionVersion,
      RuntimeMetadata metadata,
      BlockLimits limits,
      ChainState state,
      SystemEvents systemEvents,
      JoystreamEvents events,
      byte[] eventsKey,
      java.math.BigInteger existentialDeposit) {}

  /** Balances.ExistentialDeposit of spec 2004, when the metadata does not say. */
  private static final java.math.BigInteger EXISTENTIAL_DEPOSIT =
      java.math.BigInteger.valueOf(266_666_560L);

  private final ChainConnection connection;
  private final AtomicReference<CompletableFuture<Runtime>> runtime = new AtomicReference<>();
  private final AtomicReference<CompletableFuture<byte[]>> genesis = new AtomicReference<>();
  private final Map<String, CompletableFuture<List<String>>> hashesByBlock = lru();
  private final Map<String, CompletableFuture<List<EventRecord>>> eventsByBlock = lru();

  ChainReads(ChainConnection connection) {
    this.connection = connection;
  }

  JoystreamRpc rpc() {
    return connection.rpc();
  }

  /** The runtime of the best block. */
  CompletionStage<Runtime> runtime() {
    return rpc()
        .runtimeVersion(null)
        .thenCompose(
            v -> {
              CompletableFuture<Runtime> known = runtime.get();
              if (known != null
                  && known.isDone()
                  && !known.isCompletedExceptionally()
                  && known.join().specVersion() == v.specVersion()) {
                return known;
              }
              CompletableFuture<Runtime> fresh =
                  rpc()
                      .metadata(null)
                      .thenApply(bytes -> build(v.specVersion(), v.transactionVersion(), bytes));
              runtime.set(fresh);
              return fresh;
            });
  }

  private Runtime build(long spec, long tx, byte[] metadataBytes) {
    RuntimeMetadata md = RuntimeMetadata.parse(metadataBytes);
    return new Runtime(
        spec,
        tx,
        md,
        BlockLimits.of(md),
        new ChainState(rpc(), md),
        new SystemEvents(md),
        new JoystreamEvents(md),
        new StorageKeys(md).key("System", "Events").bytes(),
        existentialDeposit(md));
  }

  private static java.math.BigInteger existentialDeposit(RuntimeMetadata md) {
    return md.findPallet("Balances")
        .flatMap(p -> p.constant("ExistentialDeposit"))
        .map(
            c ->
                new io.joysync.joystream.metadata.ValueDecoder(md.types())
                    .decode(c.type(), c.value())
                    .asBigInteger())
        .orElse(EXISTENTIAL_DEPOSIT);
  }

  CompletionStage<byte[]> genesisHash() {
    CompletableFuture<byte[]> known = genesis.get();
    if (known != null && !known.isCompletedExceptionally()) {
      return known;
    }
    CompletableFuture<byte[]> fresh = rpc().genesisHash().thenApply(Hex::decode);
    genesis.set(fresh);
    return fresh;
  }

  /**
   * The transaction hashes of a block's extrinsics, in block order (0x hex). Accounts asking for
   * the same block at once share one read.
   */
  CompletionStage<List<String>> extrinsicHashes(String blockHash) {
    return shared(
        hashesByBlock,
        blockHash,
        () ->
            rpc()
                .block(blockHash)
                .thenApply(
                    block -> {
                      List<String> hashes = new ArrayList<>();
                      for (String x : block.extrinsics()) {
                        hashes.add(Hex.encode(Blake2b.hash256(Hex.decode(x))));
                      }
                      return List.copyOf(hashes);
                    }));
  }

  /** The decoded System.Events of a block; accounts asking for the same block share one read. */
  CompletionStage<List<EventRecord>> events(Runtime rt, String blockHash) {
    return shared(
        eventsByBlock,
        blockHash,
        () ->
            rpc()
                .storage(rt.eventsKey(), blockHash)
                .thenApply(
                    raw -> raw.map(bytes -> rt.systemEvents().decode(bytes)).orElse(List.of())));
  }

  /** The cached or pending read of a block, or a new one; a failed read is not kept. */
  private static <V> CompletableFuture<V> shared(
      Map<String, CompletableFuture<V>> cache,
      String blockHash,
      java.util.function.Supplier<CompletableFuture<V>> read) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> known;
    synchronized (cache) {
      known = cache.putIfAbsent(blockHash, mine);
    }
    if (known != null) {
      return known;
    }
    CompletableFuture<V> reading;
    try {
      reading = read.get();
    } catch (RuntimeException e) {
      reading = CompletableFuture.failedFuture(e);
    }
    reading.whenComplete(
        (value, error) -> {
          if (error != null) {
            cache.remove(blockHash, mine);
            mine.completeExceptionally(error);
          } else {
            mine.complete(value);
          }
        });
    return mine;
  }

  private static <V> Map<String, V> lru() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > CACHED_BLOCKS;
          }
        });
  }
}
