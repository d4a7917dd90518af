package io.joysync.engine.publish;

import io.joysync.engine.publish.CreationResult.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an account signs now, and the last trouble it met. An account reconciles first; a
 * transient failure of the chain or Orion makes it retry after a backoff; an account that cannot
 * pay, or whose nonces another writer uses, stops taking work for a while and looks again.
 */
final class AccountHealth {
  enum Mode {
    RECONCILING,
    ACTIVE,
    RETRYING,
    PAUSED_LOW_FUNDS,
    FENCED
  }

  private Mode mode = Mode.RECONCILING;
  private Instant until = Instant.MIN;
  private int failures;
  private Optional<String> lastError = Optional.empty();

  Mode mode() {
    return mode;
  }

  Optional<String> lastError() {
    return lastError;
  }

  /** Whether the account may sign at {@code now}. */
  boolean maySign(Instant now) {
    return mode == Mode.ACTIVE || (mode == Mode.RETRYING && !now.isBefore(until));
  }

  boolean paused() {
    return mode == Mode.PAUSED_LOW_FUNDS || mode == Mode.FENCED;
  }

  /** A paused or fenced account's time to look again has come. */
  boolean recheckDue(Instant now) {
    return paused() && !now.isBefore(until);
  }

  /** Records trouble that does not change whether the account signs. */
  void note(String error) {
    lastError = Optional.of(error);
  }

  void reconciled() {
    if (mode == Mode.RECONCILING) {
      mode = Mode.ACTIVE;
    }
  }

  /** A step went well: a retrying account is active again. */
  void succeeded() {
    failures = 0;
    if (mode == Mode.RETRYING) {
      mode = Mode.ACTIVE;
    }
  }

  /** A transient failure; returns how long to wait before the next try. */
  Duration failed(String error, Instant now, Duration min, Duration max) {
    lastError = Optional.of(error);
    long factor = 1L << Math.min(failures, 10);
    failures++;
    Duration wait = min.multipliedBy(factor);
    if (wait.compareTo(max) > 0) {
      wait = max;
    }
    if (!paused() && mode != Mode.RECONCILING) {
      mode = Mode.RETRYING;
    }
    until = now.plus(wait);
    return wait;
  }

  void pause(Mode reason, String error, Instant now, Duration recheck) {
    mode = reason;
    lastError = Optional.of(error);
    until = now.plus(recheck);
  }

  void resume() {
    if (paused()) {
      mode = Mode.ACTIVE;
      failures = 0;
    }
  }

  /** The refusal a new request gets while the account does not take work. */
  Optional<Refused> refusal(String ytVideoId) {
    return switch (mode) {
      case PAUSED_LOW_FUNDS ->
          Optional.of(
              new Refused(
                  ytVideoId,
                  Refused.ACCOUNT_LOW_FUNDS,
                  "the signer account cannot pay for videos; publishing on it is paused",
                  true));
      case FENCED ->
          Optional.of(
              new Refused(
                  ytVideoId,
                  Refused.ACCOUNT_FENCED,
                  "another writer uses the signer account's nonces; it stopped signing for a while",
                  true));
      default -> Optional.empty();
    };
  }
}
