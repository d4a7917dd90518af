package io.joysync.engine.publish;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A scripted chain for the account's state machine: preparation signs the candidates as they come
 * (up to a batch size) with fake bytes, broadcasts are recorded with what the journal held at that
 * moment, and the verdicts on in-flight extrinsics are whatever the test sets (pending otherwise).
 */
final class FakeAccountChain implements AccountChain {
  record Broadcast(SignedBatch batch, List<Object> journalAtBroadcast) {}

  final List<Preparation> preparations = new CopyOnWriteArrayList<>();
  final List<Broadcast> broadcasts = new CopyOnWriteArrayList<>();
  final List<Integer> resolveCalls = new CopyOnWriteArrayList<>();
  final Map<Long, Verdict> verdicts = new ConcurrentHashMap<>();
  volatile Function<SignedBatch, Verdict> otherwise = b -> new Pending(b.nonce());
  final Map<Long, Consumer<BroadcastReport>> reporters = new ConcurrentHashMap<>();
  final AtomicLong chainNonce = new AtomicLong(7);
  final AtomicLong finalized = new AtomicLong(100);
  volatile int batchSize = 100;
  volatile Supplier<List<Object>> journal = List::of;
  final AtomicReference<Function<Preparation, CompletionStage<Prepared>>> nextPreparation =
      new AtomicReference<>();
  private final List<LongConsumer> heads = new CopyOnWriteArrayList<>();

  @Override
  public CompletionStage<Prepared> prepare(KeyPair key, Preparation request) {
    preparations.add(request);
    Function<Preparation, CompletionStage<Prepared>> scripted = nextPreparation.getAndSet(null);
    if (scripted != null) {
      return scripted.apply(request);
    }
    return CompletableFuture.completedFuture(sign(request));
  }

  Signed sign(Preparation request) {
    long nonce =
        request.nonceFixed() ? request.nonce() : Math.max(request.nonce(), chainNonce.get());
    List<BatchItem> take =
        request.candidates().subList(0, Math.min(batchSize, request.candidates().size()));
    List<BatchItem> signed = new ArrayList<>();
    for (int i = 0; i < take.size(); i++) {
      signed.add(take.get(i).signedWith(i));
    }
    SignedBatch batch =
        new SignedBatch(
            nonce,
            String.format("0x%064x", nonce * 1000 + preparations.size()),
            "0xfeed" + nonce,
            finalized.get(),
            16,
            2004,
            request.mode(),
            signed,
            Instant.parse("2026-01-01T00:00:00Z"));
    return new Signed(
        batch,
        List.of(),
        request.candidates().subList(take.size(), request.candidates().size()),
        request.earlier().stream()
            .map(SignedBatch::nonce)
            .filter(n -> n >= chainNonce.get())
            .toList());
  }

  @Override
  public void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports) {
    broadcasts.add(new Broadcast(batch, journal.get()));
    reporters.put(batch.nonce(), reports);
  }

  void report(long nonce, Heard heard) {
    String hash =
        broadcasts.stream()
            .map(Broadcast::batch)
            .filter(b -> b.nonce() == nonce)
            .reduce((first, last) -> last)
            .orElseThrow()
            .txHash();
    reporters.get(nonce).accept(new BroadcastReport(nonce, hash, heard, heard.name()));
  }

  /** What each nonce did in its block (succeeded unless set). */
  final Map<Long, InBlock> inBlock = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<InBlock> inBlock(SignedBatch batch, String blockHash) {
    return CompletableFuture.completedFuture(
        inBlock.getOrDefault(batch.nonce(), new InBlock(InBlockOutcome.SUCCEEDED, "")));
  }

  @Override
  public CompletionStage<Resolution> resolve(AccountId account, List<SignedBatch> inFlight) {
    resolveCalls.add(inFlight.size());
    List<Verdict> out = new ArrayList<>();
    for (SignedBatch b : inFlight) {
      Verdict v = verdicts.get(b.nonce());
      out.add(v == null ? otherwise.apply(b) : v);
    }
    return CompletableFuture.completedFuture(
        new Resolution(finalized.get(), chainNonce.get(), BigInteger.TEN.pow(12), out));
  }

  /** A new finalized head, announced to the listening accounts. */
  void finalizeUpTo(long number) {
    finalized.set(number);
    heads.forEach(h -> h.accept(number));
  }

  @Override
  public AutoCloseable onFinalizedHead(LongConsumer listener) {
    heads.add(listener);
    return () -> heads.remove(listener);
  }

  @Override
  public CompletionStage<BigInteger> freeBalance(AccountId account) {
    return CompletableFuture.completedFuture(BigInteger.TEN.pow(12));
  }

  /** The created events of a successful batch: video ids from 500, data objects from 900. */
  static Landed landedAll(SignedBatch batch, long block) {
    List<VideoCreatedEvent> created = new ArrayList<>();
    for (int i = 0; i < batch.items().size(); i++) {
      created.add(
          new VideoCreatedEvent(
              batch.items().get(i).channelId(), 500 + i, List.of(900L + 2 * i, 901L + 2 * i)));
    }
    return new Landed(
        batch.nonce(),
        block,
        "0xb" + block,
        created,
        java.util.Optional.empty(),
        java.util.OptionalLong.empty());
  }

  /**
   * The events of a successful batch of creations and updates: VideoCreated for each creation
   * (video ids from 500), VideoUpdated for each update, in call order.
   */
  static Landed landedMixed(SignedBatch batch, long block) {
    List<VideoCreatedEvent> created = new ArrayList<>();
    List<Long> updated = new ArrayList<>();
    for (BatchItem item : batch.items()) {
      if (item.isUpdate()) {
        updated.add(item.update().joystreamVideoId());
      } else {
        long n = created.size();
        created.add(
            new VideoCreatedEvent(item.channelId(), 500 + n, List.of(900L + 2 * n, 901L + 2 * n)));
      }
    }
    return new Landed(
        batch.nonce(),
        block,
        "0xb" + block,
        created,
        java.util.Optional.empty(),
        java.util.OptionalLong.empty(),
        updated);
  }
}
