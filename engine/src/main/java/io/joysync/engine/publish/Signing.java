package io.joysync.engine.publish;

import io.joysync.engine.publish.AccountChain.Answer;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.engine.publish.CreationResult.Updated;
import io.joysync.engine.publish.SignerAccount.Backlog;
import io.joysync.engine.publish.SignerAccount.Command;
import io.joysync.engine.publish.SignerAccount.Event;
import io.joysync.engine.publish.SignerAccount.State;
import io.joysync.engine.publish.SignerAccount.VideosAnswered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.slf4j.event.Level;

/**
 * How an account takes requests and signs: a request that finds none waiting opens a short
 * gathering window (later ones join it and do not open another, so none is held back by a newer
 * one; it closes early once enough wait to fill an extrinsic as full as the last full one), then
 * the videos put back from failed extrinsics (first) or the waiting requests are prepared into one
 * extrinsic, which is persisted and only then broadcast. An account signs only once it has
 * reconciled and with fewer extrinsics in flight than allowed. It signs the next when every earlier
 * one is in a block (a nonce whose extrinsic expired is signed again at once) or, while enough
 * requests wait to fill an extrinsic as full as its last full one, ahead: that one is held back
 * until the earlier ones succeeded in a block ({@link HeldExtrinsics}), so the account still puts
 * one extrinsic into each block, but into every block. Its app-action nonces count the videos of
 * the earlier extrinsics, which always execute before it (consecutive nonces); held until they
 * succeeded, it is never sent with nonces they could make wrong.
 */
final class Signing {
  static final int MAX_CANDIDATES = 1024;
  private static final String GATHER = "gather";
  private static final String RETRY = "retry";

  private final AccountContext a;
  private final AccountWork w;
  private final HeldExtrinsics held;

  Signing(AccountContext account) {
    this.a = account;
    this.w = account.work();
    this.held = new HeldExtrinsics(account, this);
  }

  HeldExtrinsics held() {
    return held;
  }

  ReplyEffect<Event, State> onCreate(
      EffectFactories<Event, State> effect, State state, SignerAccount.Create c) {
    String id = c.video().ytVideoId();
    ActorRef<CreationResult> replyTo = c.replyTo();
    Optional<Refused> bad = RequestCheck.refusal(c.video(), a.settings().maxMetadataBytes());
    if (bad.isPresent()) {
      return effect.reply(replyTo, bad.get());
    }
    Optional<Created> done = state.recent().find(id);
    if (done.isPresent()) {
      return effect.reply(replyTo, done.get());
    }
    if (state.holdsInFlight(id) || state.holdsInBacklog(id) || w.isWaiting(id)) {
      w.join(id, replyTo);
      return effect.noReply();
    }
    Optional<Refused> stopped = w.health.refusal(id);
    if (stopped.isPresent()) {
      return effect.reply(replyTo, stopped.get());
    }
    if (w.waitingFull()) {
      return effect.reply(
          replyTo,
          new Refused(
              id,
              Refused.UNAVAILABLE,
              "the signer account has " + AccountWork.MAX_WAITING + " requests waiting",
              true));
    }
    return enqueue(effect, BatchItem.requested(c.video(), replyTo));
  }

  /**
   * An edit to put on a created video: answered from memory when this edit is on chain already,
   * joined to the same edit when it is on its way, otherwise queued with the creations.
   */
  ReplyEffect<Event, State> onUpdate(
      EffectFactories<Event, State> effect, State state, SignerAccount.Update c) {
    VideoUpdate update = c.update();
    String key = update.key();
    ActorRef<CreationResult> replyTo = c.replyTo();
    Optional<Refused> bad = RequestCheck.refusal(update, a.settings().maxMetadataBytes());
    if (bad.isPresent()) {
      return effect.reply(replyTo, bad.get());
    }
    Optional<Updated> done = state.recent().findUpdate(key);
    if (done.isPresent()) {
      return effect.reply(replyTo, done.get());
    }
    if (state.holdsInFlight(key) || state.holdsInBacklog(key) || w.isWaiting(key)) {
      w.join(key, replyTo);
      return effect.noReply();
    }
    Optional<Refused> stopped = w.health.refusal(update.ytVideoId());
    if (stopped.isPresent()) {
      return effect.reply(replyTo, stopped.get());
    }
    if (w.waitingFull()) {
      return effect.reply(
          replyTo,
          new Refused(
              update.ytVideoId(),
              Refused.UNAVAILABLE,
              "the signer account has " + AccountWork.MAX_WAITING + " requests waiting",
              true));
    }
    return enqueue(effect, BatchItem.requested(update, replyTo));
  }

  private ReplyEffect<Event, State> enqueue(EffectFactories<Event, State> effect, BatchItem item) {
    boolean first = !w.hasWaiting();
    w.enqueue(item);
    if (w.fullBatchSize > 0 && w.waitingCount() == w.fullBatchSize) {
      // Enough wait to fill an extrinsic: gathering longer only holds them back.
      a.timers().cancel(GATHER);
      a.self().tell(SignerAccount.Proceed.INSTANCE);
    } else if (first && !a.timers().isTimerActive(GATHER)) {
      a.timers()
          .startSingleTimer(GATHER, SignerAccount.Proceed.INSTANCE, a.settings().gatheringWindow());
    }
    return effect.noReply();
  }

