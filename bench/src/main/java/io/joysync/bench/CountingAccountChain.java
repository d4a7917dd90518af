package io.joysync.bench;

import io.joysync.engine.publish.AccountChain;
import io.joysync.engine.publish.SignedBatch;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The signer accounts' real chain backend, passed through unchanged, counting what the node says of
 * each broadcast (the nonce errors the benchmark reports are those the accounts themselves heard)
 * and timing each account's signing cycle ({@link SigningCycle}).
 */
final class CountingAccountChain implements AccountChain {
  private final AccountChain chain;
  private final SigningCycle cycle = new SigningCycle();
  private final AtomicInteger broadcasts = new AtomicInteger();
  private final AtomicInteger stale = new AtomicInteger();
  private final AtomicInteger priority = new AtomicInteger();
  private final AtomicInteger future = new AtomicInteger();

  CountingAccountChain(AccountChain chain) {
    this.chain = chain;
  }

  @Override
  public CompletionStage<Prepared> prepare(KeyPair key, Preparation request) {
    long started = cycle.preparationStarts(request.memberId());
    return chain
        .prepare(key, request)
        .whenComplete(
            (prepared, error) -> {
              if (error == null) {
                cycle.prepared(request.memberId(), started, prepared);
              }
            });
  }

  @Override
  public void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports) {
    broadcasts.incrementAndGet();
    cycle.broadcast(batch);
    chain.broadcast(
        batch,
        report -> {
          count(report);
          reports.accept(report);
        });
  }

  private void count(BroadcastReport report) {
    switch (report.heard()) {
      case IN_BLOCK -> cycle.inBlock(report.txHash());
      case STALE -> stale.incrementAndGet();
      case PRIORITY_TOO_LOW, USURPED -> priority.incrementAndGet();
      case IN_POOL -> {
        if ("Future".equals(report.detail())) {
          future.incrementAndGet();
        }
      }
      default -> {}
    }
  }

  @Override
  public CompletionStage<InBlock> inBlock(SignedBatch batch, String blockHash) {
    return chain.inBlock(batch, blockHash);
  }

  @Override
  public CompletionStage<Resolution> resolve(AccountId account, List<SignedBatch> inFlight) {
    return chain.resolve(account, inFlight);
  }

  @Override
  public AutoCloseable onFinalizedHead(LongConsumer listener) {
    return chain.onFinalizedHead(listener);
  }

  @Override
  public CompletionStage<BigInteger> freeBalance(AccountId account) {
    return chain.freeBalance(account);
  }

  PublishingMode.NonceErrors nonceErrors() {
    return new PublishingMode.NonceErrors(stale.get(), priority.get(), future.get());
  }

  int broadcasts() {
    return broadcasts.get();
  }

  SigningCycle cycle() {
    return cycle;
  }
}
