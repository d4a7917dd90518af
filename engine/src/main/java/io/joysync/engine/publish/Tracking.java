package io.joysync.engine.publish;

import io.joysync.engine.publish.AccountChain.BroadcastReport;
import io.joysync.engine.publish.AccountChain.Landed;
import io.joysync.engine.publish.AccountChain.NeverLands;
import io.joysync.engine.publish.AccountChain.Pending;
import io.joysync.engine.publish.AccountChain.Resolution;
import io.joysync.engine.publish.AccountChain.TakenByOther;
import io.joysync.engine.publish.AccountChain.Verdict;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.engine.publish.SignerAccount.Event;
import io.joysync.engine.publish.SignerAccount.State;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.slf4j.event.Level;

/**
 * How an account follows its extrinsics to finality and reconciles after a restart. Whatever the
 * node says of a broadcast (in a block, dropped, invalid, usurped) only steers what to do next;
 * what happened is decided at the finalized head ({@link AccountChain#resolve}): landed (its events
 * settle its videos), never lands (its era ended unused: the nonce is signed again with the same
 * videos), or taken by another extrinsic (another writer: the account fences itself). An extrinsic
 * that may still land is only ever sent again as the very same bytes. After a restart the account
 * resolves everything it had in flight before it signs anything new.
 */
final class Tracking {
  private static final String TICK = "tick";
  private static final Duration RESOLVE_AT_LEAST_EVERY = Duration.ofSeconds(10);

  private final AccountContext a;
  private final AccountWork w;
  private final Signing signing;
  private final Resending resending;
  private final HeldExtrinsics held;

  Tracking(AccountContext account, Signing signing) {
    this.a = account;
    this.w = account.work();
    this.signing = signing;
    this.resending = new Resending(account, signing);
    this.held = signing.held();
  }

  /** After recovery: listen to finalized heads, tick, and reconcile what is in flight. */
  void start(State state) {
    a.timers()
        .startTimerWithFixedDelay(TICK, SignerAccount.Tick.INSTANCE, a.settings().checkInterval());
    var self = a.self();
    w.heads = a.chain().onFinalizedHead(n -> self.tell(new SignerAccount.FinalizedHead(n)));
    w.finalizedMovedAt = a.now();
    state.inFlight().forEach(b -> w.track(b.nonce()));
    if (state.inFlight().isEmpty()) {
      reconciled();
    } else {
      a.line(Level.INFO)
          .log(
              "member {}: reconciling {} extrinsics in flight (nonces {} to {}) before signing",
              a.memberId(),
              state.inFlight().size(),
              state.inFlight().get(0).nonce(),
              state.inFlight().get(state.inFlight().size() - 1).nonce());
      resolve(state);
    }
  }

  void stop() {
    if (w.heads != null) {
      try {
        w.heads.close();
      } catch (Exception e) {
        a.log().debug("closing the finalized-head listener failed", e);
      }
    }
  }

  ReplyEffect<Event, State> onWake(EffectFactories<Event, State> effect, State state) {
    var self = a.self();
    a.chain()
        .freeBalance(a.key().accountId())
        .whenComplete(
            (free, error) -> {
              if (error == null) {
                self.tell(new SignerAccount.BalanceRead(free));
              }
            });
    return onTick(effect, state);
  }

  ReplyEffect<Event, State> onBalance(EffectFactories<Event, State> effect, BigInteger free) {
    w.freeBalance = Optional.of(free);
    return effect.noReply();
  }

  ReplyEffect<Event, State> onTick(EffectFactories<Event, State> effect, State state) {
    Instant now = a.now();
    if (w.health.recheckDue(now)) {
      w.health.resume();
      a.line(Level.INFO)
          .log(
              "member {}: looking again after the pause: {}",
              a.memberId(),
              w.health.lastError().orElse(""));
    }
    if (!state.inFlight().isEmpty()) {
      if (w.latestFinalized > w.resolvedAtFinalized
          || !w.lastResolve.plus(RESOLVE_AT_LEAST_EVERY).isAfter(now)) {
        resolve(state);
      }
      warnOnStall(now);
      resending.due(state, now);
    }
    return signing.next(effect, state);
  }

  ReplyEffect<Event, State> onFinalizedHead(
      EffectFactories<Event, State> effect, State state, SignerAccount.FinalizedHead head) {
    if (head.number() > w.latestFinalized) {
      w.latestFinalized = head.number();
      w.finalizedMovedAt = a.now();
      if (w.stallWarned) {
        w.stallWarned = false;
        a.line(Level.INFO)
            .log("FINALITY_RESUMED member {}: block {} is final", a.memberId(), head.number());
      }
      resolve(state);
    }
    return effect.noReply();
  }

