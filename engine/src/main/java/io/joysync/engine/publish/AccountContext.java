package io.joysync.engine.publish;

import io.joysync.engine.publish.SignerAccount.Command;
import io.joysync.engine.publish.SignerAccount.State;
import io.joysync.joystream.keys.KeyPair;
import java.time.Clock;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/** What the parts of one {@link SignerAccount} share: identity, key, settings, chain, actor. */
record AccountContext(
    long memberId,
    KeyPair key,
    PublishingSettings settings,
    AccountChain chain,
    Clock clock,
    ActorContext<Command> actor,
    TimerScheduler<Command> timers,
    AccountWork work) {

  Instant now() {
    return clock.instant();
  }

  ActorRef<Command> self() {
    return actor.getSelf();
  }

  Logger log() {
    return actor.getLog();
  }

  /**
   * A log line of this account, carrying it as fields ({@code account}, {@code memberId}) so Kibana
   * filters an account's lines; lines about one extrinsic add its {@code extrinsicHash}.
   */
  LoggingEventBuilder line(Level level) {
    return actor
        .getLog()
        .atLevel(level)
        .addKeyValue("account", key.address())
        .addKeyValue("memberId", memberId);
  }

  AccountStatus status(State state) {
    return new AccountStatus(
        memberId,
        key.address(),
        work.freeBalance.map(Object::toString).orElse("unknown"),
        state.inFlight().isEmpty() ? state.nextNonce() : state.nonceAfterInFlight(),
        state.inFlight().size(),
        (int)
            state.inFlight().stream()
                .filter(b -> work.existingTrack(b.nonce()).map(t -> t.held).orElse(false))
                .count(),
        work.created.lastHour(now()),
        work.health.mode().name(),
        work.health.lastError());
  }
}
