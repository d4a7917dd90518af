package io.joysync.engine.publish;

import io.joysync.engine.publish.SignerAccount.State;
import java.time.Duration;
import java.time.Instant;

/**
 * When an account sends an in-flight extrinsic again, always as the very same bytes (so it can land
 * at most once): after the node dropped it, found it invalid or lost the connection, with a growing
 * backoff; and when it was sent but no block took it for a few finalized blocks (a silent drop, or
 * a node restart that lost its pool). Never once it is in a block, its era has ended at the
 * finalized head, or the node said it can no longer land (its era ended at the best block, or it
 * was signed for an older runtime: during a finality stall the finalized head cannot tell).
 */
final class Resending {
  private final AccountContext a;
  private final AccountWork w;
  private final Signing signing;

  Resending(AccountContext account, Signing signing) {
    this.a = account;
    this.w = account.work();
    this.signing = signing;
  }

  void due(State state, Instant now) {
    for (SignedBatch b : state.inFlight()) {
      AccountWork.Track t = w.track(b.nonce());
      if (t.included
          || t.cannotLand
          || (w.latestFinalized >= 0 && b.deathBlock() <= w.latestFinalized)) {
        continue;
      }
      if (t.sends > 0 && t.sentAtFinalized < 0) {
        t.sentAtFinalized = w.latestFinalized;
      }
      boolean silent =
          !t.resend
              && t.sends > 0
              && w.latestFinalized - t.sentAtFinalized >= a.settings().rebroadcastAfterBlocks();
      boolean due = t.resend && !now.isBefore(t.sentAt.plus(backoff(t.sends)));
      if (silent || due) {
        signing.broadcast(b);
      }
    }
  }

  private Duration backoff(int sends) {
    Duration min = a.settings().retryBackoffMin();
    Duration wait = min.multipliedBy(1L << Math.min(Math.max(sends - 1, 0), 10));
    return wait.compareTo(a.settings().retryBackoffMax()) > 0
        ? a.settings().retryBackoffMax()
        : wait;
  }
}
