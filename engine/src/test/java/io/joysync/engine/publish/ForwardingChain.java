package io.joysync.engine.publish;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** A view of the chain that passes every call on; tests override what they watch or lose. */
class ForwardingChain implements AccountChain {
  private final AccountChain chain;

  ForwardingChain(AccountChain chain) {
    this.chain = chain;
  }

  @Override
  public CompletionStage<Prepared> prepare(KeyPair key, Preparation request) {
    return chain.prepare(key, request);
  }

  @Override
  public void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports) {
    chain.broadcast(batch, reports);
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
}