  /** Signs the next extrinsic when the account may; answers unsigned work while it is stopped. */
  ReplyEffect<Event, State> next(EffectFactories<Event, State> effect, State state) {
    if (w.health.paused()) {
      return release(effect, state);
    }
    if (!w.reconciled
        || w.preparing
        || !w.health.maySign(a.now())
        || a.timers().isTimerActive(GATHER)
        || state.inFlight().size() >= a.settings().maxExtrinsicsInFlight()) {
      return effect.noReply();
    }
    boolean refill = !state.vacantNonces().isEmpty() && !state.inFlight().isEmpty();
    if (!refill && !w.allIncluded(state.inFlight()) && !mayPrepareAhead(state)) {
      return effect.noReply();
    }
    List<BatchItem> candidates;
    SignedBatch.Mode mode = SignedBatch.Mode.ALL;
    if (!state.backlog().isEmpty()) {
      Backlog first = state.backlog().get(0);
      List<BatchItem> exhausted =
          first.items().stream().filter(i -> i.attempts() >= a.settings().maxAttempts()).toList();
      if (!exhausted.isEmpty()) {
        return answer(effect, exhausted, this::tooManyAttempts);
      }
      candidates = first.items();
      mode = first.mode();
    } else if (w.hasWaiting()) {
      candidates = w.firstWaiting(MAX_CANDIDATES);
    } else {
      return effect.noReply();
    }
    boolean fixed = !state.inFlight().isEmpty();
    long nonce = fixed ? state.nonceAfterInFlight() : leastNonce(state);
    List<SignedBatch> earlier = state.inFlight().stream().filter(b -> b.nonce() < nonce).toList();
    w.preparing = true;
    w.preparedAfterSetbacks = w.setbacks;
    a.actor()
        .pipeToSelf(
            a.chain()
                .prepare(
                    a.key(),
                    new AccountChain.Preparation(
                        a.memberId(),
                        nonce,
                        fixed,
                        mode,
                        candidates,
                        state.recent().forgottenUpTo(),
                        earlier)),
            (prepared, error) ->
                error == null
                    ? new SignerAccount.Prepared(prepared)
                    : new SignerAccount.PreparationFailed(describe(error)));
    return effect.noReply();
  }

  ReplyEffect<Event, State> onPrepared(
      EffectFactories<Event, State> effect, State state, AccountChain.Prepared outcome) {
    w.preparing = false;
    if (outcome instanceof AccountChain.CannotPay c) {
      stopTakingWork(AccountHealth.Mode.PAUSED_LOW_FUNDS, c.detail());
      return next(effect, state);
    }
    w.health.succeeded();
    List<Event> events = new ArrayList<>();
    answeredEvent(outcome.answered()).ifPresent(events::add);
    Set<String> done = new HashSet<>();
    outcome.answered().forEach(x -> done.add(x.item().key()));
    Optional<SignedBatch> batch = Optional.empty();
    List<Long> countedOn = List.of();
    if (outcome instanceof AccountChain.Signed s) {
      SignedBatch b = s.batch();
      boolean expected =
          state.inFlight().isEmpty()
              ? b.nonce() >= leastNonce(state)
              : b.nonce() == state.nonceAfterInFlight();
      if (state.inFlight(b.nonce()).isPresent() || !expected) {
        a.line(Level.WARN)
            .addKeyValue("extrinsicHash", b.txHash())
            .log(
                "member {}: discarding extrinsic signed with stale nonce {}",
                a.memberId(),
                b.nonce());
        a.self().tell(SignerAccount.Proceed.INSTANCE);
        return effect.noReply();
      }
      if (!s.countedOn().isEmpty() && w.preparedAfterSetbacks != w.setbacks) {
        a.line(Level.INFO)
            .addKeyValue("extrinsicHash", b.txHash())
            .log(
                "member {}: discarding extrinsic {}: an earlier one it counted on failed meanwhile",
                a.memberId(),
                b.nonce());
        a.self().tell(SignerAccount.Proceed.INSTANCE);
        return effect.noReply();
      }
      events.add(new SignerAccount.ExtrinsicSigned(a.memberId(), b));
      b.items().forEach(i -> done.add(i.key()));
      batch = Optional.of(b);
      countedOn = s.countedOn();
      if (!outcome.leftover().isEmpty()) {
        w.fullBatchSize = b.items().size();
      }
    } else if (!outcome.leftover().isEmpty()) {
      retryLater("Orion or the chain could not give the channels' video counts yet");
    }
    Optional<SignedBatch> signed = batch;
    List<Long> counted = countedOn;
    return effect
        .persist(events)
        .thenRun(
            after -> {
              w.removeWaiting(done);
              outcome.answered().forEach(x -> w.answer(x.item(), x.result()));
              signed.ifPresent(b -> held.sendOrHold(after, b, counted));
              a.self().tell(SignerAccount.Proceed.INSTANCE);
            })
        .thenNoReply();
  }

