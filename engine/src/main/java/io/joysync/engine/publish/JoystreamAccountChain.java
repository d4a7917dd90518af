package io.joysync.engine.publish;

import io.joysync.engine.joystream.ChainConnection;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.orion.OrionClient;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The signer accounts' view of a real Joystream chain and its Orion: preparation, broadcast,
 * resolution at finality and the finalized heads, one instance per node shared by its accounts.
 */
public final class JoystreamAccountChain implements AccountChain, AutoCloseable {
  private final ChainReads chain;
  private final BatchPreparation preparation;
  private final Broadcaster broadcaster;
  private final InFlightResolver resolver;
  private final FinalizedHeads heads;

  public JoystreamAccountChain(
      ChainConnection connection, OrionClient orion, PublishingSettings settings, Clock clock) {
    this.chain = new ChainReads(connection);
    this.preparation = new BatchPreparation(chain, orion, settings, clock);
    this.broadcaster = new Broadcaster(chain);
    this.resolver = new InFlightResolver(chain);
    this.heads = new FinalizedHeads(chain);
  }

  @Override
  public CompletionStage<Prepared> prepare(KeyPair key, Preparation request) {
    return preparation.prepare(key, request);
  }

  @Override
  public void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports) {
    broadcaster.broadcast(batch, reports);
  }

  @Override
  public CompletionStage<InBlock> inBlock(SignedBatch batch, String blockHash) {
    return resolver.inBlock(batch, blockHash);
  }

  @Override
  public CompletionStage<Resolution> resolve(AccountId account, List<SignedBatch> inFlight) {
    return resolver.resolve(account, inFlight);
  }

  @Override
  public AutoCloseable onFinalizedHead(LongConsumer listener) {
    return heads.listen(listener);
  }

  @Override
  public CompletionStage<BigInteger> freeBalance(AccountId account) {
    return chain
        .runtime()
        .thenCompose(rt -> rt.state().account(account, null))
        .thenApply(a -> a.free());
  }

  @Override
  public void close() {
    heads.close();
  }
}
