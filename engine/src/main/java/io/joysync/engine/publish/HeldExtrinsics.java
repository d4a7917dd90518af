package io.joysync.engine.publish;

import io.joysync.engine.publish.AccountChain.InBlockOutcome;
import io.joysync.engine.publish.SignerAccount.Event;
import io.joysync.engine.publish.SignerAccount.ExtrinsicExpired;
import io.joysync.engine.publish.SignerAccount.State;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.slf4j.event.Level;

/**
 * Extrinsics an account signed before the earlier ones were in a block, so that it has the next one
 * ready when the last lands. Their app-action nonces count on the videos of the earlier extrinsics
 * the best block did not hold yet, so each is held back, recorded but not sent, until those
 * succeeded in a block (read from the block's events as soon as the node reports the block, or
 * settled at finality); then it goes out at once and can land in the very next block, and the
 * account still puts at most one extrinsic into each block. When one it counts on fails, can never
 * land or loses its nonce, it is withdrawn: never sent, it can never land, so its nonce is free
 * again at once and its videos are signed again. One held after a restart may have been sent before
 * it, so it is never withdrawn: it waits for what it counts on, or for its era to end.
 */
final class HeldExtrinsics {
  private final AccountContext a;
  private final AccountWork w;
  private final Signing signing;

  HeldExtrinsics(AccountContext account, Signing signing) {
    this.a = account;
    this.w = account.work();
    this.signing = signing;
  }

  /** Sends the freshly recorded extrinsic if those it counts on succeeded, or holds it back. */
  void sendOrHold(State state, SignedBatch batch, List<Long> countedOn) {
    AccountWork.Track t = w.track(batch.nonce());
    t.countedOn = List.copyOf(countedOn);
    if (w.countedOnSucceeded(state.inFlight(), t)) {
      signing.broadcast(batch);
    } else {
      t.held = true;
    }
  }

  /**
   * After a restart: an undecided extrinsic may have been signed counting on every earlier one in
   * flight; it is held back until they succeeded.
   */
  void holdAfterRestart(State state, SignedBatch batch) {
    AccountWork.Track t = w.track(batch.nonce());
    t.held = true;
    t.maybeSent = true;
    t.countedOn =
        state.inFlight().stream().map(SignedBatch::nonce).filter(n -> n < batch.nonce()).toList();
  }

  /** Sends, in nonce order, the held extrinsics whose earlier ones they count on all succeeded. */
  void release(State state) {
    for (SignedBatch b : state.inFlight()) {
      AccountWork.Track t = w.track(b.nonce());
      if (!t.held) {
        continue;
      }
      if (t.untilEraEnds || !w.countedOnSucceeded(state.inFlight(), t)) {
        return;
      }
      t.held = false;
      signing.broadcast(b);
    }
  }

  /** Reads what the extrinsic the node put into a block did there. */
  void check(SignedBatch batch, String blockHash) {
    a.actor()
        .pipeToSelf(
            a.chain().inBlock(batch, blockHash),
            (result, error) ->
                new SignerAccount.InBlockChecked(
                    batch.nonce(),
                    batch.txHash(),
                    blockHash,
                    error == null
                        ? result
                        : new AccountChain.InBlock(
                            InBlockOutcome.UNKNOWN, Signing.describe(error))));
  }

  ReplyEffect<Event, State> onChecked(
      EffectFactories<Event, State> effect, State state, SignerAccount.InBlockChecked c) {
    boolean ours = state.inFlight(c.nonce()).map(b -> b.txHash().equals(c.txHash())).orElse(false);
    AccountWork.Track t = w.track(c.nonce());
    if (!ours || !t.included || !t.blockHash.equals(c.blockHash())) {
      return effect.noReply();
    }
    t.outcome = c.result().outcome();
    if (t.outcome == InBlockOutcome.FAILED) {
      w.setbacks++;
      List<Event> withdrawn =
          withdrawAfter(
              state,
              Set.of(c.nonce()),
              Set.of(),
              "extrinsic " + c.nonce() + " it counted on failed in its block");
      if (!withdrawn.isEmpty()) {
        return effect
            .persist(withdrawn)
            .thenRun(
                next -> {
                  forget(withdrawn);
                  a.self().tell(SignerAccount.Proceed.INSTANCE);
                })
            .thenNoReply();
      }
    } else if (t.outcome == InBlockOutcome.SUCCEEDED) {
      release(state);
    }
    return signing.next(effect, state);
  }

  /**
   * The events withdrawing every held extrinsic that counts on one of the given ones that did not
   * go through, or on one withdrawn for that (but those in {@code judged}, which have an event of
   * their own already).
   */
  List<Event> withdrawAfter(State state, Set<Long> failed, Set<Long> judged, String reason) {
    Set<Long> gone = new HashSet<>(failed);
    List<Event> events = new ArrayList<>();
    for (SignedBatch b : state.inFlight()) {
      AccountWork.Track t = w.track(b.nonce());
      if (judged.contains(b.nonce()) || !t.held || t.countedOn.stream().noneMatch(gone::contains)) {
        continue;
      }
      gone.add(b.nonce());
      if (t.maybeSent) {
        // Sent before a restart, it may still land: neither sent again nor withdrawn, its era
        // decides (then its nonce is signed again as for any extrinsic that can never land).
        t.untilEraEnds = true;
        continue;
      }
      events.add(
          new ExtrinsicExpired(
              a.memberId(), b.nonce(), "withdrawn before it was sent: " + reason, false));
    }
    return events;
  }

  /** Forgets what was heard of withdrawn extrinsics, once their events are persisted. */
  void forget(List<Event> withdrawn) {
    for (Event e : withdrawn) {
      if (e instanceof ExtrinsicExpired x) {
        w.forget(x.nonce());
        a.line(Level.INFO)
            .log(
                "member {}: extrinsic {} {}; its videos are signed again",
                a.memberId(),
                x.nonce(),
                x.reason());
      }
    }
  }
}
