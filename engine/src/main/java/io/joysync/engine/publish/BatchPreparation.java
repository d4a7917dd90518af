package io.joysync.engine.publish;

import io.joysync.engine.publish.AccountChain.Answer;
import io.joysync.engine.publish.AccountChain.Preparation;
import io.joysync.engine.publish.AccountChain.Prepared;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.joystream.extrinsic.ChainIdentity;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.extrinsic.TransactionParams;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.orion.OrionApp;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionVideo;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Prepares an account's next extrinsic: answers the videos Orion already shows for the app (the
 * second line of defence against duplicates), reads the chain's current bonds, fee, bucket
 * witnesses and the channels' video counts, builds the calls within the budget, signs them with a
 * mortal era and checks that the account can pay for all of it before handing the extrinsic back.
 * Nothing is sent here.
 */
final class BatchPreparation {
  private final ChainReads chain;
  private final OrionClient orion;
  private final ChannelVideoCounts counts;
  private final PublishingSettings settings;
  private final Clock clock;
  private final AppDirectory apps;

  BatchPreparation(ChainReads chain, OrionClient orion, PublishingSettings settings, Clock clock) {
    this.chain = chain;
    this.orion = orion;
    this.settings = settings;
    this.clock = clock;
    this.counts = new ChannelVideoCounts(chain, orion, settings.maxOrionLagBlocks());
    this.apps = new AppDirectory(orion, settings.app());
  }

  CompletionStage<Prepared> prepare(KeyPair key, Preparation request) {
    return chain.runtime().thenCompose(rt -> new Attempt(rt, key, request).run());
  }

  /** One preparation, its intermediate results in fields. */
  private final class Attempt {
    private final ChainReads.Runtime rt;
    private final KeyPair key;
    private final Preparation request;
    private final List<Answer> answered = new ArrayList<>();
    private Head best;
    private Head finalized;
    private OrionApp app;
    private List<BatchItem> remaining;
    private final List<Long> countedOn = new ArrayList<>();

    Attempt(ChainReads.Runtime rt, KeyPair key, Preparation request) {
      this.rt = rt;
      this.key = key;
      this.request = request;
    }

    /**
     * Reads what does not depend on each other at once (the heads, the app and Orion's duplicate
     * guard; then the bags, the channels' counts and the quotes at the best block), since the
     * preparation of the next extrinsic has to fit within a block interval.
     */
    CompletionStage<Prepared> run() {
      CompletableFuture<Void> heads = heads().toCompletableFuture();
      CompletableFuture<OrionApp> found = apps.app().toCompletableFuture();
      CompletableFuture<Void> duplicates = alreadyCreated().toCompletableFuture();
      return CompletableFuture.allOf(heads, found, duplicates)
          .thenCompose(
              x -> {
                app = found.join();
                return build();
              });
    }

    private CompletionStage<Void> heads() {
      return head(chain.rpc().finalizedHead())
          .thenCompose(
              f -> {
                finalized = f;
                return head(chain.rpc().bestBlockHash());
              })
          .thenAccept(b -> best = b);
    }

    private CompletionStage<Head> head(CompletionStage<String> hash) {
      return hash.thenCompose(
          h -> chain.rpc().header(h).thenApply(header -> new Head(h, header.number())));
    }

    /** Updates need no Orion look-up: the account's memory answers their repeats. */
    private CompletionStage<Void> alreadyCreated() {
      Set<String> ids = new LinkedHashSet<>();
      request.candidates().stream().filter(i -> !i.isUpdate()).forEach(i -> ids.add(i.ytVideoId()));
      if (ids.isEmpty()) {
        remaining = new ArrayList<>(request.candidates());
        return CompletableFuture.completedFuture(null);
      }
      return orion
          .indexedHeight()
          .thenCompose(
              height -> {
                if (height < request.forgottenUpTo()) {
                  throw new ChannelVideoCounts.OrionLagging(
                      "Orion has processed block "
                          + height
                          + ", not yet block "
                          + request.forgottenUpTo()
                          + " of videos this account created and no longer remembers");
                }
                return orion.videosByYtVideoIds(ids, settings.app().name());
              })
          .thenAccept(
              videos -> {
                Map<String, OrionVideo> byId = new HashMap<>();
                videos.forEach(v -> v.ytVideoId().ifPresent(id -> byId.putIfAbsent(id, v)));
                remaining = new ArrayList<>();
                for (BatchItem item : request.candidates()) {
                  OrionVideo v = item.isUpdate() ? null : byId.get(item.ytVideoId());
                  if (v == null) {
                    remaining.add(item);
                  } else {
                    answered.add(new Answer(item, created(item, v)));
                  }
                }
              });
    }