  ReplyEffect<Event, State> onReport(
      EffectFactories<Event, State> effect, State state, BroadcastReport report) {
    boolean ours =
        state.inFlight(report.nonce()).map(b -> b.txHash().equals(report.txHash())).orElse(false);
    if (!ours) {
      return effect.noReply();
    }
    AccountWork.Track t = w.track(report.nonce());
    switch (report.heard()) {
      case IN_POOL -> {}
      case IN_BLOCK -> {
        t.included = true;
        t.blockHash = report.detail();
        t.outcome = AccountChain.InBlockOutcome.UNKNOWN;
        state.inFlight(report.nonce()).ifPresent(b -> held.check(b, report.detail()));
        return signing.next(effect, state);
      }
      case RETRACTED -> {
        t.included = false;
        t.outcome = AccountChain.InBlockOutcome.UNKNOWN;
      }
      case FINALIZED, STALE -> resolve(state);
      case DROPPED, INVALID -> {
        t.included = false;
        t.resend = true;
      }
      case CONNECTION_LOST, NO_ANSWER -> t.resend = !t.included;
      case CANNOT_PAY -> {
        t.resend = true;
        signing.stopTakingWork(
            AccountHealth.Mode.PAUSED_LOW_FUNDS, "the pool refused: " + report.detail());
        return signing.next(effect, state);
      }
      case CANNOT_LAND -> {
        t.included = false;
        t.resend = false;
        if (!t.cannotLand) {
          t.cannotLand = true;
          a.line(Level.INFO)
              .addKeyValue("extrinsicHash", report.txHash())
              .log(
                  "member {}: extrinsic {} can no longer land ({}); it is not sent again, and"
                      + " finality settles it",
                  a.memberId(),
                  report.nonce(),
                  report.detail());
        }
      }
      case BAD_SIGNATURE, REJECTED -> {
        t.resend = true;
        t.invalid = true;
        w.health.note("the node refused extrinsic " + report.nonce() + ": " + report.detail());
        a.line(Level.WARN)
            .log(
                "member {}: the node refused extrinsic {} ({}): {}",
                a.memberId(),
                report.nonce(),
                report.heard(),
                report.detail());
      }
      case PRIORITY_TOO_LOW, USURPED -> {
        signing.stopTakingWork(
            AccountHealth.Mode.FENCED,
            "another writer uses nonce " + report.nonce() + " (" + report.detail() + ")");
        resolve(state);
        return signing.next(effect, state);
      }
    }
    return effect.noReply();
  }

  ReplyEffect<Event, State> onResolveFailed(EffectFactories<Event, State> effect, String error) {
    w.resolving = false;
    w.health.note("could not check its extrinsics on chain: " + error);
    a.line(Level.WARN)
        .log("member {}: could not check its extrinsics on chain: {}", a.memberId(), error);
    return effect.noReply();
  }

  ReplyEffect<Event, State> onResolved(
      EffectFactories<Event, State> effect, State state, Resolution resolution) {
    w.resolving = false;
    w.resolvedAtFinalized = Math.max(w.resolvedAtFinalized, resolution.finalizedNumber());
    w.latestFinalized = Math.max(w.latestFinalized, resolution.finalizedNumber());
    w.freeBalance = Optional.of(resolution.freeBalance());
    boolean first = !w.reconciled;
    List<Event> events = new ArrayList<>();
    List<Runnable> after = new ArrayList<>();
    long unclean = Long.MAX_VALUE;
    Set<Long> setbacks = new HashSet<>();
    Set<Long> judged = new HashSet<>();
    for (Verdict v : resolution.verdicts()) {
      if (state.inFlight(v.nonce()).isPresent()) {
        boolean clean = v instanceof Landed l && l.error().isEmpty();
        unclean = clean ? unclean : Math.min(unclean, v.nonce());
        if (!clean && !(v instanceof Pending)) {
          setbacks.add(v.nonce());
        }
        if (!(v instanceof Pending)) {
          judged.add(v.nonce());
        }
      }
    }
    long firstUnclean = unclean;
    for (Verdict v : resolution.verdicts()) {
      state
          .inFlight(v.nonce())
          .ifPresent(batch -> judge(state, batch, v, first, firstUnclean, events, after));
    }
    if (!setbacks.isEmpty()) {
      w.setbacks++;
      List<Event> withdrawn =
          held.withdrawAfter(
              state, setbacks, judged, "extrinsics it counted on did not go through " + setbacks);
      events.addAll(withdrawn);
      after.add(() -> held.forget(withdrawn));
    }
    if (first) {
      reconciled();
    }
    if (events.isEmpty()) {
      held.release(state);
      resending.due(state, a.now());
      return signing.next(effect, state);
    }
    return effect
        .persist(events)
        .thenRun(
            next -> {
              after.forEach(Runnable::run);
              held.release(next);
              resending.due(next, a.now());
              a.self().tell(SignerAccount.Proceed.INSTANCE);
            })
        .thenNoReply();
  }

