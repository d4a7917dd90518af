package io.joysync.engine.publish;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What a {@link SignerAccount} asks of the chain and of Orion. Every call is asynchronous and never
 * blocks; failures complete the stage exceptionally and the account retries with backoff. The key
 * is passed in for signing and kept nowhere else.
 */
public interface AccountChain {

  /**
   * Builds and signs the account's next extrinsic from the candidates, in order: videos Orion
   * already shows for the app are answered as created, the rest get their channel's app-action
   * nonce and go in while the budget allows.
   */
  CompletionStage<Prepared> prepare(KeyPair key, Preparation request);

  /** Sends the signed bytes (again) and reports what the pool and the node say of them. */
  void broadcast(SignedBatch batch, Consumer<BroadcastReport> reports);

  /**
   * What the extrinsic did in the block the node says took it, from that block's events: whether it
   * succeeded there. The extrinsics an account signed after it count on its videos, so they are
   * sent only once it succeeded.
   */
  CompletionStage<InBlock> inBlock(SignedBatch batch, String blockHash);

  /** What became of the account's in-flight extrinsics, judged at the finalized head. */
  CompletionStage<Resolution> resolve(AccountId account, List<SignedBatch> inFlight);

  /** Calls the listener with each new finalized block number until the handle is closed. */
  AutoCloseable onFinalizedHead(LongConsumer listener);

  /** The account's free balance at the best block. */
  CompletionStage<BigInteger> freeBalance(AccountId account);

  /**
   * A request to sign.
   *
   * @param nonce the nonce to use when {@code nonceFixed}; otherwise the least nonce to use, the
   *     chain's next index for the account when that is higher
   * @param forgottenUpTo the last block of a creation the account no longer remembers: Orion's "not
   *     found" counts only once it has processed that block
   * @param earlier the account's extrinsics in flight before this one: the videos of those the best
   *     block does not hold yet (by the account's nonce there) count in their channels' app-action
   *     nonces as if they were created, since this one can only come after them
   */
  record Preparation(
      long memberId,
      long nonce,
      boolean nonceFixed,
      SignedBatch.Mode mode,
      List<BatchItem> candidates,
      long forgottenUpTo,
      List<SignedBatch> earlier) {
    public Preparation {
      candidates = List.copyOf(candidates);
      earlier = List.copyOf(earlier);
    }
  }

  /** The answer for one video, found without an extrinsic or given by one. */
  record Answer(BatchItem item, CreationResult result) {}

  /** What came of a preparation. */
  sealed interface Prepared {
    /** Answers found without signing (already on chain, or refused) and candidates left over. */
    List<Answer> answered();

    List<BatchItem> leftover();
  }

  /**
   * An extrinsic was signed (not yet sent).
   *
   * @param countedOn the nonces of the earlier extrinsics whose videos its app-action nonces count
   *     although the best block did not hold them: it may be sent only once they succeeded
   */
  record Signed(
      SignedBatch batch, List<Answer> answered, List<BatchItem> leftover, List<Long> countedOn)
      implements Prepared {
    public Signed {
      answered = List.copyOf(answered);
      leftover = List.copyOf(leftover);
      countedOn = List.copyOf(countedOn);
    }
  }

  /** Nothing needed signing: every candidate was answered or left over. */
  record NothingSigned(List<Answer> answered, List<BatchItem> leftover) implements Prepared {
    public NothingSigned {
      answered = List.copyOf(answered);
      leftover = List.copyOf(leftover);
    }
  }

  /** The account cannot pay for the batch; nothing was signed. */
  record CannotPay(String detail, List<BatchItem> leftover) implements Prepared {
    public CannotPay {
      leftover = List.copyOf(leftover);
    }

    @Override
    public List<Answer> answered() {
      return List.of();
    }
  }

  /**
   * What an extrinsic did in a block: {@code SUCCEEDED}, {@code FAILED} (its error in {@code
   * detail}), or {@code UNKNOWN} (the block does not hold it, or it could not be read).
   */
  record InBlock(InBlockOutcome outcome, String detail) {}

  enum InBlockOutcome {
    SUCCEEDED,
    FAILED,
    UNKNOWN
  }

  /** One thing the node said about a broadcast extrinsic (by its nonce and hash). */
  record BroadcastReport(long nonce, String txHash, Heard heard, String detail) {}

  enum Heard {
    IN_POOL,
    IN_BLOCK,
    RETRACTED,
    FINALIZED,
    DROPPED,
    INVALID,
    USURPED,
    CONNECTION_LOST,
    /** 1010 outdated: the nonce is used already. */
    STALE,
    /** 1010 cannot pay the fee. */
    CANNOT_PAY,
    /** 1010 bad signature: a runtime upgrade, or a key or chain mix-up. */
    BAD_SIGNATURE,
    /**
     * 1010 bad signature from an extrinsic that can no longer land at the best block: its mortal
     * era ended there, or it was signed for an older runtime. No fault of the extrinsic's; finality
     * settles it.
     */
    CANNOT_LAND,
    /** 1014: another transaction with the same nonce is in the pool. */
    PRIORITY_TOO_LOW,
    /** Any other refusal (ancient birth block, exhausts resources, banned, ...). */
    REJECTED,
    /** The submission failed without an answer (connection, timeout): outcome unknown. */
    NO_ANSWER
  }

  /**
   * The verdicts on the in-flight extrinsics at the finalized head.
   *
   * @param accountNonce the account's nonce in the finalized state
   */
  record Resolution(
      long finalizedNumber, long accountNonce, BigInteger freeBalance, List<Verdict> verdicts) {
    public Resolution {
      verdicts = List.copyOf(verdicts);
    }
  }

  sealed interface Verdict {
    long nonce();
  }

  /**
   * Our extrinsic is in a finalized block.
   *
   * @param created the VideoCreated events of the extrinsic, in order
   * @param error the extrinsic's (batch_all) or the interrupted item's (batch) error, if any
   * @param interruptedAt for utility.batch: the index of the item that failed
   * @param updated the videos of the extrinsic's VideoUpdated events, in order
   */
  record Landed(
      long nonce,
      long blockNumber,
      String blockHash,
      List<VideoCreatedEvent> created,
      java.util.Optional<String> error,
      OptionalLong interruptedAt,
      List<Long> updated)
      implements Verdict {
    public Landed {
      created = List.copyOf(created);
      updated = List.copyOf(updated);
    }

    /** An extrinsic of creations only. */
    public Landed(
        long nonce,
        long blockNumber,
        String blockHash,
        List<VideoCreatedEvent> created,
        java.util.Optional<String> error,
        OptionalLong interruptedAt) {
      this(nonce, blockNumber, blockHash, created, error, interruptedAt, List.of());
    }
  }

  /** A VideoCreated event: the video and its data objects, media first. */
  record VideoCreatedEvent(long channelId, long videoId, List<Long> assetIds) {
    public VideoCreatedEvent {
      assetIds = List.copyOf(assetIds);
    }
  }

  /**
   * It is not in the finalized chain and can never be: its era ended or the runtime changed.
   *
   * @param runtimeChanged it was signed for a runtime the finalized chain has left (an upgrade):
   *     nothing was wrong with its videos, so signing them again is no failed attempt
   */
  record NeverLands(long nonce, String reason, boolean runtimeChanged) implements Verdict {
    /** One whose era ended unused. */
    public NeverLands(long nonce, String reason) {
      this(nonce, reason, false);
    }
  }

  /** The nonce was used, by another extrinsic than ours. */
  record TakenByOther(long nonce) implements Verdict {}

  /** Not decided yet: it may still land. */
  record Pending(long nonce) implements Verdict {}
}
