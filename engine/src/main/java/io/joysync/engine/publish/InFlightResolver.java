package io.joysync.engine.publish;

import io.joysync.engine.publish.AccountChain.Landed;
import io.joysync.engine.publish.AccountChain.NeverLands;
import io.joysync.engine.publish.AccountChain.Pending;
import io.joysync.engine.publish.AccountChain.Resolution;
import io.joysync.engine.publish.AccountChain.TakenByOther;
import io.joysync.engine.publish.AccountChain.Verdict;
import io.joysync.engine.publish.AccountChain.VideoCreatedEvent;
import io.joysync.joystream.events.EventRecord;
import io.joysync.joystream.events.JoystreamEvent;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.storage.AccountInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Judges an account's in-flight extrinsics at the finalized head, from the chain alone. The account
 * nonce in the finalized state tells whether a nonce was used: if so, the extrinsic is looked for
 * by its hash in the finalized blocks of its era, and its events are read by its index in the block
 * ({@code ApplyExtrinsic}); not found means another extrinsic used the nonce. An unused nonce whose
 * era ended in a finalized block, or that was signed for a runtime the finalized chain has left
 * (spec versions only go up, and every block after the finalized head runs its runtime or a later
 * one), can never land. Anything else may still land, also one signed for a runtime newer than the
 * finalized head's: an upgrade the best block has and finality has not reached yet.
 */
final class InFlightResolver {
  private final ChainReads chain;

  InFlightResolver(ChainReads chain) {
    this.chain = chain;
  }

  CompletionStage<Resolution> resolve(AccountId account, List<SignedBatch> inFlight) {
    return chain
        .rpc()
        .finalizedHead()
        .thenCompose(
            hash ->
                chain
                    .rpc()
                    .header(hash)
                    .thenCompose(
                        header ->
                            chain
                                .runtime()
                                .thenCompose(
                                    rt -> judgeAll(rt, account, hash, header.number(), inFlight))));
  }

  private CompletionStage<Resolution> judgeAll(
      ChainReads.Runtime rt,
      AccountId account,
      String hash,
      long finalized,
      List<SignedBatch> inFlight) {
    CompletableFuture<AccountInfo> info = rt.state().account(account, hash);
    CompletableFuture<Long> spec = chain.rpc().runtimeVersion(hash).thenApply(v -> v.specVersion());
    return info.thenCombine(spec, (a, s) -> new long[] {a.nonce(), s})
        .thenCompose(
            facts -> {
              List<CompletableFuture<Verdict>> verdicts = new ArrayList<>();
              for (SignedBatch b : inFlight) {
                verdicts.add(judge(rt, b, finalized, facts[0], facts[1]).toCompletableFuture());
              }
              return CompletableFuture.allOf(verdicts.toArray(CompletableFuture[]::new))
                  .thenApply(
                      x ->
                          new Resolution(
                              finalized,
                              facts[0],
                              info.join().free(),
                              verdicts.stream().map(CompletableFuture::join).toList()));
            });
  }

  private CompletionStage<Verdict> judge(
      ChainReads.Runtime rt, SignedBatch b, long finalized, long accountNonce, long spec) {
    if (b.nonce() < accountNonce) {
      long last = Math.min(b.deathBlock() - 1, finalized);
      return find(rt, b, Math.max(1, b.birthBlock()), last);
    }
    if (finalized >= b.deathBlock()) {
      return done(
          new NeverLands(b.nonce(), "its era ended at block " + b.deathBlock() + " unused"));
    }
    if (spec > b.specVersion()) {
      return done(
          new NeverLands(
              b.nonce(),
              "it was signed for spec " + b.specVersion() + "; the runtime is now spec " + spec,
              true));
    }
    return done(new Pending(b.nonce()));
  }

  /** Whether the extrinsic succeeded in the given block (not necessarily final). */
  CompletionStage<AccountChain.InBlock> inBlock(SignedBatch b, String blockHash) {
    return chain
        .runtime()
        .thenCompose(
            rt ->
                chain
                    .extrinsicHashes(blockHash)
                    .thenCompose(
                        hashes -> {
                          int index = hashes.indexOf(b.txHash());
                          if (index < 0) {
                            return CompletableFuture.completedFuture(
                                new AccountChain.InBlock(
                                    AccountChain.InBlockOutcome.UNKNOWN,
                                    "block " + blockHash + " does not hold it"));
                          }
                          return chain
                              .events(rt, blockHash)
                              .thenApply(records -> outcome(rt, b, blockHash, index, records));
                        }));
  }

  private static AccountChain.InBlock outcome(
      ChainReads.Runtime rt, SignedBatch b, String hash, int index, List<EventRecord> records) {
    Landed landed = (Landed) landed(rt, b, -1, hash, index, records);
    return landed
        .error()
        .map(e -> new AccountChain.InBlock(AccountChain.InBlockOutcome.FAILED, e))
        .orElseGet(() -> new AccountChain.InBlock(AccountChain.InBlockOutcome.SUCCEEDED, ""));
  }

  /** Looks for the extrinsic in blocks {@code from..to}, in order. */
  private CompletionStage<Verdict> find(ChainReads.Runtime rt, SignedBatch b, long from, long to) {
    if (from > to) {
      return done(new TakenByOther(b.nonce()));
    }
    return chain
        .rpc()
        .blockHash(from)
        .thenCompose(
            hash ->
                chain
                    .extrinsicHashes(hash)
                    .thenCompose(
                        hashes -> {
                          int index = hashes.indexOf(b.txHash());
                          if (index < 0) {
                            return find(rt, b, from + 1, to);
                          }
                          return chain
                              .events(rt, hash)
                              .thenApply(records -> landed(rt, b, from, hash, index, records));
                        }));
  }

  private static Verdict landed(
      ChainReads.Runtime rt,
      SignedBatch b,
      long number,
      String hash,
      int index,
      List<EventRecord> records) {
    List<VideoCreatedEvent> created = new ArrayList<>();
    List<Long> updated = new ArrayList<>();
    Optional<String> error = Optional.empty();
    OptionalLong interruptedAt = OptionalLong.empty();
    for (JoystreamEvent e : rt.events().ofExtrinsic(records, index)) {
      if (e instanceof JoystreamEvent.VideoCreated v) {
        List<Long> assets = new ArrayList<>(v.dataObjectIds());
        assets.sort(null);
        created.add(new VideoCreatedEvent(v.channelId(), v.videoId(), assets));
      } else if (e instanceof JoystreamEvent.VideoUpdated u) {
        updated.add(u.videoId());
      } else if (e instanceof JoystreamEvent.ExtrinsicFailed f) {
        error = Optional.of(f.error().describe());
      } else if (e instanceof JoystreamEvent.BatchInterrupted i) {
        error = Optional.of(i.error().describe());
        interruptedAt = OptionalLong.of(i.index());
      }
    }
    return new Landed(b.nonce(), number, hash, created, error, interruptedAt, updated);
  }

  private static CompletionStage<Verdict> done(Verdict v) {
    return CompletableFuture.completedFuture(v);
  }
}