  /**
   * @param firstUnclean the least nonce in flight that did not land cleanly (yet): after a restart
   *     an undecided extrinsic after it may have been signed counting on it, so it is held back
   *     rather than sent again
   */
  private void judge(
      State state,
      SignedBatch batch,
      Verdict v,
      boolean first,
      long firstUnclean,
      List<Event> events,
      List<Runnable> after) {
    long nonce = batch.nonce();
    if (v instanceof Landed landed) {
      Settlement s = Settlement.of(a.memberId(), batch, landed, a.now());
      events.add(s.event());
      after.add(
          () -> {
            w.forget(nonce);
            w.created.add(s.event().created().size(), a.now());
            w.meters.settled(s.event().created().size(), s.event().refused().size());
            s.answers().forEach(x -> w.answer(x.item(), x.result()));
            s.trouble().ifPresent(t -> signing.stopTakingWork(t.mode(), t.error()));
            a.line(Level.INFO)
                .addKeyValue("extrinsicHash", batch.txHash())
                .log(
                    "member {}: extrinsic {} final in block {}: {} created, {} refused, {} again",
                    a.memberId(),
                    nonce,
                    landed.blockNumber(),
                    s.event().created().size(),
                    s.event().refused().size(),
                    s.event().requeued().size());
          });
    } else if (v instanceof NeverLands never) {
      boolean counted =
          !never.runtimeChanged() && w.existingTrack(nonce).map(t -> t.invalid).orElse(false);
      events.add(new SignerAccount.ExtrinsicExpired(a.memberId(), nonce, never.reason(), counted));
      after.add(
          () -> {
            w.forget(nonce);
            w.meters.failure("extrinsic_expired");
            a.line(Level.INFO)
                .addKeyValue("extrinsicHash", batch.txHash())
                .log(
                    "member {}: extrinsic {} can never land ({}); its {} videos are signed again"
                        + " with the same nonce",
                    a.memberId(),
                    nonce,
                    never.reason(),
                    batch.items().size());
          });
    } else if (v instanceof TakenByOther) {
      List<Refused> refused =
          batch.items().stream()
              .map(
                  i ->
                      new Refused(
                          i.ytVideoId(),
                          Refused.ACCOUNT_FENCED,
                          "another extrinsic used the nonce of the one holding it",
                          true))
              .toList();
      events.add(new SignerAccount.NonceTakenElsewhere(a.memberId(), nonce, refused));
      after.add(
          () -> {
            w.forget(nonce);
            for (int i = 0; i < refused.size(); i++) {
              w.answer(batch.items().get(i), refused.get(i));
            }
            w.meters.failure("nonce_taken");
            signing.stopTakingWork(AccountHealth.Mode.FENCED, "another writer used nonce " + nonce);
          });
    } else if (v instanceof Pending && first) {
      if (firstUnclean < nonce) {
        held.holdAfterRestart(state, batch);
      } else {
        w.track(nonce).resend = true;
      }
    }
  }

  private void reconciled() {
    w.reconciled = true;
    w.health.reconciled();
  }

  private void resolve(State state) {
    if (w.resolving || state.inFlight().isEmpty()) {
      return;
    }
    w.resolving = true;
    w.lastResolve = a.now();
    a.actor()
        .pipeToSelf(
            a.chain().resolve(a.key().accountId(), state.inFlight()),
            (resolution, error) ->
                error == null
                    ? new SignerAccount.Resolved(resolution)
                    : new SignerAccount.ResolveFailed(Signing.describe(error)));
  }

  private void warnOnStall(Instant now) {
    Duration quiet = Duration.between(w.finalizedMovedAt, now);
    if (!w.stallWarned && quiet.compareTo(a.settings().finalityStallWarning()) >= 0) {
      w.stallWarned = true;
      w.health.note("FINALITY_STALLED: no block was finalized for " + quiet);
      a.line(Level.WARN)
          .log(
              "FINALITY_STALLED member {}: no block was finalized for {} (last {}); its videos stay"
                  + " provisional until finality resumes",
              a.memberId(),
              quiet,
              w.latestFinalized);
    }
  }
}