    private CompletionStage<Map<Long, Optional<List<Long>>>> bags() {
      Map<Long, CompletableFuture<Optional<List<Long>>>> reads = new HashMap<>();
      remaining.stream()
          .filter(i -> !i.isUpdate())
          .forEach(
              i ->
                  reads.computeIfAbsent(
                      i.channelId(), ch -> rt.state().channelBagBuckets(ch, best.hash())));
      return CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new))
          .thenApply(
              x -> {
                Map<Long, Optional<List<Long>>> out = new HashMap<>();
                reads.forEach((ch, f) -> out.put(ch, f.join()));
                return out;
              });
    }

    private CompletionStage<Prepared> build() {
      if (remaining.isEmpty()) {
        return CompletableFuture.completedFuture(
            new AccountChain.NothingSigned(answered, List.of()));
      }
      // Only creations take an app-action nonce from the channel's video count; updates do not.
      Set<Long> channels = new LinkedHashSet<>();
      remaining.stream().filter(i -> !i.isUpdate()).forEach(i -> channels.add(i.channelId()));
      String at = best.hash();
      CompletableFuture<Map<Long, Optional<List<Long>>>> buckets = bags().toCompletableFuture();
      CompletableFuture<BigInteger> videoBond = rt.state().videoStateBloatBond(at);
      CompletableFuture<BigInteger> objectBond = rt.state().dataObjectStateBloatBond(at);
      CompletableFuture<BigInteger> fee = rt.state().dataObjectPerMegabyteFee(at);
      CompletionStage<Map<Long, Long>> videoCounts =
          channels.isEmpty()
              ? CompletableFuture.completedFuture(Map.of())
              : counts.at(rt, channels, best.number()).thenCompose(this::withEarlier);
      return videoCounts
          .thenCombine(
              CompletableFuture.allOf(buckets, videoBond, objectBond, fee),
              (channelCounts, x) ->
                  builder()
                      .build(
                          remaining,
                          buckets.join(),
                          channelCounts,
                          new BatchBuilder.Quotes(
                              videoBond.join(), objectBond.join(), fee.join(), app.id()),
                          request.mode() == SignedBatch.Mode.DIAGNOSE))
          .thenCompose(this::sign);
    }

    /**
     * Adds to the channels' counts the videos of the account's earlier extrinsics that the block of
     * the counts does not hold yet (their nonces are not used there): this extrinsic can only be
     * executed after them. The account sends it only once they succeeded.
     */
    private CompletionStage<Map<Long, Long>> withEarlier(ChannelVideoCounts.Counts counts) {
      if (request.earlier().isEmpty()) {
        return CompletableFuture.completedFuture(counts.byChannel());
      }
      return chain
          .rpc()
          .blockHash(counts.block())
          .thenCompose(hash -> rt.state().account(key.accountId(), hash))
          .thenApply(
              account -> {
                Map<Long, Long> out = new HashMap<>(counts.byChannel());
                for (SignedBatch earlier : request.earlier()) {
                  if (earlier.nonce() >= account.nonce()) {
                    countedOn.add(earlier.nonce());
                    earlier.items().stream()
                        .filter(i -> !i.isUpdate())
                        .forEach(i -> out.computeIfPresent(i.channelId(), (ch, n) -> n + 1));
                  }
                }
                return out;
              });
    }

    private BatchBuilder builder() {
      Ed25519KeyPair appKey = settings.app().authKey().orElseThrow();
      BatchBudget budget =
          BatchBudget.of(
              rt.limits(), settings.blockShare(), Math.max(1, settings.accounts().size()));
      return new BatchBuilder(budget, request.memberId(), appKey::sign);
    }

    private CompletionStage<Prepared> sign(BatchBuilder.Built built) {
      answered.addAll(built.refused());
      if (built.items().isEmpty()) {
        return CompletableFuture.completedFuture(
            new AccountChain.NothingSigned(answered, built.leftover()));
      }
      CompletionStage<Long> nonce =
          request.nonceFixed()
              ? CompletableFuture.completedFuture(request.nonce())
              : chain
                  .rpc()
                  .accountNextIndex(key.address())
                  .thenApply(n -> Math.max(n, request.nonce()));
      return nonce
          .thenCombine(chain.genesisHash(), (n, genesis) -> signed(n, genesis, built))
          .thenCompose(x -> affordable(x, built));
    }

    private SignedBatch signed(long nonce, byte[] genesis, BatchBuilder.Built built) {
      int period = settings.eraPeriod();
      Head birth = best.number() - finalized.number() < period / 2 ? finalized : best;
      TransactionParams params =
          TransactionParams.mortal(
              period, birth.number(), Hex.decode(birth.hash()), nonce, BigInteger.ZERO);
      SignedExtrinsic x =
          SignedExtrinsic.sign(
              key,
              built.batch(request.mode()),
              new ChainIdentity(rt.specVersion(), rt.transactionVersion(), genesis),
              params);
      return new SignedBatch(
          nonce,
          Hex.encode(x.hash()),
          x.toHex(),
          birth.number(),
          period,
          rt.specVersion(),
          request.mode(),
          built.items(),
          clock.instant());
    }

    private CompletionStage<Prepared> affordable(SignedBatch batch, BatchBuilder.Built built) {
      return chain
          .rpc()
          .paymentQueryInfo(Hex.decode(batch.extrinsicHex()), null)
          .thenCombine(
              rt.state().account(key.accountId(), best.hash()),
              (info, account) -> {
                BigInteger needed =
                    built.bondsAndFees().add(info.partialFee()).add(rt.existentialDeposit());
                if (account.spendable().compareTo(needed) < 0) {
                  List<BatchItem> all = new ArrayList<>(built.items());
                  all.addAll(built.leftover());
                  return new AccountChain.CannotPay(
                      "spendable balance "
                          + account.spendable()
                          + " HAPI is less than the "
                          + needed
                          + " the next "
                          + built.items().size()
                          + " videos need (bonds, storage fee, transaction fee, existential"
                          + " deposit)",
                      all);
                }
                return new AccountChain.Signed(batch, answered, built.leftover(), countedOn);
              });
    }
  }

  /** A block by its hash and number. */
  private record Head(String hash, long number) {}

  private static Created created(BatchItem item, OrionVideo video) {
    List<Long> assets = new ArrayList<>();
    video.media().ifPresent(m -> assets.add(m.dataObjectId()));
    video.thumbnailPhoto().ifPresent(t -> assets.add(t.dataObjectId()));
    return new Created(item.ytVideoId(), video.id(), assets, 0);
  }
}
