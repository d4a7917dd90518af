package io.joysync.engine.publish;

import io.joysync.engine.publish.AccountChain.BroadcastReport;
import io.joysync.engine.publish.AccountChain.Heard;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.RpcErrorException;
import io.joysync.joystream.rpc.TransactionPoolException;
import io.joysync.joystream.rpc.TransactionStatus;
import io.joysync.joystream.scale.Hex;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Submits a signed extrinsic with {@code author_submitAndWatchExtrinsic} and turns what the node
 * says into {@link BroadcastReport}s: the pool's refusals (1010 with its reason, 1012 to 1014) and
 * the watch's statuses. None of it settles anything; the account decides at finality.
 */
final class Broadcaster {
  private final ChainReads chain;

  Broadcaster(ChainReads chain) {
    this.chain = chain;
  }

  void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports) {
    long nonce = batch.nonce();
    String hash = batch.txHash();
    JoystreamRpc rpc;
    try {
      rpc = chain.rpc();
    } catch (RuntimeException e) {
      reports.accept(new BroadcastReport(nonce, hash, Heard.NO_ANSWER, e.toString()));
      return;
    }
    rpc.submitAndWatchExtrinsic(Hex.decode(batch.extrinsicHex()))
        .whenComplete(
            (watch, error) -> {
              if (error != null) {
                BroadcastReport refused = refusal(nonce, hash, error);
                if (refused.heard() == Heard.BAD_SIGNATURE) {
                  atBestBlock(rpc, batch, refused).thenAccept(reports);
                } else {
                  reports.accept(refused);
                }
                return;
              }
              watch
                  .forEach(status -> reports.accept(heard(nonce, hash, status)))
                  .whenComplete(
                      (done, failed) -> {
                        if (failed != null) {
                          reports.accept(
                              new BroadcastReport(nonce, hash, Heard.NO_ANSWER, failed.toString()));
                        }
                      });
            });
  }

  /**
   * A bad signature is what a node answers for an extrinsic whose mortal era ended at its best
   * block (the era then points at another birth block, so the signed payload differs) or that was
   * signed for an older runtime: then it can no longer land, which is no fault. Otherwise, or when
   * the best block cannot be read, the refusal stands.
   */
  static CompletionStage<BroadcastReport> atBestBlock(
      JoystreamRpc rpc, SignedBatch batch, BroadcastReport refused) {
    return rpc.header(null)
        .thenCombine(
            rpc.runtimeVersion(null),
            (best, runtime) -> {
              if (best.number() + 1 >= batch.deathBlock()) {
                return cannotLand(
                    refused,
                    "its era ended at block "
                        + batch.deathBlock()
                        + " (the best block is "
                        + best.number()
                        + ")");
              }
              if (runtime.specVersion() > batch.specVersion()) {
                return cannotLand(
                    refused,
                    "it was signed for spec "
                        + batch.specVersion()
                        + "; the best block runs spec "
                        + runtime.specVersion());
              }
              return refused;
            })
        .exceptionally(e -> refused);
  }

  private static BroadcastReport cannotLand(BroadcastReport refused, String why) {
    return new BroadcastReport(refused.nonce(), refused.txHash(), Heard.CANNOT_LAND, why);
  }

  static BroadcastReport refusal(long nonce, String hash, Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof TransactionPoolException pool) {
      String detail = pool.errorMessage() + (pool.data() == null ? "" : ": " + pool.data());
      Heard heard =
          switch (pool.poolError()) {
            case INVALID ->
                switch (pool.reason()) {
                  case STALE_NONCE -> Heard.STALE;
                  case CANNOT_PAY_FEES -> Heard.CANNOT_PAY;
                  case BAD_SIGNATURE -> Heard.BAD_SIGNATURE;
                  default -> Heard.REJECTED;
                };
            case ALREADY_IMPORTED -> Heard.IN_POOL;
            case PRIORITY_TOO_LOW -> Heard.PRIORITY_TOO_LOW;
            default -> Heard.REJECTED;
          };
      return new BroadcastReport(nonce, hash, heard, detail);
    }
    if (e instanceof RpcErrorException rpc) {
      return new BroadcastReport(
          nonce, hash, Heard.REJECTED, rpc.errorCode() + " " + rpc.errorMessage());
    }
    return new BroadcastReport(nonce, hash, Heard.NO_ANSWER, e.toString());
  }

  static BroadcastReport heard(long nonce, String hash, TransactionStatus status) {
    Heard heard;
    String detail = status.toString();
    if (status instanceof TransactionStatus.InBlock b) {
      heard = Heard.IN_BLOCK;
      detail = b.blockHash();
    } else if (status instanceof TransactionStatus.Retracted) {
      heard = Heard.RETRACTED;
    } else if (status instanceof TransactionStatus.Finalized) {
      heard = Heard.FINALIZED;
    } else if (status instanceof TransactionStatus.Usurped) {
      heard = Heard.USURPED;
    } else if (status == TransactionStatus.Dropped.INSTANCE) {
      heard = Heard.DROPPED;
    } else if (status == TransactionStatus.Invalid.INSTANCE) {
      heard = Heard.INVALID;
    } else if (status == TransactionStatus.ConnectionLost.INSTANCE
        || status instanceof TransactionStatus.FinalityTimeout) {
      heard = Heard.CONNECTION_LOST;
    } else {
      heard = Heard.IN_POOL;
    }
    return new BroadcastReport(nonce, hash, heard, detail);
  }
}