  /**
   * Whether the account may sign before every earlier extrinsic is in a block: only new requests
   * (the videos of failed extrinsics wait for what is in flight), enough of them waiting to fill an
   * extrinsic as full as the last full one, and nothing in flight in trouble or unheard of.
   */
  private boolean mayPrepareAhead(State state) {
    return state.backlog().isEmpty()
        && w.fullBatchSize > 0
        && w.waitingCount() >= w.fullBatchSize
        && w.mayBuildOn(state.inFlight());
  }

  ReplyEffect<Event, State> onFailure(EffectFactories<Event, State> effect, String error) {
    w.preparing = false;
    retryLater(error);
    return effect.noReply();
  }

  /**
   * With nothing in flight: a nonce whose extrinsic expired is signed again first; otherwise the
   * chain's next index, never below the account's own next nonce (a lagging node must not make it
   * sign a used nonce).
   */
  private static long leastNonce(State state) {
    return state.vacantNonces().isEmpty()
        ? Math.max(0, state.nextNonce())
        : state.vacantNonces().get(0);
  }

  /** Sends (or sends again) the very bytes recorded for the extrinsic. */
  void broadcast(SignedBatch batch) {
    AccountWork.Track t = w.track(batch.nonce());
    t.sends++;
    t.sentAt = a.now();
    t.sentAtFinalized = w.latestFinalized;
    t.resend = false;
    ActorRef<Command> self = a.self();
    a.chain().broadcast(batch, report -> self.tell(new SignerAccount.Heard(report)));
  }

  /** The account stops signing for a while; its unsigned work is answered on the next step. */
  void stopTakingWork(AccountHealth.Mode mode, String error) {
    if (!w.health.paused()) {
      w.meters.failure(mode.name().toLowerCase());
      String code = mode == AccountHealth.Mode.FENCED ? "ACCOUNT_FENCED" : "ACCOUNT_LOW_FUNDS";
      a.line(Level.ERROR)
          .log(
              "{} member {} ({}): {}; publishing on this account stops for {}",
              code,
              a.memberId(),
              a.key().address(),
              error,
              a.settings().pauseRecheck());
    }
    w.health.pause(mode, error, a.now(), a.settings().pauseRecheck());
  }

  private void retryLater(String error) {
    Duration wait =
        w.health.failed(
            error, a.now(), a.settings().retryBackoffMin(), a.settings().retryBackoffMax());
    w.meters.failure("retry");
    a.line(Level.WARN).log("member {}: signing waits {}: {}", a.memberId(), wait, error);
    a.timers().startSingleTimer(RETRY, SignerAccount.Proceed.INSTANCE, wait);
  }

  /** Answers the waiting requests and the backlog while the account does not take work. */
  private ReplyEffect<Event, State> release(EffectFactories<Event, State> effect, State state) {
    List<BatchItem> backlog = state.backlog().stream().flatMap(b -> b.items().stream()).toList();
    for (BatchItem item : w.drainWaiting()) {
      w.health.refusal(item.ytVideoId()).ifPresent(r -> w.answer(item, r));
    }
    if (backlog.isEmpty()) {
      return effect.noReply();
    }
    return answer(effect, backlog, i -> w.health.refusal(i.ytVideoId()).orElseThrow());
  }

  private ReplyEffect<Event, State> answer(
      EffectFactories<Event, State> effect,
      List<BatchItem> items,
      java.util.function.Function<BatchItem, CreationResult> result) {
    List<Answer> answers = items.stream().map(i -> new Answer(i, result.apply(i))).toList();
    return effect
        .persist(answeredEvent(answers).orElseThrow())
        .thenRun(
            after -> {
              answers.forEach(x -> w.answer(x.item(), x.result()));
              a.self().tell(SignerAccount.Proceed.INSTANCE);
            })
        .thenNoReply();
  }

  private Refused tooManyAttempts(BatchItem item) {
    return new Refused(
        item.ytVideoId(),
        Refused.TOO_MANY_ATTEMPTS,
        "its extrinsic failed "
            + item.attempts()
            + " times; "
            + w.health.lastError().orElse("see the signer's log"),
        true);
  }

  private Optional<Event> answeredEvent(List<Answer> answers) {
    if (answers.isEmpty()) {
      return Optional.empty();
    }
    List<Created> created = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    List<Updated> updated = new ArrayList<>();
    for (Answer x : answers) {
      if (x.result() instanceof Created c) {
        created.add(c);
      } else if (x.result() instanceof Refused r) {
        refused.add(r);
      } else if (x.result() instanceof Updated u) {
        updated.add(u);
      }
    }
    return Optional.of(new VideosAnswered(a.memberId(), created, refused, a.now(), updated));
  }

  static String describe(Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
